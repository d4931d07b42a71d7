package dev.flinkkda.windows.predicate;

import dev.flinkkda.windows.core.IncrementalWindowOperator;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * {@link PredicateWindows} with incremental aggregation: per key, the open window's accumulator is
 * one value of keyed state, so state and cost per element do not grow with the window. The
 * begin/end rules are {@link PredicateWindowTracker}'s.
 */
final class PredicateAggregateOperator<K, T, ACC, V, R>
        extends IncrementalWindowOperator<K, T, ACC, V, R, PredicateWindow>
        implements Triggerable<K, VoidNamespace>, PredicateWindowTracker.Contents<T> {

    private static final long serialVersionUID = 1L;

    private final PredicateWindows<T> windows;
    private final TypeInformation<ACC> accumulatorType;

    private transient ValueState<ACC> accumulator;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient PredicateWindowTracker<T> tracker;

    PredicateAggregateOperator(
            PredicateWindows<T> windows,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, PredicateWindow> windowFunction) {
        // a predicate window fires once: there is no form with per-window state to point to
        super(aggregate, windowFunction, "globalState()");
        this.windows = windows;
        this.accumulatorType = accumulatorType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        accumulator =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "predicate-accumulator", accumulatorType));
        timers = getInternalTimerService("predicate-flush", VoidNamespaceSerializer.INSTANCE, this);
        tracker =
                new PredicateWindowTracker<>(
                        windows, this, getRuntimeContext(), getMetricGroup(), timers);
    }

    @Override
    public void close() throws Exception {
        try {
            if (tracker != null) {
                tracker.close();
            }
        } finally {
            super.close();
        }
    }

    @Override
    protected long currentWatermark() {
        return timers.currentWatermark();
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        tracker.processElement(
                element.getValue(),
                element.hasTimestamp() ? element.getTimestamp() : Long.MIN_VALUE);
    }

    @Override
    public void add(T value) throws Exception {
        ACC current = accumulator.value();
        accumulator.update(
                aggregate.add(value, current == null ? aggregate.createAccumulator() : current));
    }

    @Override
    public void fire(PredicateWindow window) throws Exception {
        ACC complete = accumulator.value();
        accumulator.clear();
        emit(window, complete);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        tracker.onEventTime(timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {
        // only the event-time flush timer is registered
    }
}
