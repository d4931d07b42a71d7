package dev.flinkkda.windows.session;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capped sessions in real jobs on a MiniCluster, from an out-of-order source with a
 * bounded-out-of-orderness watermark. Gap 5, maximum 10 (strict). Sorted, key a is 0 2 6 9 | 12 13
 * | 30 and key b is 1 4 | 20: the session of a at 0 is cut at 10.
 */
class CappedSessionWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final List<Tuple3<String, Long, Long>> ARRIVALS =
            List.of(
                    Tuple3.of("a", 2L, 2L),
                    Tuple3.of("a", 0L, 0L),
                    Tuple3.of("b", 4L, 4L),
                    Tuple3.of("a", 9L, 9L),
                    Tuple3.of("b", 1L, 1L),
                    Tuple3.of("a", 6L, 6L),
                    Tuple3.of("a", 13L, 13L),
                    Tuple3.of("a", 12L, 12L),
                    Tuple3.of("b", 20L, 20L),
                    Tuple3.of("a", 30L, 30L));

    private static final List<WindowResult> EXPECTED =
            List.of(
                    new WindowResult("a", 0, 10, 4, 17),
                    new WindowResult("a", 12, 18, 2, 25),
                    new WindowResult("a", 30, 35, 1, 30),
                    new WindowResult("b", 1, 9, 2, 5),
                    new WindowResult("b", 20, 25, 1, 20));

    private static final EventTimeCappedSessionWindows<Object> SESSIONS =
            EventTimeCappedSessionWindows.withGap(Duration.ofMillis(5))
                    .withMaxDuration(Duration.ofMillis(10));

    private static KeyedStream<Tuple3<String, Long, Long>, String> input(
            StreamExecutionEnvironment env) {
        env.setParallelism(1);
        return env.fromData(ARRIVALS, SessionPipelineHarness.ELEMENT)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Tuple3<String, Long, Long>>forBoundedOutOfOrderness(
                                        Duration.ofMillis(10))
                                .withTimestampAssigner((e, previous) -> e.f1))
                .keyBy(WindowTestFunctions.KEY);
    }

    private static <R> List<R> collect(DataStream<R> stream) throws Exception {
        List<R> result = new ArrayList<>();
        try (CloseableIterator<R> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    @Test
    void windowPathAggregate() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                SESSIONS.window(input(env))
                        .aggregate(
                                new WindowTestFunctions.CountAndSum(),
                                new WindowTestFunctions.ToResult());
        assertThat(collect(result)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @Test
    void windowPathProcessSeesAllElements() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                SESSIONS.window(input(env))
                        .process(new WindowTestFunctions.CountSumValuesOfElements());
        assertThat(collect(result)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @Test
    void windowPathReduce() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple3<String, Long, Long>> result =
                SESSIONS.window(input(env))
                        .reduce((x, y) -> Tuple3.of(x.f0, Math.min(x.f1, y.f1), x.f2 + y.f2));
        // reduce keeps (key, earliest timestamp, sum)
        assertThat(collect(result))
                .containsExactlyInAnyOrder(
                        Tuple3.of("a", 0L, 17L),
                        Tuple3.of("a", 12L, 25L),
                        Tuple3.of("a", 30L, 30L),
                        Tuple3.of("b", 1L, 5L),
                        Tuple3.of("b", 20L, 20L));
    }

    /** A custom trigger: fire every second element of a session (Flink's CountTrigger merges). */
    @Test
    void windowPathWithACustomTrigger() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> result =
                SESSIONS.window(input(env))
                        .trigger(CountTrigger.of(2))
                        .process(
                                new ProcessWindowFunction<
                                        Tuple3<String, Long, Long>, String, String, TimeWindow>() {
                                    @Override
                                    public void process(
                                            String key,
                                            Context context,
                                            Iterable<Tuple3<String, Long, Long>> elements,
                                            Collector<String> out) {
                                        long count = 0;
                                        for (Tuple3<String, Long, Long> e : elements) {
                                            count++;
                                        }
                                        out.collect(
                                                key
                                                        + "@"
                                                        + context.window().getStart()
                                                        + ":"
                                                        + count);
                                    }
                                });
        // a's first session fires at its 2nd and 4th element, the second one at its 2nd; b's first
        // at its 2nd; single-element sessions never reach 2
        assertThat(collect(result)).containsExactlyInAnyOrder("a@0:2", "a@0:4", "a@12:2", "b@1:2");
    }

    @Test
    void incrementalPathAggregateAndReduce() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> aggregated =
                SESSIONS.incremental(input(env))
                        .aggregate(
                                new WindowTestFunctions.CountAndSum(),
                                new WindowTestFunctions.ToResult());
        assertThat(collect(aggregated)).containsExactlyInAnyOrderElementsOf(EXPECTED);

        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple2<String, Long>> reduced =
                SESSIONS.incremental(input(env2))
                        .reduce((x, y) -> Tuple3.of(x.f0, x.f1, x.f2 + y.f2))
                        .map(e -> Tuple2.of(e.f0, e.f2))
                        .returns(
                                org.apache.flink.api.common.typeinfo.Types.TUPLE(
                                        org.apache.flink.api.common.typeinfo.Types.STRING,
                                        org.apache.flink.api.common.typeinfo.Types.LONG));
        assertThat(collect(reduced))
                .containsExactlyInAnyOrder(
                        Tuple2.of("a", 17L),
                        Tuple2.of("a", 25L),
                        Tuple2.of("a", 30L),
                        Tuple2.of("b", 5L),
                        Tuple2.of("b", 20L));
    }
}
