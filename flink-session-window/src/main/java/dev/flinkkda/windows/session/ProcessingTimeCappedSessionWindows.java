package dev.flinkkda.windows.session;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.windowing.assigners.SessionWindowTimeGapExtractor;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;

/**
 * Session windows on processing time with an optional maximum duration: {@link
 * EventTimeCappedSessionWindows}, with each element stamped by the operator's clock when it
 * arrives. Elements therefore always arrive in order, and the sessions are exact with this assigner
 * alone. The default trigger fires when the processing time passes {@code end - 1}.
 *
 * <pre>
 *   gap 5 s, maximum 10 s, arrivals (s):  0  3  6  8  12 14        30
 *   windows                              [0 ──────── 10)[12 ── 19) [30 ── 35)
 * </pre>
 *
 * @param <T> the element type the gap extractor reads ({@code Object} for a fixed gap)
 */
@PublicEvolving
public final class ProcessingTimeCappedSessionWindows<T> extends CappedSessionWindowAssigner<T> {

    private static final long serialVersionUID = 1L;

    private ProcessingTimeCappedSessionWindows(
            SessionWindowTimeGapExtractor<T> gap, long maxDuration, MaxDurationRule rule) {
        super(gap, maxDuration, rule);
    }

    /**
     * Processing-time sessions closed by a gap larger than {@code gap}, not capped until {@link
     * #withMaxDuration} is called.
     *
     * @throws IllegalArgumentException if {@code gap} is not at least 1 millisecond
     */
    public static ProcessingTimeCappedSessionWindows<Object> withGap(Duration gap) {
        return new ProcessingTimeCappedSessionWindows<>(
                new FixedGap(gapMillis(gap)), UNLIMITED, MaxDurationRule.STRICT);
    }

    /**
     * Processing-time sessions whose gap each element sets, as Flink's {@code
     * DynamicProcessingTimeSessionWindows}: a session stays open until the latest {@code t +
     * gap(t)} of its elements. The extractor must return a positive number of milliseconds.
     */
    public static <T> ProcessingTimeCappedSessionWindows<T> withDynamicGap(
            SessionWindowTimeGapExtractor<T> gapExtractor) {
        return new ProcessingTimeCappedSessionWindows<>(
                gapExtractor, UNLIMITED, MaxDurationRule.STRICT);
    }

    /** These sessions, cut by the {@link MaxDurationRule#STRICT strict} rule. */
    public ProcessingTimeCappedSessionWindows<T> withMaxDuration(Duration maxDuration) {
        return withMaxDuration(maxDuration, MaxDurationRule.STRICT);
    }

    /** These sessions, cut at the given maximum duration by the given rule. */
    public ProcessingTimeCappedSessionWindows<T> withMaxDuration(
            Duration maxDuration, MaxDurationRule rule) {
        return new ProcessingTimeCappedSessionWindows<>(
                getGapExtractor(), maxDurationMillis(maxDuration), rule);
    }

    @Override
    long assignedTimestamp(long timestamp, WindowAssignerContext context) {
        return context.getCurrentProcessingTime();
    }

    @Override
    public Trigger<T, TimeWindow> getDefaultTrigger() {
        @SuppressWarnings("unchecked")
        Trigger<T, TimeWindow> trigger =
                (Trigger<T, TimeWindow>) (Trigger<?, ?>) ProcessingTimeTrigger.create();
        return trigger;
    }

    @Override
    public boolean isEventTime() {
        return false;
    }
}
