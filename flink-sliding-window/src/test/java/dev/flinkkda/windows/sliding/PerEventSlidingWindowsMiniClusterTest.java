package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.hopping.HoppingWindowsMiniClusterTest;
import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-event sliding windows of 10 ms in real jobs on a MiniCluster (parallelism 1), on the
 * out-of-order input of {@link HoppingWindowsMiniClusterTest}: key a is 0 2 6 9 12 13 30, key b is
 * 1 4 20 (each value equals its timestamp), arriving out of order within the bound of 10.
 */
class PerEventSlidingWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final PerEventSlidingWindows WINDOWS =
            EventTimePerEventSlidingWindows.of(Duration.ofMillis(10));

    @Test
    void aggregateGivesOneWindowPerElement() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                WINDOWS.incremental(
                                HoppingWindowsMiniClusterTest.input(
                                        env, HoppingWindowsMiniClusterTest.ARRIVALS))
                        .aggregate(
                                new WindowTestFunctions.CountSumValues(),
                                new WindowTestFunctions.CountSumValuesToResult());
        // [t - 10, t] by hand; the window is [t - 10, t + 1)
        assertThat(HoppingWindowsMiniClusterTest.collect(result))
                .containsExactlyInAnyOrder(
                        new WindowResult("a", -10, 1, 1, 0),
                        new WindowResult("a", -8, 3, 2, 2),
                        new WindowResult("a", -4, 7, 3, 8),
                        new WindowResult("a", -1, 10, 4, 17),
                        new WindowResult("a", 2, 13, 4, 29),
                        new WindowResult("a", 3, 14, 4, 40),
                        new WindowResult("a", 20, 31, 1, 30),
                        new WindowResult("b", -9, 2, 1, 1),
                        new WindowResult("b", -6, 5, 2, 5),
                        new WindowResult("b", 10, 21, 1, 20));
    }

    @Test
    void processGetsEachWindowsElementsInTimestampOrder() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                WINDOWS.incremental(
                                HoppingWindowsMiniClusterTest.input(
                                        env, HoppingWindowsMiniClusterTest.ARRIVALS))
                        .triggeredBy(e -> e.f2 >= 9)
                        .process(new WindowTestFunctions.CountSumValuesOfElements());
        // triggers a: 9 12 13 30, b: 20; [t - 10, t] by hand, values in timestamp order
        assertThat(HoppingWindowsMiniClusterTest.collect(result))
                .extracting(r -> r.key + " [" + r.start + ", " + r.end + ") " + r.values)
                .containsExactlyInAnyOrder(
                        "a [-1, 10) 0,2,6,9",
                        "a [2, 13) 2,6,9,12",
                        "a [3, 14) 6,9,12,13",
                        "a [20, 31) 30",
                        "b [10, 21) 20");
    }

    @Test
    void reduceWithATriggerPredicate() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> result =
                WINDOWS.incremental(
                                HoppingWindowsMiniClusterTest.input(
                                        env, HoppingWindowsMiniClusterTest.ARRIVALS))
                        .triggeredBy(e -> e.f2 % 2 == 0)
                        .reduce((x, y) -> x.f2 >= y.f2 ? x : y)
                        .map(e -> e.f0 + " max " + e.f2)
                        .returns(Types.STRING);
        // only even values fire; all values are in the windows: [-6, 4] of b holds 1 and 4
        assertThat(HoppingWindowsMiniClusterTest.collect(result))
                .containsExactlyInAnyOrder(
                        "a max 0",
                        "a max 2",
                        "a max 6",
                        "a max 12",
                        "a max 30",
                        "b max 4",
                        "b max 20");
    }

    @Test
    void lateElementsGoToTheSideOutput() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        OutputTag<Tuple3<String, Long, Long>> lateTag =
                new OutputTag<>("late", WindowTestFunctions.ELEMENT);
        // a watermark of max - 1 after each element: 3 arrives behind the watermark 7
        List<Tuple3<String, Long, Long>> arrivals =
                List.of(
                        Tuple3.of("a", 5L, 5L),
                        Tuple3.of("a", 8L, 8L),
                        Tuple3.of("a", 3L, 3L),
                        Tuple3.of("a", 9L, 9L));
        SingleOutputStreamOperator<WindowResult> windowed =
                WINDOWS.incremental(
                                env.fromData(arrivals, WindowTestFunctions.ELEMENT)
                                        .assignTimestampsAndWatermarks(
                                                WatermarkStrategy
                                                        .<Tuple3<String, Long, Long>>forGenerator(
                                                                context ->
                                                                        new HoppingWindowsMiniClusterTest
                                                                                .WatermarkAfterEachElement())
                                                        .withTimestampAssigner((e, p) -> e.f1))
                                        .keyBy(WindowTestFunctions.KEY))
                        .sideOutputLateData(lateTag)
                        .aggregate(
                                new WindowTestFunctions.CountSumValues(),
                                new WindowTestFunctions.CountSumValuesToResult());
        DataStream<String> all =
                windowed.map(WindowResult::toString)
                        .union(windowed.getSideOutput(lateTag).map(e -> "late " + e));
        assertThat(HoppingWindowsMiniClusterTest.collect(all))
                .containsExactlyInAnyOrder(
                        new WindowResult("a", -5, 6, 1, 5).toString(),
                        new WindowResult("a", -2, 9, 2, 13).toString(),
                        new WindowResult("a", -1, 10, 3, 22).toString(),
                        "late " + Tuple3.of("a", 3L, 3L));
    }

    @Test
    void theFiringElementWithLaterPeersExcluded() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // in this order, a watermark of max - 1 after each element: the three at 5 are peers
        List<Tuple3<String, Long, Long>> arrivals =
                List.of(
                        Tuple3.of("a", 3L, 1L),
                        Tuple3.of("a", 5L, 2L),
                        Tuple3.of("a", 5L, 4L),
                        Tuple3.of("a", 5L, 8L),
                        Tuple3.of("a", 14L, 16L));
        DataStream<String> result =
                EventTimePerEventSlidingWindows.of(Duration.ofMillis(10))
                        .excludingLaterPeers()
                        .incremental(
                                env.fromData(arrivals, WindowTestFunctions.ELEMENT)
                                        .assignTimestampsAndWatermarks(
                                                WatermarkStrategy
                                                        .<Tuple3<String, Long, Long>>forGenerator(
                                                                context ->
                                                                        new HoppingWindowsMiniClusterTest
                                                                                .WatermarkAfterEachElement())
                                                        .withTimestampAssigner((e, p) -> e.f1))
                                        .keyBy(WindowTestFunctions.KEY))
                        .aggregate(
                                new WindowTestFunctions.CountSumValues(),
                                (element, aggregate, window) ->
                                        element.f1 + ": " + aggregate.f2 + " <- " + element.f2,
                                FiredWindowResult.COUNT_SUM_VALUES,
                                Types.STRING);
        assertThat(HoppingWindowsMiniClusterTest.collect(result))
                .containsExactlyInAnyOrder(
                        "3: 1 <- 1",
                        "5: 1,2 <- 2",
                        "5: 1,2,4 <- 4",
                        "5: 1,2,4,8 <- 8",
                        "14: 2,4,8,16 <- 16");
    }
}
