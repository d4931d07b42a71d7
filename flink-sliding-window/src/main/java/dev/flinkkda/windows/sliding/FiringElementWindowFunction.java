package dev.flinkkda.windows.sliding;

import org.apache.flink.util.Collector;

/**
 * A {@link PerEventResultFunction} as the window function of {@link
 * PerEventSlidingAggregateOperator}: before each window is emitted the operator hands over the
 * element that fired it ({@link #firedBy}); the aggregate and the window come as for any window
 * function. Opens, closes and gives the runtime context to a rich result function.
 */
final class FiringElementWindowFunction<T, V, R, K>
        extends DelegatingWindowFunction<V, R, K, PerEventResultFunction<T, V, R>> {

    private static final long serialVersionUID = 1L;

    private transient T element;

    FiringElementWindowFunction(PerEventResultFunction<T, V, R> function) {
        super(function);
    }

    /** The element whose window is emitted next. */
    void firedBy(T element) {
        this.element = element;
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
