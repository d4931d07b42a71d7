package dev.flinkkda.windows.predicate;

import dev.flinkkda.windows.testing.OneOperatorTaskMetricGroup;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.operators.testutils.MockInputSplitProvider;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A {@link PredicateWindowedStream}'s operator over (key, token) elements in an operator test
 * harness, with its metrics kept. Tokens are short strings: {@link #BEGIN} matches those starting
 * with {@code B}, {@link #END} those containing {@code E} ({@code "B1"}, {@code "E2"}, {@code
 * "BE3"} matches both, {@code "x4"} neither). Each fired window is recorded as {@code
 * "key#n:token,token,…"} (its tokens in arrival order) or, in the full form, {@code
 * "key#n[size]@firstTimestamp..lastTimestamp:token,…"}; the window functions check that the
 * window's size is its number of tokens.
 */
final class PredicateWindowHarness implements AutoCloseable {

    static final TypeInformation<Tuple2<String, String>> ELEMENT =
            Types.TUPLE(Types.STRING, Types.STRING);
    static final KeySelector<Tuple2<String, String>, String> KEY = e -> e.f0;

    static final FilterFunction<Tuple2<String, String>> BEGIN = e -> e.f1.startsWith("B");
    static final FilterFunction<Tuple2<String, String>> END = e -> e.f1.contains("E");

    /** The three ways to compute a window's result. */
    enum Path {
        AGGREGATE,
        REDUCE,
        PROCESS
    }

    private final MockEnvironment environment;
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, String>, String>
            harness;
    private final List<String> windows = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();

    private PredicateWindowHarness(
            OneInputStreamOperator<Tuple2<String, String>, String> operator,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        environment =
                new MockEnvironmentBuilder()
                        .setTaskName("PredicateWindowHarness")
                        .setManagedMemorySize(3 * 1024 * 1024)
                        .setInputSplitProvider(new MockInputSplitProvider())
                        .setBufferSize(1024)
                        .setMaxParallelism(1)
                        .setParallelism(1)
                        .setSubtaskIndex(0)
                        .setMetricGroup(new OneOperatorTaskMetricGroup(metrics))
                        .build();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, KEY, Types.STRING, environment);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** The windows of {@code spec} computed on {@code path}, in the short form. */
    static PredicateWindowHarness of(PredicateWindows<Tuple2<String, String>> spec, Path path)
            throws Exception {
        return of(spec, path, false, null);
    }

    /**
     * The windows of {@code spec} on {@code path}; {@code fullForm} records the window's size and
     * timestamps too; {@code restoreFrom} is a snapshot to start from, or null.
     */
    static PredicateWindowHarness of(
            PredicateWindows<Tuple2<String, String>> spec,
            Path path,
            boolean fullForm,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        Function<KeyedStream<Tuple2<String, String>, String>, DataStream<String>> pipeline;
        switch (path) {
            case AGGREGATE:
                pipeline =
                        keyed ->
                                spec.incremental(keyed)
                                        .aggregate(
                                                new JoinTokens(), new ShowJoinedTokens(fullForm));
                break;
            case REDUCE:
                pipeline =
                        keyed ->
                                spec.incremental(keyed)
                                        .reduce(
                                                (a, b) -> Tuple2.of(a.f0, a.f1 + "," + b.f1),
                                                new ShowReducedElement(fullForm));
                break;
            default:
                pipeline = keyed -> spec.incremental(keyed).process(new ShowElements(fullForm));
        }
        return new PredicateWindowHarness(operatorOf(pipeline), restoreFrom);
    }

