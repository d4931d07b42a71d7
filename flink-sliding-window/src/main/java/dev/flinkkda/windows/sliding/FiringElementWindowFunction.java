package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * A {@link PerEventResultFunction} as the window function of {@link
 * PerEventSlidingAggregateOperator}: before each window is emitted the operator hands over the
 * element that fired it ({@link #firedBy}); the aggregate and the window come as for any window
 * function. Opens, closes and gives the runtime context to a rich result function.
 */
final class FiringElementWindowFunction<T, V, R, K>
        extends ProcessWindowFunction<V, R, K, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final PerEventResultFunction<T, V, R> function;

    private transient T element;

    FiringElementWindowFunction(PerEventResultFunction<T, V, R> function) {
        this.function = function;
    }

    /** The element whose window is emitted next. */
    void firedBy(T element) {
        this.element = element;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        FunctionUtils.setFunctionRuntimeContext(function, context);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        FunctionUtils.openFunction(function, openContext);
    }

    @Override
    public void close() throws Exception {
        FunctionUtils.closeFunction(function);
    }

    @Override
    public void process(K key, Context context, Iterable<V> aggregates, Collector<R> out)
            throws Exception {
        if (element == null) {
            throw new IllegalStateException("a per-event window without its firing element");
        }
        R result = function.apply(element, aggregates.iterator().next(), context.window());
        element = null;
        if (result != null) {
            out.collect(result);
        }
    }
}
