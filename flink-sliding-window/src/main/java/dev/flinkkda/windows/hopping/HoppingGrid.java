package dev.flinkkda.windows.hopping;

import java.io.Serializable;

/**
 * The arithmetic of hopping windows and of the slices the fast path aggregates into. Window {@code
 * k} is {@code [offset + k·hop, offset + k·hop + size)} for {@code k >= firstWindow}. Times are
 * epoch milliseconds; all divisions round down, so negative times work too.
 *
 * <p><b>Slices.</b> With {@code hop < size}, windows overlap and are cut into <em>panes</em> of
 * {@code g = gcd(size, hop)}: pane {@code p} is {@code [offset + p·g, offset + (p+1)·g)}, window
 * {@code k} is the {@code size/g} consecutive panes from {@code k·hop/g}, and consecutive windows
 * are {@code hop/g} panes apart. With {@code hop >= size}, windows do not overlap and each window
 * is one slice by itself; time between windows belongs to no window (a gap).
 */
final class HoppingGrid implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long hop;
    private final long offset;
    private final long firstWindow;

    /** g = gcd(size, hop) with {@code hop < size}; unused otherwise. */
    private final long pane;

    /** hop / g: panes between the starts of two consecutive windows. */
    private final long panesPerHop;

    /** size / g: panes per window. */
    private final long panesPerWindow;

    /**
     * @param firstWindow the index of the first window, {@code Long.MIN_VALUE} for no first window
     */
    HoppingGrid(long size, long hop, long offset, long firstWindow) {
        this.size = size;
        this.hop = hop;
        this.offset = offset;
        this.firstWindow = firstWindow;
        if (hop < size) {
            this.pane = gcd(size, hop);
            this.panesPerHop = hop / pane;
            this.panesPerWindow = size / pane;
        } else {
            this.pane = size;
            this.panesPerHop = 1;
            this.panesPerWindow = 1;
        }
    }

    /** Where window 0 starts. */
    long start() {
        return offset;
    }

    /** The same windows from {@code start} on: window 0 is {@code [start, start + size)}. */
    HoppingGrid startingAt(long start) {
        return new HoppingGrid(size, hop, start, 0);
    }

    /**
     * The latest window's {@code end - 1} for an element at {@code t} ({@code Long.MAX_VALUE} on
     * overflow).
     */
    long lastFireTimeOf(long t) {
        long end = windowEnd(lastWindowOf(t));
        return end > t ? end - 1 : Long.MAX_VALUE;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Whether windows overlap, so that the fast path cuts them into panes. */
    boolean hasPanes() {
        return hop < size;
    }

    long windowStart(long k) {
        return offset + k * hop;
    }

    long windowEnd(long k) {
        return offset + k * hop + size;
    }

    /** The latest window starting at or before {@code t} (ignoring the first window). */
    long lastWindowOf(long t) {
        return Math.floorDiv(t - offset, hop);
    }

    /** The earliest window that ends after {@code t}, and not before the first window. */
    long firstWindowOf(long t) {
        return Math.max(Math.floorDiv(t - offset - size, hop) + 1, firstWindow);
    }

    /** Whether {@code t} is in some window: not in a gap and not before the first window. */
    boolean inSomeWindow(long t) {
        return firstWindowOf(t) <= lastWindowOf(t);
    }

    /** Whether a window ends exactly at {@code end} (exclusive end). */
    boolean isWindowEnd(long end) {
        return Math.floorMod(end - offset - size, hop) == 0 && windowEndingAt(end) >= firstWindow;
    }

    /** The window whose (exclusive) end is {@code end}, if {@link #isWindowEnd}. */
    long windowEndingAt(long end) {
        return Math.floorDiv(end - offset - size, hop);
    }

    /** The first window whose end - 1 is after {@code time}: the next to fire at that watermark. */
    long firstWindowFiringAfter(long time) {
        // windowEnd(k) - 1 > time  <=>  k > (time + 1 - offset - size) / hop
        return Math.max(Math.floorDiv(time + 1 - offset - size, hop) + 1, firstWindow);
    }

    // ---- panes (hop < size) ----

    long paneOf(long t) {
        return Math.floorDiv(t - offset, pane);
    }

    long paneEnd(long p) {
        return offset + (p + 1) * pane;
    }

    /** Whether a pane ends exactly at {@code end}. */
    boolean isPaneEnd(long end) {
        return Math.floorMod(end - offset, pane) == 0;
    }

    /** The pane whose (exclusive) end is {@code end}, if {@link #isPaneEnd}. */
    long paneEndingAt(long end) {
        return Math.floorDiv(end - offset, pane) - 1;
    }

    /** The first window that contains pane {@code p}. */
    long firstWindowOfPane(long p) {
        // smallest k with k·a + b - 1 >= p, i.e. ceil((p + 1 - b) / a)
        return Math.max(Math.floorDiv(p - panesPerWindow + panesPerHop, panesPerHop), firstWindow);
    }

    /** The last window that contains pane {@code p} (below the first window: none). */
    long lastWindowOfPane(long p) {
        return Math.floorDiv(p, panesPerHop);
    }

    long firstPane(long k) {
        return k * panesPerHop;
    }

    long lastPane(long k) {
        return k * panesPerHop + panesPerWindow - 1;
    }
}
