package dev.flinkkda.windows.stagger;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Emits a window's aggregate as it is, for {@code aggregate}/{@code reduce} without a function. */
final class PassThroughWindowFunction<V, K> extends ProcessWindowFunction<V, V, K, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(K key, Context context, Iterable<V> aggregates, Collector<V> out) {
        for (V aggregate : aggregates) {
            out.collect(aggregate);
        }
    }
}
