package dev.flinkkda.benchmarks;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Sums the values of a window's records: the aggregate every Flink benchmark uses. */
public final class SumAggregate implements AggregateFunction<IntLongRecord, Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(IntLongRecord record, Long accumulator) {
        return accumulator + record.value;
    }

    @Override
    public Long getResult(Long accumulator) {
        return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}