    /** The operator that {@code pipeline} puts after a keyed stream. */
    private static OneInputStreamOperator<Tuple2<String, String>, String> operatorOf(
            Function<KeyedStream<Tuple2<String, String>, String>, DataStream<String>> pipeline) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeyedStream<Tuple2<String, String>, String> keyed =
                env.fromData(ELEMENT, Tuple2.of("x", "x")).keyBy(KEY);
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple2<String, String>, String> transformation =
                (OneInputTransformation<Tuple2<String, String>, String>)
                        pipeline.apply(keyed).getTransformation();
        return transformation.getOperator();
    }

    /** An element without a timestamp. */
    void element(String key, String token) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple2.of(key, token)));
        drain();
    }

    void element(String key, String token, long timestamp) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple2.of(key, token), timestamp));
        drain();
    }

    /** Elements of one key without timestamps. */
    void elements(String key, String... tokens) throws Exception {
        for (String token : tokens) {
            element(key, token);
        }
    }

    void watermark(long watermark) throws Exception {
        harness.processWatermark(watermark);
        drain();
    }

    /** The watermark a bounded input sends at its end. */
    void endOfInput() throws Exception {
        watermark(Long.MAX_VALUE);
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1, 1);
    }

    /** The fired windows, in order of emission. */
    List<String> windows() {
        return windows;
    }

    /** The timestamps of the fired windows' results, null where a result has none. */
    List<Long> timestamps() {
        return timestamps;
    }

    /** The operator's {@value PredicateWindows#ELEMENTS_OUTSIDE_WINDOWS_METRIC} counter. */
    long elementsOutsideWindows() {
        return ((Counter) metrics.get(PredicateWindows.ELEMENTS_OUTSIDE_WINDOWS_METRIC)).getCount();
    }

    long keyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    int eventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        Object next;
        while ((next = harness.getOutput().poll()) != null) {
            if (next instanceof StreamRecord) {
                StreamRecord<String> record = (StreamRecord<String>) next;
                windows.add(record.getValue());
                timestamps.add(record.hasTimestamp() ? record.getTimestamp() : null);
            }
        }
    }

    @Override
    public void close() {
        try {
            harness.close();
            environment.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the operator test harness failed", e);
        }
    }

    /** The recorded form of a window holding {@code tokens}. */
    static String show(String key, PredicateWindow window, String tokens, boolean fullForm) {
        long size = tokens.split(",").length;
        if (size != window.size()) {
            throw new IllegalStateException(window + " does not hold " + size + ": " + tokens);
        }
        return fullForm
                ? key
                        + "#"
                        + window.getNumber()
                        + "["
                        + window.size()
                        + "]@"
                        + window.getFirstTimestamp()
                        + ".."
                        + window.getLastTimestamp()
                        + ":"
                        + tokens
                : key + "#" + window.getNumber() + ":" + tokens;
    }

    /** A task metric group whose operator group keeps the metrics registered on it. */
    /** Joins the tokens with commas, in order. */
    static final class JoinTokens
            implements AggregateFunction<Tuple2<String, String>, String, String> {
        @Override
        public String createAccumulator() {
            return "";
        }

        @Override
        public String add(Tuple2<String, String> value, String acc) {
            return acc.isEmpty() ? value.f1 : acc + "," + value.f1;
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

    /** Records the aggregate of {@link JoinTokens}. */
    static final class ShowJoinedTokens
            extends ProcessWindowFunction<String, String, String, PredicateWindow> {
        private final boolean fullForm;

        ShowJoinedTokens(boolean fullForm) {
            this.fullForm = fullForm;
        }

        @Override
        public void process(
                String key, Context context, Iterable<String> joined, Collector<String> out) {
            out.collect(show(key, context.window(), joined.iterator().next(), fullForm));
        }
    }

    /** Records the element reduced by joining the tokens. */
    static final class ShowReducedElement
            extends ProcessWindowFunction<Tuple2<String, String>, String, String, PredicateWindow> {
        private final boolean fullForm;

        ShowReducedElement(boolean fullForm) {
            this.fullForm = fullForm;
        }

        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple2<String, String>> reduced,
                Collector<String> out) {
            out.collect(show(key, context.window(), reduced.iterator().next().f1, fullForm));
        }
    }

    /** Records all elements of the window. */
    static final class ShowElements
            extends ProcessWindowFunction<Tuple2<String, String>, String, String, PredicateWindow> {
        private final boolean fullForm;

        ShowElements(boolean fullForm) {
            this.fullForm = fullForm;
        }

        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple2<String, String>> elements,
                Collector<String> out) {
            StringJoiner tokens = new StringJoiner(",");
            for (Tuple2<String, String> e : elements) {
                tokens.add(e.f1);
            }
            out.collect(show(key, context.window(), tokens.toString(), fullForm));
        }
    }
}
