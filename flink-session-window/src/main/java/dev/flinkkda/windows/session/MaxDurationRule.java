package dev.flinkkda.windows.session;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How a session window's maximum duration cuts a session that keeps receiving elements. Both rules
 * give each session a <em>cut instant</em> {@code C} fixed by its start {@code s}: an element at or
 * after {@code C} never joins the session (it opens the next one), and the session's window ends at
 * {@code C} at the latest.
 *
 * <pre>
 *   maxDuration 10, gap 5, elements every 3 from 1:  1 4 7 10 13 16 19 22 25
 *
 *   STRICT          C = s + 10        [1 ─── 11)[13 ──── 23)[25 ─ 30)
 *                                      1 4 7 10  13 16 19 22  25
 *   ALIGNED_CHECKS  checks at 0 10 20 30 …; C = first check T with T - 10 > s
 *                   s = 1 → C = 20     [1 ─────────── 20)[22 ─── 30)
 *                                      1 4 7 10 13 16 19  22 25
 * </pre>
 */
@PublicEvolving
public enum MaxDurationRule {

    /**
     * A session never outlasts the maximum duration: it is cut at {@code start + maxDuration}, and
     * the first element at or after that instant opens the next session. The default.
     */
    STRICT {
        @Override
        long cut(long start, long maxDuration) {
            long cut = start + maxDuration;
            return cut > start ? cut : Long.MAX_VALUE; // overflow
        }
    },

    /**
     * eKuiper's {@code SESSIONWINDOW}: the maximum duration is checked at epoch-aligned multiples
     * of it ({@code t = 0, 10, 20, …} for 10). A session that started at {@code s} is cut at the
     * first check {@code T} with {@code T - maxDuration > s}, so it may last up to twice the
     * maximum. The element exactly at {@code T} goes to the next session.
     */
    ALIGNED_CHECKS {
        @Override
        long cut(long start, long maxDuration) {
            // The first multiple T of maxDuration with T > start + maxDuration.
            long checksBefore = Math.floorDiv(start, maxDuration) + 2;
            if (checksBefore > Long.MAX_VALUE / maxDuration) {
                return Long.MAX_VALUE;
            }
            return checksBefore * maxDuration;
        }
    };

    /** The instant at which a session that started at {@code start} is cut. */
    abstract long cut(long start, long maxDuration);
}
