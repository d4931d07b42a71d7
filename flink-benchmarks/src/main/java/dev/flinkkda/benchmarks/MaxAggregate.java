package dev.flinkkda.benchmarks;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * The largest value of a window's records: {@link SumAggregate}'s counterpart for an aggregate that
 * cannot be undone by subtraction (the window's maximum cannot be retracted when a record leaves).
 * An empty window's accumulator is {@link Long#MIN_VALUE}; no window is empty.
 */
public final class MaxAggregate implements AggregateFunction<IntLongRecord, Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
        return Long.MIN_VALUE;
    }

    @Override
    public Long add(IntLongRecord record, Long accumulator) {
        return Math.max(accumulator, record.value);
    }

    @Override
    public Long getResult(Long accumulator) {
        return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
        return Math.max(a, b);
    }
}
