package dev.flinkkda.windows.core;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * An {@link IncrementalWindowedStream} whose operator handles late data as Flink's {@code
 * WindowedStream} does: an allowed lateness during which fired windows are kept and late elements
 * still update them, and a side output for elements too late for any window (without it they are
 * dropped and counted). What "late" means for a window kind is said by the subclass.
 *
 * @param <T> element type
 * @param <K> key type
 * @param <W> the window the window function sees
 * @param <S> the subclass, returned by the settings so that calls chain
 */
@PublicEvolving
public abstract class LateDataWindowedStream<
                T, K, W extends Window, S extends LateDataWindowedStream<T, K, W, S>>
        extends IncrementalWindowedStream<T, K, W> {

    private long allowedLateness;
    private OutputTag<T> lateDataTag;
    private LateRule lateRule;

    protected LateDataWindowedStream(KeyedStream<T, K> input) {
        super(input);
    }

    /**
     * Keeps fired windows for this long after they fired, so that late elements still update them
     * (each update fires the window again). Default: zero.
     *
     * @throws IllegalArgumentException if {@code lateness} is null, negative or not whole
     *     milliseconds
     */
    public S allowedLateness(Duration lateness) {
        if (lateness == null || lateness.isNegative()) {
            throw new IllegalArgumentException(
                    "allowed lateness must be zero or positive, was " + lateness);
        }
        if (lateness.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "allowed lateness must be a whole number of milliseconds, was " + lateness);
        }
        this.allowedLateness = lateness.toMillis();
        return self();
    }

    /** Sends elements too late for any window to this side output instead of dropping them. */
    public S sideOutputLateData(OutputTag<T> outputTag) {
        if (outputTag == null) {
            throw new IllegalArgumentException("the late-data output tag must not be null");
        }
        this.lateDataTag = outputTag;
        return self();
    }

    /**
     * When an element is late (event time): {@link LateRule#WINDOW_END}, Flink's rule and the
     * default unless the window kind says otherwise, or {@link LateRule#ELEMENT_TIMESTAMP},
     * eKuiper's.
     */
    public S lateRule(LateRule rule) {
        WindowArguments.notNull(rule, "the late rule");
        this.lateRule = rule;
        return self();
    }

    /** The late rule set, or the window kind's default. */
    protected LateRule lateRule() {
        return lateRule != null ? lateRule : defaultLateRule();
    }

    /** The late rule of this window kind when none is set: Flink's. */
    protected LateRule defaultLateRule() {
        return LateRule.WINDOW_END;
    }

    /** The allowed lateness in milliseconds. */
    protected long allowedLateness() {
        return allowedLateness;
    }

    /** The late side output, or null to drop (and count) late elements. */
    protected OutputTag<T> lateDataTag() {
        return lateDataTag;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}
