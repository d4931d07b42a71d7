package dev.flinkkda.windows.count;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.windowing.windows.Window;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A windowed stream's operator over (key, value) elements in an operator test harness. Each fired
 * window is recorded as {@code "key:v1,v2,…"}, its values in arrival order.
 */
final class CountWindowHarness implements AutoCloseable {

    static final TypeInformation<Tuple2<String, Long>> ELEMENT =
            Types.TUPLE(Types.STRING, Types.LONG);
    static final KeySelector<Tuple2<String, Long>, String> KEY = e -> e.f0;

    private final KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, String>
            harness;
    private final List<String> windows = new ArrayList<>();

    /** The windows of {@code windowing}, applied to a keyed stream. */
    <W extends Window> CountWindowHarness(
            Function<
                            KeyedStream<Tuple2<String, Long>, String>,
                            WindowedStream<Tuple2<String, Long>, String, W>>
                    windowing,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        this(operatorOf(keyed -> windowing.apply(keyed).process(new ListValues<>())), restoreFrom);
    }

    /** The operator that {@code pipeline} puts after a keyed stream. */
    private static OneInputStreamOperator<Tuple2<String, Long>, String> operatorOf(
            Function<KeyedStream<Tuple2<String, Long>, String>, DataStream<String>> pipeline) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeyedStream<Tuple2<String, Long>, String> keyed =
                env.fromData(ELEMENT, Tuple2.of("x", 0L)).keyBy(KEY);
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple2<String, Long>, String> transformation =
                (OneInputTransformation<Tuple2<String, Long>, String>)
                        pipeline.apply(keyed).getTransformation();
        return transformation.getOperator();
    }

    private CountWindowHarness(
            OneInputStreamOperator<Tuple2<String, Long>, String> operator,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        this(operator, restoreFrom, null);
    }

    private CountWindowHarness(
            OneInputStreamOperator<Tuple2<String, Long>, String> operator,
            OperatorSubtaskState restoreFrom,
            StateBackend stateBackend)
            throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, KEY, Types.STRING);
        if (stateBackend != null) {
            harness.setStateBackend(stateBackend);
        }
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    static CountWindowHarness of(CountWindows spec) throws Exception {
        return new CountWindowHarness(spec::window, null);
    }

    /**
     * The incremental path, with an aggregate that joins the values in order (so a window's exact
     * elements are visible) and a window function that checks the {@link CountWindow} it is given.
     */
    static CountWindowHarness incremental(CountWindows spec, OperatorSubtaskState restoreFrom)
            throws Exception {
        return incremental(spec, restoreFrom, null);
    }

    /**
     * {@link #incremental(CountWindows, OperatorSubtaskState)} on {@code stateBackend} (null:
     * heap).
     */
    static CountWindowHarness incremental(
            CountWindows spec, OperatorSubtaskState restoreFrom, StateBackend stateBackend)
            throws Exception {
        return new CountWindowHarness(
                operatorOf(
                        keyed ->
                                spec.incremental(keyed).aggregate(new JoinValues(), new WithKey())),
                restoreFrom,
                stateBackend);
    }

    /**
     * The incremental path with a window function that shows the {@link CountWindow} it is given:
     * {@code "key:firstSeq..lastSeq@firstTs..lastTs=values"}.
     */
    static CountWindowHarness incrementalWithWindows(CountWindows spec) throws Exception {
        return new CountWindowHarness(
                operatorOf(
                        keyed ->
                                spec.incremental(keyed)
                                        .aggregate(new JoinValues(), new ShowWindow())),
                null);
    }

    /** Harness of the given path. */
    static CountWindowHarness of(CountWindows spec, boolean incremental) throws Exception {
        return incremental ? incremental(spec, null) : of(spec);
    }

    long keyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    void element(String key, long value) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple2.of(key, value)));
        drain();
    }

    void element(String key, long value, long timestamp) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple2.of(key, value), timestamp));
        drain();
    }

    /** Elements 1..n of one key, their values equal to their number. */
    void elements(String key, long n) throws Exception {
        for (long i = 1; i <= n; i++) {
            element(key, i);
        }
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1, 1);
    }

    List<String> windows() {
        return windows;
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        Object next;
        while ((next = harness.getOutput().poll()) != null) {
            if (next instanceof StreamRecord) {
                windows.add(((StreamRecord<String>) next).getValue());
            }
        }
    }

    @Override
    public void close() {
        try {
            harness.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the operator test harness failed", e);
        }
    }

    /** {@code "key:v1,v2,…"} for a window's elements. */
    static String window(String key, long... values) {
        StringJoiner joined = new StringJoiner(",", key + ":", "");
        for (long v : values) {
            joined.add(Long.toString(v));
        }
        return joined.toString();
    }

    /** {@code "key:from,…,to"}. */
    static String range(String key, long from, long to) {
        StringJoiner joined = new StringJoiner(",", key + ":", "");
        for (long v = from; v <= to; v++) {
            joined.add(Long.toString(v));
        }
        return joined.toString();
    }

    /** Joins values with commas, in order; merge keeps the older part first. */
    static final class JoinValues
            implements AggregateFunction<Tuple2<String, Long>, String, String> {
        @Override
        public String createAccumulator() {
            return "";
        }

        @Override
        public String add(Tuple2<String, Long> value, String acc) {
            return acc.isEmpty() ? Long.toString(value.f1) : acc + "," + value.f1;
        }

        @Override
        public String getResult(String acc) {
            return acc;
        }

        @Override
        public String merge(String a, String b) {
            return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b;
        }
    }

    /**
     * Prefixes the key and checks the window's sequence numbers against the values, which tests
     * give as the elements' numbers (or any increasing values for the first and last check).
     */
    static final class WithKey extends ProcessWindowFunction<String, String, String, CountWindow> {
        @Override
        public void process(
                String key, Context context, Iterable<String> joined, Collector<String> out) {
            String values = joined.iterator().next();
            long elements = values.isEmpty() ? 0 : values.split(",").length;
            if (elements != context.window().size()) {
                throw new IllegalStateException(
                        context.window() + " does not hold " + elements + " elements: " + values);
            }
            out.collect(key + ":" + values);
        }
    }

    /** Shows the window's sequence numbers and timestamps with its values. */
    static final class ShowWindow
            extends ProcessWindowFunction<String, String, String, CountWindow> {
        @Override
        public void process(
                String key, Context context, Iterable<String> joined, Collector<String> out) {
            CountWindow w = context.window();
            out.collect(
                    key
                            + ":"
                            + w.getFirstSequence()
                            + ".."
                            + w.getLastSequence()
                            + "@"
                            + w.getFirstTimestamp()
                            + ".."
                            + w.getLastTimestamp()
                            + "="
                            + joined.iterator().next());
        }
    }

    /** Lists a window's values in arrival order. */
    static final class ListValues<W extends Window>
            extends ProcessWindowFunction<Tuple2<String, Long>, String, String, W> {
        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple2<String, Long>> elements,
                Collector<String> out) {
            StringJoiner joined = new StringJoiner(",", key + ":", "");
            for (Tuple2<String, Long> e : elements) {
                joined.add(Long.toString(e.f1));
            }
            out.collect(joined.toString());
        }
    }
}
