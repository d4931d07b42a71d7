package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.functions.AggregateFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * The "aggregate" of the per-event element form: a slice's elements in arrival order. {@code merge}
 * appends {@code b} to {@code a} (and returns {@code a}), so a window's elements, merged slice by
 * slice into a new list, come in timestamp order and, at one timestamp, in arrival order:
 *
 * <pre>
 *   slices  3: [a]   5: [b, c]      window [-5, 5]: a b c
 * </pre>
 */
final class ElementsOfSlice<T> implements AggregateFunction<T, List<T>, List<T>> {

    private static final long serialVersionUID = 1L;

    @Override
    public List<T> createAccumulator() {
        return new ArrayList<>();
    }

    @Override
    public List<T> add(T value, List<T> elements) {
        elements.add(value);
        return elements;
    }

    @Override
    public List<T> getResult(List<T> elements) {
        return elements;
    }

    @Override
    public List<T> merge(List<T> a, List<T> b) {
        a.addAll(b);
        return a;
    }
}
