package dev.flinkkda.windows.predicate;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * {@link PredicateWindows} with a {@link ProcessWindowFunction} over all elements of each window:
 * per key, the open window's elements are kept in list state (appended, never rewritten) and given
 * to the function, in arrival order, when the window closes. The begin/end rules are {@link
 * PredicateWindowTracker}'s. Results carry the window's {@link PredicateWindow#maxTimestamp()}
 * (none if it is {@code Long.MIN_VALUE}), as on the aggregate path.
 */
final class PredicateProcessOperator<K, T, R>
        extends AbstractUdfStreamOperator<R, ProcessWindowFunction<T, R, K, PredicateWindow>>
        implements OneInputStreamOperator<T, R>,
                Triggerable<K, VoidNamespace>,
                PredicateWindowTracker.Contents<T> {

    private static final long serialVersionUID = 1L;

    private final PredicateWindows<T> windows;
    private final TypeInformation<T> elementType;

    private transient ListState<T> elements;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient PredicateWindowTracker<T> tracker;
    private transient TimestampedCollector<R> collector;
    private transient WindowContext context;

    PredicateProcessOperator(
            PredicateWindows<T> windows,
            TypeInformation<T> elementType,
            ProcessWindowFunction<T, R, K, PredicateWindow> function) {
        super(function);
        this.windows = windows;
        this.elementType = elementType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        elements =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("predicate-elements", elementType));
        timers = getInternalTimerService("predicate-flush", VoidNamespaceSerializer.INSTANCE, this);
        collector = new TimestampedCollector<>(output);
        context = new WindowContext(userFunction);
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
    public void processElement(StreamRecord<T> element) throws Exception {
        tracker.processElement(
                element.getValue(),
                element.hasTimestamp() ? element.getTimestamp() : Long.MIN_VALUE);
    }

    @Override
    public void add(T value) throws Exception {
        elements.add(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void fire(PredicateWindow window) throws Exception {
        if (window.maxTimestamp() == Long.MIN_VALUE) {
            collector.eraseTimestamp();
        } else {
            collector.setAbsoluteTimestamp(window.maxTimestamp());
        }
        context.window = window;
        userFunction.process((K) getCurrentKey(), context, elements.get(), collector);
        elements.clear();
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        tracker.onEventTime(timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {
        // only the event-time flush timer is registered
    }

    /** The window function's view of the window being emitted. */
    private final class WindowContext
            extends ProcessWindowFunction<T, R, K, PredicateWindow>.Context {

        private static final long serialVersionUID = 1L;

        private PredicateWindow window;

        WindowContext(ProcessWindowFunction<T, R, K, PredicateWindow> function) {
            function.super();
        }

        @Override
        public PredicateWindow window() {
            return window;
        }

        @Override
        public long currentProcessingTime() {
            return getProcessingTimeService().getCurrentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public KeyedStateStore windowState() {
            // A predicate window fires once and is gone: state of its own would be dropped at once.
            throw new UnsupportedOperationException(
                    "Predicate windows fire once and keep no per-window state; use globalState()"
                            + " for state that outlives a window.");
        }

        @Override
        public KeyedStateStore globalState() {
            return getKeyedStateStore();
        }

        @Override
        public <X> void output(OutputTag<X> outputTag, X value) {
            output.collect(
                    outputTag,
                    window.maxTimestamp() == Long.MIN_VALUE
                            ? new StreamRecord<>(value)
                            : new StreamRecord<>(value, window.maxTimestamp()));
        }
    }
}
