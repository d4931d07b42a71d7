package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.Collections;

/**
 * The common part of the window modules' incremental operators: an {@link AggregateFunction} whose
 * result for a window is handed, with the key and the window, to a {@link ProcessWindowFunction}.
 * Subclasses keep the windows and accumulators; {@link #emit} fires one. Results carry the window's
 * {@link Window#maxTimestamp()} (none if that is {@code Long.MIN_VALUE}). The window function's
 * context has no per-window state.
 *
 * <p>An operator that judges lateness itself is built with the name of its {@link
 * RestoredWatermarks} state and judges each element by {@link #latenessWatermark()}: after a
 * restore that is at least the watermark the key's state had reached, as if the job had not failed.
 */
@Internal
public abstract class IncrementalWindowOperator<K, T, ACC, V, R, W extends Window>
        extends AbstractUdfStreamOperator<R, ProcessWindowFunction<V, R, K, W>>
        implements OneInputStreamOperator<T, R> {

    private static final long serialVersionUID = 1L;

    protected final AggregateFunction<T, ACC, V> aggregate;
    private final String fullWindowAlternative;
    private final String restoredWatermarksState;

    private transient TimestampedCollector<R> collector;
    private transient WindowContext context;
    private transient RestoredWatermarks restoredWatermarks;

    /**
     * An operator without a notion of late elements.
     *
     * @param fullWindowAlternative what to use instead for per-window state, named in the error
     */
    protected IncrementalWindowOperator(
            AggregateFunction<T, ACC, V> aggregate,
            ProcessWindowFunction<V, R, K, W> windowFunction,
            String fullWindowAlternative) {
        this(aggregate, windowFunction, fullWindowAlternative, null);
    }

    /**
     * An operator that judges lateness by {@link #latenessWatermark()}.
     *
     * @param fullWindowAlternative what to use instead for per-window state, named in the error
     * @param restoredWatermarksState the name of the operator state of its {@link
     *     RestoredWatermarks}
     */
    protected IncrementalWindowOperator(
            AggregateFunction<T, ACC, V> aggregate,
            ProcessWindowFunction<V, R, K, W> windowFunction,
            String fullWindowAlternative,
            String restoredWatermarksState) {
        super(windowFunction);
        this.aggregate = aggregate;
        this.fullWindowAlternative = fullWindowAlternative;
        this.restoredWatermarksState = restoredWatermarksState;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (restoredWatermarksState != null) {
            restoredWatermarks =
                    RestoredWatermarks.restore(
                            context, getRuntimeContext().getTaskInfo(), restoredWatermarksState);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (restoredWatermarks != null) {
            restoredWatermarks.snapshot(timeReached());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        FunctionUtils.setFunctionRuntimeContext(aggregate, getRuntimeContext());
        FunctionUtils.openFunction(aggregate, DefaultOpenContext.INSTANCE);
        collector = new TimestampedCollector<>(output);
        context = new WindowContext(userFunction);
    }

    @Override
    public void close() throws Exception {
        try {
            FunctionUtils.closeFunction(aggregate);
        } finally {
            super.close();
        }
    }

    /** The watermark the window function's context reports. */
    protected long currentWatermark() {
        return Long.MIN_VALUE;
    }

    /**
     * What the {@link RestoredWatermarks} checkpoint: {@link #currentWatermark()}; an operator on
     * processing time may keep how far its timers have run instead.
     */
    protected long timeReached() {
        return currentWatermark();
    }

    /**
     * The watermark an element of the current key is judged late by: {@link #currentWatermark()},
     * but after a restore at least the watermark the key's state had reached. Only for an operator
     * built with a {@code restoredWatermarksState}.
     */
    protected long latenessWatermark() {
        return restoredWatermarks.forKey(getCurrentKey(), currentWatermark());
    }

    /**
     * The furthest {@link #timeReached()} restored for this subtask's key groups; {@code
     * Long.MIN_VALUE} without restore. Only for an operator built with a {@code
     * restoredWatermarksState}, from {@code open()} on.
     */
    protected long highestRestoredTime() {
        return restoredWatermarks.highest();
    }

    /** Passes the result of {@code accumulator} for {@code window} to the window function. */
    @SuppressWarnings("unchecked")
    protected void emit(W window, ACC accumulator) throws Exception {
        if (window.maxTimestamp() == Long.MIN_VALUE) {
            collector.eraseTimestamp();
        } else {
            collector.setAbsoluteTimestamp(window.maxTimestamp());
        }
        context.window = window;
        userFunction.process(
                (K) getCurrentKey(),
                context,
                Collections.singletonList(aggregate.getResult(accumulator)),
                collector);
    }

    /** The window function's view of the window being emitted. */
    private final class WindowContext extends ProcessWindowFunction<V, R, K, W>.Context {

        private static final long serialVersionUID = 1L;

        private W window;

        WindowContext(ProcessWindowFunction<V, R, K, W> function) {
            function.super();
        }

        @Override
        public W window() {
            return window;
        }

        @Override
        public long currentProcessingTime() {
            return getProcessingTimeService().getCurrentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return IncrementalWindowOperator.this.currentWatermark();
        }

        @Override
        public KeyedStateStore windowState() {
            throw new UnsupportedOperationException(
                    "Per-window state is not available on the incremental path; use "
                            + fullWindowAlternative
                            + " for it.");
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
