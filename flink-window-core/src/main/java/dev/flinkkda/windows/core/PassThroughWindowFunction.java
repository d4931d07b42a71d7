package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.util.Collector;

/** Emits a window's aggregate as it is, for {@code aggregate}/{@code reduce} without a function. */
@Internal
public final class PassThroughWindowFunction<V, K, W extends Window>
        extends ProcessWindowFunction<V, V, K, W> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(K key, Context context, Iterable<V> aggregates, Collector<V> out) {
        for (V aggregate : aggregates) {
            out.collect(aggregate);
        }
    }
}
