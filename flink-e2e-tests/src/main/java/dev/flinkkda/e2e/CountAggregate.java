package dev.flinkkda.e2e;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts the events of a window: one {@code long} of state per open window. */
public class CountAggregate implements AggregateFunction<TickerEvent, Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(TickerEvent value, Long accumulator) {
        return accumulator + 1;
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
