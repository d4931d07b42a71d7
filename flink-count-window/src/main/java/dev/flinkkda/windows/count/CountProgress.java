package dev.flinkkda.windows.count;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A key's progress on the count fast path: how many of its elements have arrived, the accumulator
 * of its open pane (null between panes), the timestamp of that pane's first element, and where the
 * current run of elements ends.
 *
 * <p>A key's elements are a sequence of runs: panes of {@code g} elements and, for a sampling
 * window, gaps of elements that are in no window. {@link #runEnd()} is the count at which the
 * current run ends — the open pane's last element, or, with no pane open, the last element of a gap
 * (at or below the count: no gap) — so the operator compares counts per element and never divides.
 *
 * <pre>
 *   tumbling count(3), elements a b c d
 *   after b: count 2, open pane [a b], first timestamp a's, run end 3
 *   after c: count 3, no open pane (the window a b c fired), run end 3
 *   after d: count 4, open pane [d], first timestamp d's, run end 6
 *
 *   sampling of(2, 5): per 5 elements a gap of 3, then two panes of 1 (g = 1)
 *   start:   count 0, run end 3 (elements 1..3 in no window)
 *   after 4: count 4, no open pane, run end 4 (pane [4] complete); after 5: run end 8 (the next gap)
 * </pre>
 *
 * <p>Mutable with primitive fields, so that changing it per element allocates nothing; on the heap
 * backend the operator changes the stored object in place. Serialized by {@link
 * CountProgressSerializer}.
 *
 * @param <ACC> accumulator type
 */
@Internal
final class CountProgress<ACC> {

    private long count;
    private ACC openPane;
    private long paneFirstTimestamp;
    private long runEnd;

    CountProgress(long count, ACC openPane, long paneFirstTimestamp, long runEnd) {
        this.count = count;
        this.openPane = openPane;
        this.paneFirstTimestamp = paneFirstTimestamp;
        this.runEnd = runEnd;
    }

    /** A key no element of which has arrived; its first {@code gap} elements are in no window. */
    static <ACC> CountProgress<ACC> start(long gap) {
        return new CountProgress<>(0L, null, Long.MIN_VALUE, gap);
    }

    /** The state's serializer, given the accumulator's. */
    static <ACC> TypeSerializer<CountProgress<ACC>> serializer(
            TypeSerializer<ACC> accumulatorSerializer) {
        return new CountProgressSerializer<>(accumulatorSerializer);
    }

    /** How many elements of the key have arrived. */
    long count() {
        return count;
    }

    /** One more element has arrived: the new count. */
    long countOne() {
        return ++count;
    }

    /** The open pane's accumulator; null between panes. */
    ACC openPane() {
        return openPane;
    }

    /** The timestamp of the open pane's first element ({@code Long.MIN_VALUE}: none). */
    long paneFirstTimestamp() {
        return paneFirstTimestamp;
    }

    /**
     * The count at which the current run ends: the open pane's last element; with no pane open, the
     * last element of a gap in no window (none if not above {@link #count()}).
     */
    long runEnd() {
        return runEnd;
    }

    /**
     * Opens a pane with {@code accumulator}, whose first element was at {@code firstTimestamp} and
     * whose last will be element {@code lastElement}.
     */
    void openPane(ACC accumulator, long firstTimestamp, long lastElement) {
        openPane = accumulator;
        paneFirstTimestamp = firstTimestamp;
        runEnd = lastElement;
    }

    void setOpenPane(ACC accumulator) {
        openPane = accumulator;
    }

    /**
     * The open pane is complete: none is open until the next element in a window, and elements up
     * to {@code gapEnd} are in none (at or below the count: the next element opens a pane).
     */
    void closePane(long gapEnd) {
        openPane = null;
        paneFirstTimestamp = Long.MIN_VALUE;
        runEnd = gapEnd;
    }

    @Override
    public String toString() {
        return "CountProgress{count="
                + count
                + ", openPane="
                + openPane
                + ", paneFirstTimestamp="
                + paneFirstTimestamp
                + ", runEnd="
                + runEnd
                + "}";
    }
}
