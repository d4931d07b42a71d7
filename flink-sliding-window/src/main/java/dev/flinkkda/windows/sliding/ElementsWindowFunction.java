package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.List;

/**
 * A user's {@code ProcessWindowFunction} over a window's elements as the window function of {@link
 * PerEventSlidingAggregateOperator}, whose one "aggregate" per window is the list of its elements
 * ({@link ElementsOfSlice}): hands that list over as the elements, with the key and the window.
 * Opens, closes and gives the runtime context to the user's function.
 */
final class ElementsWindowFunction<T, R, K>
        extends DelegatingWindowFunction<
                List<T>, R, K, ProcessWindowFunction<T, R, K, TimeWindow>> {

    private static final long serialVersionUID = 1L;

    private transient ElementsContext context;

    ElementsWindowFunction(ProcessWindowFunction<T, R, K, TimeWindow> function) {
        super(function);
    }

    @Override
    public void process(K key, Context outer, Iterable<List<T>> elements, Collector<R> out)
            throws Exception {
        if (context == null) {
            context = new ElementsContext(function);
        }
        context.outer = outer;
        function.process(key, context, elements.iterator().next(), out);
    }

    /** The user's function's context: the operator's, passed through. */
    private final class ElementsContext extends ProcessWindowFunction<T, R, K, TimeWindow>.Context {

        private static final long serialVersionUID = 1L;

        private ProcessWindowFunction<List<T>, R, K, TimeWindow>.Context outer;

        ElementsContext(ProcessWindowFunction<T, R, K, TimeWindow> function) {
            function.super();
        }

        @Override
        public TimeWindow window() {
            return outer.window();
        }

        @Override
        public long currentProcessingTime() {
            return outer.currentProcessingTime();
        }

        @Override
        public long currentWatermark() {
            return outer.currentWatermark();
        }

        @Override
        public KeyedStateStore windowState() {
            return outer.windowState();
        }

        @Override
        public KeyedStateStore globalState() {
            return outer.globalState();
        }

        @Override
        public <X> void output(OutputTag<X> outputTag, X value) {
            outer.output(outputTag, value);
        }
    }
}
