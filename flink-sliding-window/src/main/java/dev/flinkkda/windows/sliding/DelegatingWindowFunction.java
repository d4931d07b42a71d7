package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.functions.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * A window function of {@link PerEventSlidingAggregateOperator} that hands each window on to a
 * user's {@code function} of another shape: gives it the runtime context, opens and closes it (when
 * it is a rich function) with the operator.
 *
 * @param <V> what the operator hands over per window
 * @param <F> the user's function
 */
abstract class DelegatingWindowFunction<V, R, K, F extends Function>
        extends ProcessWindowFunction<V, R, K, TimeWindow> {

    private static final long serialVersionUID = 1L;

    protected final F function;

    DelegatingWindowFunction(F function) {
        this.function = function;
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
}
