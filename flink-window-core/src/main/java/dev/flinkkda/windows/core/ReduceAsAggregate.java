package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;

/**
 * A {@link ReduceFunction} as an {@link AggregateFunction} whose accumulator is the reduced value
 * ({@code null} before the first element), so one operator serves both. The reduce function's
 * runtime context, {@code open} and {@code close} are passed on.
 */
@Internal
public final class ReduceAsAggregate<T> extends AbstractRichFunction
        implements AggregateFunction<T, T, T> {

    private static final long serialVersionUID = 1L;

    private final ReduceFunction<T> reduce;

    public ReduceAsAggregate(ReduceFunction<T> reduce) {
        this.reduce = reduce;
    }

    @Override
    public T createAccumulator() {
        return null;
    }

    @Override
    public T add(T value, T accumulator) {
        try {
            return accumulator == null ? value : reduce.reduce(accumulator, value);
        } catch (Exception e) {
            throw new IllegalStateException("the window's ReduceFunction failed", e);
        }
    }

    @Override
    public T getResult(T accumulator) {
        return accumulator;
    }

    @Override
    public T merge(T a, T b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : add(b, a);
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        FunctionUtils.setFunctionRuntimeContext(reduce, context);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        FunctionUtils.openFunction(reduce, openContext);
    }

    @Override
    public void close() throws Exception {
        FunctionUtils.closeFunction(reduce);
    }
}
