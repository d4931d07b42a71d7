package dev.flinkkda.windows.hopping;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Where hopping windows of {@code size} every {@code hop} lie on the time line. With size 3 and hop
 * 5 (a gap of 2 between windows):
 *
 * <pre>
 *   time            0    5    10   15
 *   EPOCH_STARTS    [0,3) [5,8) [10,13)       starts at multiples of hop
 *   EPOCH_ENDS        [2,5) [7,10) [12,15)    ends at multiples of hop
 *   START_INSTANT   startingAt(1): [1,4) [6,9) [11,14) …   nothing before 1
 * </pre>
 */
@PublicEvolving
public enum HoppingAlignment {

    /**
     * Windows {@code [k·hop, k·hop + size)} for every integer {@code k}: window starts at multiples
     * of the hop since the epoch, exactly as Flink's {@code SlidingEventTimeWindows} (without
     * offset). The default.
     */
    EPOCH_STARTS,

    /**
     * Windows {@code [k·hop - size, k·hop)}: at every multiple of the hop since the epoch, the last
     * {@code size} — eKuiper's {@code HOPPINGWINDOW}. The same windows as {@link #EPOCH_STARTS}
     * when the size is a multiple of the hop.
     */
    EPOCH_ENDS,

    /**
     * Windows {@code [start + k·hop, start + k·hop + size)} for {@code k >= 0} from an explicit
     * start instant, none before it — SA Engine's {@code twinagg(s, size, stride, start)}.
     */
    START_INSTANT,

    /**
     * Windows {@code [t0 + k·hop, t0 + k·hop + size)} for {@code k >= 0}, where {@code t0} is the
     * timestamp of the key's first element (the first to arrive that is not late), none before it —
     * SA Engine's {@code twinagg(s, size, stride)} without a start. Only the fast path ({@code
     * EventTimeHoppingWindows…incremental(keyed)}) keeps {@code t0} per key; a {@code
     * WindowAssigner} cannot.
     */
    FIRST_ELEMENT
}
