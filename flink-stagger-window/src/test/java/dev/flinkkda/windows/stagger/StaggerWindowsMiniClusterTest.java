package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.flinkkda.windows.stagger.KdaConceptPageExample.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Stagger windows in real jobs on a MiniCluster, with each kind of window function. */
class StaggerWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** The KDA concept page's rows, arriving out of order within a 30 s bound. */
    private static KeyedStream<Tuple3<String, Long, Long>, String> conceptPageRows(
            StreamExecutionEnvironment env) {
        List<Tuple3<String, Long, Long>> rows = KdaConceptPageExample.ROWS;
        return env.fromData(
                        StaggerPipelineHarness.ELEMENT,
                        rows.get(1),
                        rows.get(0),
                        rows.get(3),
                        rows.get(2))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Tuple3<String, Long, Long>>forBoundedOutOfOrderness(
                                        Duration.ofSeconds(30))
                                .withTimestampAssigner((e, ts) -> e.f1))
                .keyBy(WindowTestFunctions.KEY);
    }

    private static final List<WindowResult> CONCEPT_PAGE_RESULT = KdaConceptPageExample.RESULT;

    @Test
    void aggregateWithWindowFunction() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> out =
                EventTimeStaggerWindows.of(MINUTE)
                        .window(conceptPageRows(env))
                        .aggregate(
                                new WindowTestFunctions.CountAndSum(),
                                new WindowTestFunctions.ToResult());
        assertThat(collect(out)).containsExactlyInAnyOrderElementsOf(CONCEPT_PAGE_RESULT);
    }

    @Test
    void processWindowFunctionOverAllElements() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> out =
                EventTimeStaggerWindows.of(MINUTE)
                        .window(conceptPageRows(env))
                        .process(new WindowTestFunctions.CountSumValuesOfElements());
        assertThat(collect(out)).containsExactlyInAnyOrderElementsOf(CONCEPT_PAGE_RESULT);
    }

    @Test
    void reduce() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // f1 of the reduced tuple is the latest timestamp, f2 the count
        DataStream<Tuple3<String, Long, Long>> out =
                EventTimeStaggerWindows.of(MINUTE)
                        .window(conceptPageRows(env))
                        .reduce((a, b) -> Tuple3.of(a.f0, Math.max(a.f1, b.f1), a.f2 + b.f2));
        assertThat(collect(out))
                .containsExactlyInAnyOrder(
                        Tuple3.of("11:00|AMZN", at("2018-08-01T11:01:05Z"), 3L),
                        Tuple3.of("11:01|AMZN", at("2018-08-01T11:01:15Z"), 1L));
    }

    @Test
    void assignerAloneOnInOrderInput() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple3<String, Long, Long>> rows =
                env.fromData(KdaConceptPageExample.ROWS, StaggerPipelineHarness.ELEMENT);
        DataStream<WindowResult> out =
                rows.assignTimestampsAndWatermarks(
                                WatermarkStrategy
                                        .<Tuple3<String, Long, Long>>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, ts) -> e.f1))
                        .keyBy(WindowTestFunctions.KEY)
                        .window(EventTimeStaggerWindows.of(MINUTE))
                        .aggregate(
                                new WindowTestFunctions.CountAndSum(),
                                new WindowTestFunctions.ToResult());
        assertThat(collect(out)).containsExactlyInAnyOrderElementsOf(CONCEPT_PAGE_RESULT);
    }

    @Test
    void incrementalAggregateWithWindowFunction() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> out =
                EventTimeStaggerWindows.of(MINUTE)
                        .incremental(conceptPageRows(env))
                        .aggregate(
                                new WindowTestFunctions.CountAndSum(),
                                new WindowTestFunctions.ToResult());
        assertThat(collect(out)).containsExactlyInAnyOrderElementsOf(CONCEPT_PAGE_RESULT);
    }

    @Test
    void incrementalReduceAndAggregateWithoutWindowFunction() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple3<String, Long, Long>> reduced =
                EventTimeStaggerWindows.of(MINUTE)
                        .incremental(conceptPageRows(env))
                        .reduce((a, b) -> Tuple3.of(a.f0, Math.max(a.f1, b.f1), a.f2 + b.f2));
        assertThat(collect(reduced))
                .containsExactlyInAnyOrder(
                        Tuple3.of("11:00|AMZN", at("2018-08-01T11:01:05Z"), 3L),
                        Tuple3.of("11:01|AMZN", at("2018-08-01T11:01:15Z"), 1L));

        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple2<Long, Long>> counts =
                EventTimeStaggerWindows.of(MINUTE)
                        .incremental(conceptPageRows(env2))
                        .aggregate(new WindowTestFunctions.CountAndSum());
        assertThat(collect(counts)).containsExactlyInAnyOrder(Tuple2.of(3L, 3L), Tuple2.of(1L, 1L));
    }

    /** A custom trigger replaces the default one: fire every second element (early results). */
    @Test
    void customTrigger() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> out =
                EventTimeStaggerWindows.of(MINUTE)
                        .window(conceptPageRows(env))
                        .trigger(CountTrigger.of(2))
                        .aggregate(
                                new WindowTestFunctions.CountAndSum(),
                                new WindowTestFunctions.ToResult());
        assertThat(collect(out))
                .containsExactly(
                        new WindowResult(
                                "11:00|AMZN",
                                at("2018-08-01T11:00:20Z"),
                                at("2018-08-01T11:01:20Z"),
                                2,
                                2));
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> result = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }
}
