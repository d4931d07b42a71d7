package dev.flinkkda.windows.core;

import org.apache.flink.annotation.PublicEvolving;

/**
 * When an element counts as late on event time: too late for its windows (Flink's rule), or behind
 * the watermark when it arrives (eKuiper's rule). A late element goes to the late side output, or
 * is dropped and counted in {@value LateRecords#DROPPED_METRIC}. With allowed lateness {@code L}
 * and the operator's watermark {@code W} when the element arrives:
 *
 * <pre>
 *   windows of 10 ms: [0, 10) [10, 20)      watermark W = 12, L = 0
 *   element at 15  ─ on time under both rules
 *   element at 11  ─ WINDOW_END:        on time, [10, 20) has not fired (19 > 12)
 *                    ELEMENT_TIMESTAMP: late, 11 ≤ 12
 *   element at 5   ─ late under both: [0, 10) fired at 9
 * </pre>
 *
 * <p>The rule is an option of the fast paths ({@code windows.incremental(keyed).lateRule(…)}); the
 * exact path, Flink's own {@code WindowedStream}, has Flink's rule.
 */
@PublicEvolving
public enum LateRule {

    /**
     * Flink's rule, the default: an element is late when every window it belongs to has fired and
     * its allowed lateness has passed ({@code maxTimestamp(window) + L <= W} for each of them).
     */
    WINDOW_END,

    /**
     * eKuiper's rule: an element is late when its own timestamp is at or behind the watermark on
     * arrival ({@code t + L <= W}), even if a window it belongs to is still open. Elements that
     * pass are the ones a window that has not fired yet still expects.
     */
    ELEMENT_TIMESTAMP;

    /**
     * Whether an element at {@code timestamp} is late under this rule.
     *
     * @param lastWindowMaxTimestamp the largest {@code end - 1} of the element's windows (only
     *     {@link #WINDOW_END} reads it)
     */
    public boolean isLate(
            long timestamp, long lastWindowMaxTimestamp, long allowedLateness, long watermark) {
        long judged = this == WINDOW_END ? lastWindowMaxTimestamp : timestamp;
        long kept = judged + allowedLateness;
        return (kept >= judged ? kept : Long.MAX_VALUE) <= watermark; // overflow: never late
    }

    /**
     * Whether an element is late before its windows are known: under {@link #ELEMENT_TIMESTAMP}
     * when {@code t + L <= W}; never under {@link #WINDOW_END}, where its windows decide. A fast
     * path asks this first, on arrival, then places the element as under Flink's rule.
     *
     * <pre>
     *   open window [0, 100), W = 50, L = 0:  element at 40 ─ WINDOW_END: joins [0, 100)
     *                                                         ELEMENT_TIMESTAMP: late
     * </pre>
     */
    public boolean isLateOnArrival(long timestamp, long allowedLateness, long watermark) {
        return this == ELEMENT_TIMESTAMP
                && isLate(timestamp, timestamp, allowedLateness, watermark);
    }
}
