package dev.flinkkda.windows.testing;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.List;

/**
 * The common part of the brute-force references that are fed like a pipeline, in arrival order (the
 * randomized tests with late data): the windows fired and the late elements, kept as lists, and the
 * watermark, the highest fed so far — also across a restore of the pipeline under test.
 *
 * <pre>
 *   element(k, t, v) ─▶ subclass: joins, waits or {@link #lateElement}
 *   watermark(w)     ─▶ if w is higher: {@link #advance} (subclass: place, {@link #fired})
 * </pre>
 */
public abstract class ReferencePipeline implements WindowPipeline {

    private final List<WindowResult> results = new ArrayList<>();
    private final List<Tuple3<String, Long, Long>> late = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;

    /** The highest watermark fed so far; {@code Long.MIN_VALUE} before the first. */
    protected final long currentWatermark() {
        return watermark;
    }

    @Override
    public final void watermark(long timestamp) {
        if (timestamp > watermark) {
            watermark = timestamp;
            advance();
        }
    }

    /** Moves event time to {@link #currentWatermark()}: places what waited, fires what is due. */
    protected abstract void advance();

    /** A window fired (or fired again). */
    protected final void fired(WindowResult window) {
        results.add(window);
    }

    /** An element too late: what the late side output should hold. */
    protected final void lateElement(Tuple3<String, Long, Long> element) {
        late.add(element);
    }

    @Override
    public final List<WindowResult> results() {
        return results;
    }

    @Override
    public final List<Tuple3<String, Long, Long>> late() {
        return late;
    }

    @Override
    public void close() {}
}
