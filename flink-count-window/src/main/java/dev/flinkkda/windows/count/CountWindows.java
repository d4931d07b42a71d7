package dev.flinkkda.windows.count;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;

import java.io.Serializable;

/**
 * Count windows with a size and a stride (eKuiper's {@code COUNTWINDOW(size, interval)}, SA
 * Engine's {@code winagg(s, size, stride)}): per key, elements are numbered {@code n = 1, 2, …}; at
 * every {@code n} with {@code n % stride == 0} and {@code n >= size}, the last {@code size}
 * elements form a window.
 *
 * <pre>
 *   n:              1  2  3  4  5  6  7  8  9 10 11 12
 *   of(5, 5)  tumbling          [1 ......... 5][6 ......... 10]
 *   of(5, 2)  sliding                 [2 ........ 6]
 *                                           [4 ........ 8]   …   (every 2nd element from 6 on)
 *   of(4, 6)  sampling               [3 ..... 6]         [9 .... 12]   (1, 2, 7, 8 in no window)
 * </pre>
 *
 * <p>Use with Flink's windowed stream, the window function gets the elements of each window:
 *
 * <pre>{@code
 * CountWindows.of(5, 2).window(readings.keyBy(Reading::sensor)).process(new AverageOfLatestFive());
 * // the same, spelled out:
 * readings.keyBy(Reading::sensor)
 *     .window(GlobalWindows.create())
 *     .trigger(CountWindows.of(5, 2).trigger())
 *     .evictor(CountWindows.of(5, 2).evictor())
 *     .process(new AverageOfLatestFive());
 * }</pre>
 *
 * <p>Flink's own {@code countWindow(size, slide)} also fires at {@code n = slide, 2·slide, …}
 * before {@code n} reaches {@code size}, with fewer elements; {@link #firingPartialWindows()}
 * reproduces that.
 *
 * <p>Elements that a filter before the window drops are not counted. Counts are per key and are
 * kept in the trigger's keyed state, so they survive a restore and the numbering continues.
 */
@PublicEvolving
public final class CountWindows implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long stride;
    private final boolean partialWindows;

    private CountWindows(long size, long stride, boolean partialWindows) {
        this.size = size;
        this.stride = stride;
        this.partialWindows = partialWindows;
    }

    /**
     * Windows of the last {@code size} elements every {@code stride} elements.
     *
     * @param size elements per window, positive
     * @param stride elements between two windows, positive; {@code stride == size} is tumbling,
     *     smaller is sliding, larger is sampling
     * @throws IllegalArgumentException naming the argument that is not positive
     */
    public static CountWindows of(long size, long stride) {
        if (size <= 0) {
            throw new IllegalArgumentException("count window size must be positive, was " + size);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException(
                    "count window stride must be positive, was " + stride);
        }
        return new CountWindows(size, stride, false);
    }

    /** Tumbling count windows: {@code of(size, size)}. */
    public static CountWindows tumbling(long size) {
        return of(size, size);
    }

    /**
     * Also fires at every {@code n % stride == 0} before {@code n} reaches {@code size}, with the
     * {@code n} elements so far — the behaviour of Flink's {@code countWindow(size, slide)}.
     */
    public CountWindows firingPartialWindows() {
        return new CountWindows(size, stride, true);
    }

    public long getSize() {
        return size;
    }

    public long getStride() {
        return stride;
    }

    public boolean isFiringPartialWindows() {
        return partialWindows;
    }

    /** Whether the window ending at element {@code n} (counting from 1) fires. */
    boolean firesAt(long n) {
        return n % stride == 0 && (partialWindows || n >= size);
    }

    /** The trigger: fires when the key's element count {@code n} completes a window. */
    public CountWindowTrigger trigger() {
        return new CountWindowTrigger(this);
    }

    /**
     * The evictor: passes the last {@code size} elements to the window function and keeps only the
     * ones the next window still needs.
     *
     * @throws IllegalArgumentException if {@code size} is more than a window can hold
     */
    public CountWindowEvictor evictor() {
        return new CountWindowEvictor(this);
    }

    /**
     * {@code input.window(GlobalWindows.create()).trigger(trigger()).evictor(evictor())}: Flink's
     * windowed stream of these count windows.
     *
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <T, K> WindowedStream<T, K, GlobalWindow> window(KeyedStream<T, K> input) {
        return WindowArguments.notNull(input, "the keyed stream")
                .window(GlobalWindows.create())
                .trigger(trigger())
                .evictor(evictor());
    }

    /**
     * The fast path for {@code aggregate} and {@code reduce}: one operator whose cost per element
     * and state do not grow with size or stride (see {@link CountWindowedStream}).
     *
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <T, K> CountWindowedStream<T, K> incremental(KeyedStream<T, K> input) {
        return new CountWindowedStream<>(input, this);
    }

    @Override
    public String toString() {
        return "CountWindows(size="
                + size
                + ", stride="
                + stride
                + (partialWindows ? ", partial windows" : "")
                + ")";
    }
}
