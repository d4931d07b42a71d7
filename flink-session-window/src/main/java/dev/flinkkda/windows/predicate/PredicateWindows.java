package dev.flinkkda.windows.predicate;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.datastream.KeyedStream;

import java.io.Serializable;

/**
 * Predicate windows (SA Engine's {@code predwin}, eKuiper's {@code STATEWINDOW}): per key, an
 * element matching {@code begin} opens a window and is its first element; every later element of
 * the key joins it, in arrival order; the first later element matching {@code end} is its last
 * element, and the window fires. Elements outside windows are dropped and counted in the operator
 * metric {@value #ELEMENTS_OUTSIDE_WINDOWS_METRIC}.
 *
 * <pre>
 *   between(v -&gt; v.startsWith("B"), v -&gt; v.contains("E")), one key, in arrival order:
 *
 *   x1  E2  B3  x4  B5  E6  x7  BE8  x9  BE10  B11  x12 | end of input
 *   ·   ·   [#1 ........]   ·   [#2 .......]   [#3 ......
 *                       fires at E6      fires at BE10   unfinished: never emitted,
 *   ·: dropped, counted                                  or emitted with flushOnEndOfInput()
 * </pre>
 *
 * <p>When the predicates overlap:
 *
 * <ul>
 *   <li>an element matching {@code begin} inside an open window just joins it (B5);
 *   <li>the opening element never closes its own window, even if it also matches {@code end} (BE8
 *       opens #2, which the next element matching {@code end}, BE10, closes);
 *   <li>the closing element belongs to the window it closes and does not open a new one, even if it
 *       also matches {@code begin} (BE10 closes #2; B11 opens #3);
 *   <li>an element matching {@code end} while no window is open is dropped like any other (E2).
 * </ul>
 *
 * So {@code begin} is only evaluated on elements outside windows, {@code end} only on the later
 * elements of an open window — each at most once per element.
 *
 * <p>Windows follow each key's arrival order, not timestamps: for a deterministic result, the order
 * in which a key's elements reach the window must be deterministic (for example, one source split
 * per key, or parallelism 1 before the {@code keyBy}).
 *
 * <pre>{@code
 * PredicateWindows.between(Event::isStart, Event::isStop)
 *     .incremental(events.keyBy(Event::machine))
 *     .aggregate(new CountEvents(), new WithWindow());   // or .aggregate(f), .reduce(f), .reduce(f, windowFunction)
 *
 * PredicateWindows.<Event>between(e -> e.kind == START, e -> e.kind == STOP)
 *     .flushOnEndOfInput()
 *     .incremental(events.keyBy(Event::machine))
 *     .process(new AllEventsOfARun());                   // all elements of each window
 * }</pre>
 *
 * <p>Implicitly typed lambdas give the compiler no element type; name it ({@code
 * PredicateWindows.<Event>between(…)}) or use method references or typed lambdas.
 *
 * <p>This object is an immutable specification; {@link #flushOnEndOfInput()} returns a new one.
 *
 * @param <T> element type
 */
@PublicEvolving
public final class PredicateWindows<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The operator metric (a counter) of the elements dropped because no window was open. */
    public static final String ELEMENTS_OUTSIDE_WINDOWS_METRIC = "numElementsOutsideWindows";

    private final FilterFunction<T> begin;
    private final FilterFunction<T> end;
    private final boolean flushOnEndOfInput;

    private PredicateWindows(FilterFunction<T> begin, FilterFunction<T> end, boolean flush) {
        this.begin = begin;
        this.end = end;
        this.flushOnEndOfInput = flush;
    }

    /**
     * Windows from an element matching {@code begin} to the first later element matching {@code
     * end}, both included. A rich function ({@code RichFilterFunction}) is opened and closed with
     * the operator and sees its runtime context.
     *
     * @param begin true for an element that opens a window when none is open
     * @param end true for an element that closes the open window (not tested on the opening one)
     * @throws IllegalArgumentException naming the predicate that is null
     */
    public static <T> PredicateWindows<T> between(FilterFunction<T> begin, FilterFunction<T> end) {
        WindowArguments.notNull(begin, "the begin predicate of PredicateWindows.between");
        WindowArguments.notNull(end, "the end predicate of PredicateWindows.between");
        return new PredicateWindows<>(begin, end, false);
    }

    /**
     * Also emits a key's unfinished window when the input ends: when the watermark reaches {@code
     * Long.MAX_VALUE}, which a bounded input sends at its end (and {@code stop --drain}). Without
     * this, an unfinished window is never emitted.
     */
    public PredicateWindows<T> flushOnEndOfInput() {
        return new PredicateWindows<>(begin, end, true);
    }

    public FilterFunction<T> getBegin() {
        return begin;
    }

    public FilterFunction<T> getEnd() {
        return end;
    }

    public boolean isFlushingOnEndOfInput() {
        return flushOnEndOfInput;
    }

    /**
     * The windows of {@code input}, in one dedicated operator (no Flink window assigner can express
     * them, so there is no {@code window(keyed)} form): {@code aggregate} and {@code reduce} keep
     * one accumulator per key; {@code process} keeps the open window's elements (see {@link
     * PredicateWindowedStream}).
     *
     * @throws IllegalArgumentException if {@code input} is null
     */
    public <K> PredicateWindowedStream<T, K> incremental(KeyedStream<T, K> input) {
        WindowArguments.notNull(input, "the keyed stream");
        return new PredicateWindowedStream<>(
                input,
                new PredicateWindows<>(
                        input.getExecutionEnvironment().clean(begin),
                        input.getExecutionEnvironment().clean(end),
                        flushOnEndOfInput));
    }

    @Override
    public String toString() {
        return "PredicateWindows(begin="
                + begin
                + ", end="
                + end
                + (flushOnEndOfInput ? ", flush on end of input" : "")
                + ")";
    }
}
