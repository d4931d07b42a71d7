package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What the event-time and processing-time hopping assigners share: windows of {@code size} every
 * {@code hop}, placed by a {@link HoppingAlignment}, as {@link TimeWindow}s {@code [start, end)}.
 * An element is assigned to every window that contains its timestamp — none if it lies in a gap
 * ({@code hop > size}) or before the start instant — latest window first, as Flink's {@code
 * SlidingEventTimeWindows} does.
 */
@PublicEvolving
public abstract class HoppingWindowAssigner extends WindowAssigner<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long hop;
    private final HoppingAlignment alignment;
    private final long start;
    private final HoppingGrid grid;

    /**
     * @param start the start instant in epoch milliseconds; only read for {@link
     *     HoppingAlignment#START_INSTANT}
     */
    HoppingWindowAssigner(long size, long hop, HoppingAlignment alignment, long start) {
        this.size = size;
        this.hop = hop;
        this.alignment = alignment;
        this.start = alignment == HoppingAlignment.START_INSTANT ? start : 0;
        switch (alignment) {
            case EPOCH_STARTS:
                this.grid = new HoppingGrid(size, hop, 0, Long.MIN_VALUE);
                break;
            case EPOCH_ENDS:
                this.grid = new HoppingGrid(size, hop, Math.floorMod(-size, hop), Long.MIN_VALUE);
                break;
            case FIRST_ELEMENT:
                // the windows from t0 = 0; the fast path moves them to each key's t0
                this.grid = new HoppingGrid(size, hop, 0, 0);
                break;
            default:
                this.grid = new HoppingGrid(size, hop, start, 0);
        }
    }

    /** The window length in milliseconds. */
    public long getSize() {
        return size;
    }

    /** The distance between the starts of two consecutive windows, in milliseconds. */
    public long getHop() {
        return hop;
    }

    public HoppingAlignment getAlignment() {
        return alignment;
    }

    /** The start instant, with {@link HoppingAlignment#START_INSTANT}; empty otherwise. */
    public Optional<Instant> getStart() {
        return alignment == HoppingAlignment.START_INSTANT
                ? Optional.of(Instant.ofEpochMilli(start))
                : Optional.empty();
    }

    HoppingGrid grid() {
        return grid;
    }

    /** The time the windows of an element are computed from: its timestamp, or the clock. */
    abstract long windowTime(long timestamp, WindowAssignerContext context);

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        if (alignment == HoppingAlignment.FIRST_ELEMENT) {
            throw firstElementNeedsTheFastPath();
        }
        long time = windowTime(timestamp, context);
        long last = grid.lastWindowOf(time);
        long first = grid.firstWindowOf(time);
        if (first > last) {
            return Collections.emptyList(); // in a gap, or before the start
        }
        List<TimeWindow> windows = new ArrayList<>((int) Math.min(last - first + 1, 1 << 16));
        for (long k = last; k >= first; k--) {
            windows.add(new TimeWindow(grid.windowStart(k), grid.windowEnd(k)));
        }
        return windows;
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    /**
     * @deprecated Flink calls {@link #getDefaultTrigger()}.
     */
    @Deprecated
    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger(StreamExecutionEnvironment env) {
        return getDefaultTrigger();
    }

    @Override
    public String toString() {
        String placement;
        switch (alignment) {
            case EPOCH_STARTS:
                placement = "epoch-aligned starts";
                break;
            case EPOCH_ENDS:
                placement = "epoch-aligned ends";
                break;
            case FIRST_ELEMENT:
                placement = "aligned to each key's first element";
                break;
            default:
                placement = "starting at " + Instant.ofEpochMilli(start);
        }
        return getClass().getSimpleName()
                + "(size="
                + size
                + " ms, hop="
                + hop
                + " ms, "
                + placement
                + ")";
    }

    /**
     * Windows aligned to each key's first element on Flink's window operator: a {@code
     * WindowAssigner} sees one element at a time, with no keyed state to remember a key's first.
     */
    static UnsupportedOperationException firstElementNeedsTheFastPath() {
        return new UnsupportedOperationException(
                "hopping windows aligned to the first element need the key's first timestamp in"
                        + " keyed state, which a WindowAssigner (keyedStream.window(...)) does not"
                        + " have: use EventTimeHoppingWindows.of(size, hop).alignedToFirstElement()"
                        + ".incremental(keyedStream), or .startingAt(instant) with the assigner");
    }

    /** A size or hop in whole milliseconds, validated. */
    static long toMillis(Duration duration, String what) {
        return WindowArguments.positiveMillis(duration, "hopping window " + what);
    }

    /** A start instant in whole epoch milliseconds, validated. */
    static long toEpochMillis(Instant start) {
        if (start == null) {
            throw new IllegalArgumentException(
                    "the start instant of hopping windows must not be null");
        }
        if (start.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "the start instant of hopping windows must be a whole number of epoch "
                            + "milliseconds, was "
                            + start);
        }
        try {
            return start.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "the start instant of hopping windows is out of the range of epoch "
                            + "milliseconds: "
                            + start,
                    e);
        }
    }
}
