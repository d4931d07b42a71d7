package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hopping windows in real jobs on a MiniCluster (parallelism 1), from an out-of-order source. Size
 * 10 every 4 ms (panes of 2 on the fast path); key a is 0 2 6 9 12 13 30, key b is 1 4 20, arriving
 * out of order within the bound of 10. The input and the collecting of results are public for the
 * per-event sliding windows' MiniCluster test, which uses the same input.
 */
public class HoppingWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    public static final List<Tuple3<String, Long, Long>> ARRIVALS =
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

    private static final EventTimeHoppingWindows WINDOWS =
            EventTimeHoppingWindows.of(Duration.ofMillis(10), Duration.ofMillis(4));

    /** Computed by hand: windows [4k, 4k + 10) with their elements. */
    private static final List<WindowResult> EXPECTED =
            List.of(
                    new WindowResult("a", -8, 2, 1, 0),
                    new WindowResult("a", -4, 6, 2, 2),
                    new WindowResult("a", 0, 10, 4, 17),
                    new WindowResult("a", 4, 14, 4, 40),
                    new WindowResult("a", 8, 18, 3, 34),
                    new WindowResult("a", 12, 22, 2, 25),
                    new WindowResult("a", 24, 34, 1, 30),
                    new WindowResult("a", 28, 38, 1, 30),
                    new WindowResult("b", -8, 2, 1, 1),
                    new WindowResult("b", -4, 6, 2, 5),
                    new WindowResult("b", 0, 10, 2, 5),
                    new WindowResult("b", 4, 14, 1, 4),
                    new WindowResult("b", 12, 22, 1, 20),
                    new WindowResult("b", 16, 26, 1, 20),
                    new WindowResult("b", 20, 30, 1, 20));

    public static KeyedStream<Tuple3<String, Long, Long>, String> input(
            StreamExecutionEnvironment env, List<Tuple3<String, Long, Long>> arrivals) {
        env.setParallelism(1);
        return env.fromData(arrivals, WindowTestFunctions.ELEMENT)
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Tuple3<String, Long, Long>>forBoundedOutOfOrderness(
                                        Duration.ofMillis(10))
                                .withTimestampAssigner((e, previous) -> e.f1))
                .keyBy(WindowTestFunctions.KEY);
    }

    public static <R> List<R> collect(DataStream<R> stream) throws Exception {
        List<R> result = new ArrayList<>();
        try (CloseableIterator<R> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    @Test
    void expectedWindowsAreTheReferences() {
        assertThat(EXPECTED)
                .containsExactlyInAnyOrderElementsOf(
                        HoppingReference.windows(
                                ARRIVALS, 10, 4, HoppingAlignment.EPOCH_STARTS, 0));
    }

    @Test
    void assignerWithAggregate() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                input(env, ARRIVALS)
                        .window(WINDOWS)
                        .aggregate(
                                new WindowTestFunctions.CountSumValues(),
                                new WindowTestFunctions.CountSumValuesToResult());
        assertThat(collect(result)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @Test
    void assignerWithProcessSeesAllElements() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                input(env, ARRIVALS)
                        .window(WINDOWS)
                        .process(new WindowTestFunctions.CountSumValuesOfElements());
        assertThat(collect(result)).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    /** A custom trigger: every second element of a window fires it (in order: a is 1 2 6 7). */
    @Test
    void assignerWithACustomTrigger() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<Tuple3<String, Long, Long>> inOrder =
                List.of(
                        Tuple3.of("a", 1L, 1L),
                        Tuple3.of("a", 2L, 2L),
                        Tuple3.of("a", 6L, 6L),
                        Tuple3.of("a", 7L, 7L));
        DataStream<String> result =
                input(env, inOrder)
                        .window(
                                EventTimeHoppingWindows.of(
                                        Duration.ofMillis(10), Duration.ofMillis(5)))
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
        // [-5, 5) holds 1 2, [0, 10) 1 2 6 7 (fires at its 2nd and 4th), [5, 15) 6 7
        assertThat(collect(result)).containsExactlyInAnyOrder("a@-5:2", "a@0:2", "a@0:4", "a@5:2");
    }

    @Test
    void fastPathAggregateAndReduce() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> aggregated =
                WINDOWS.incremental(input(env, ARRIVALS))
                        .aggregate(
                                new WindowTestFunctions.CountSumValues(),
                                new WindowTestFunctions.CountSumValuesToResult());
        assertThat(collect(aggregated)).containsExactlyInAnyOrderElementsOf(EXPECTED);

        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple2<String, Long>> reduced =
                WINDOWS.incremental(input(env2, ARRIVALS))
                        .reduce((x, y) -> Tuple3.of(x.f0, x.f1, x.f2 + y.f2))
                        .map(e -> Tuple2.of(e.f0, e.f2))
                        .returns(Types.TUPLE(Types.STRING, Types.LONG));
        List<Tuple2<String, Long>> sums = new ArrayList<>();
        for (WindowResult r : EXPECTED) {
            sums.add(Tuple2.of(r.key, r.sum));
        }
        assertThat(collect(reduced)).containsExactlyInAnyOrderElementsOf(sums);
    }

    /**
     * Gaps on the fast path, from a start instant: 3 ms every 8 ms from 1: [1, 4) [9, 12) [17, 20)
     * [25, 28); a's 0 (before the start), 6, 13 and 30 and b's 4 and 20 are in no window.
     */
    @Test
    void fastPathWithGaps() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<WindowResult> result =
                EventTimeHoppingWindows.of(Duration.ofMillis(3), Duration.ofMillis(8))
                        .startingAt(Instant.ofEpochMilli(1))
                        .incremental(input(env, ARRIVALS))
                        .aggregate(
                                new WindowTestFunctions.CountSumValues(),
                                new WindowTestFunctions.CountSumValuesToResult());
        assertThat(collect(result))
                .containsExactlyInAnyOrder(
                        new WindowResult("a", 1, 4, 1, 2),
                        new WindowResult("a", 9, 12, 1, 9),
                        new WindowResult("b", 1, 4, 1, 1));
    }

    /**
     * Late data with a watermark after every element (bound 0): 3 arrives after both of its windows
     * fired and goes to the side output; 8 arrives after [0, 10) fired and joins [5, 15). The same
     * on both paths.
     */
    @Test
    void lateDataOnBothPaths() throws Exception {
        List<Tuple3<String, Long, Long>> arrivals =
                List.of(
                        Tuple3.of("a", 1L, 1L),
                        Tuple3.of("a", 6L, 6L),
                        Tuple3.of("a", 12L, 12L),
                        Tuple3.of("a", 3L, 3L),
                        Tuple3.of("a", 8L, 8L),
                        Tuple3.of("a", 20L, 20L));
        List<WindowResult> expected =
                List.of(
                        new WindowResult("a", -5, 5, 1, 1),
                        new WindowResult("a", 0, 10, 2, 7),
                        new WindowResult("a", 5, 15, 3, 26),
                        new WindowResult("a", 10, 20, 1, 12),
                        new WindowResult("a", 15, 25, 1, 20),
                        new WindowResult("a", 20, 30, 1, 20));
        EventTimeHoppingWindows windows =
                EventTimeHoppingWindows.of(Duration.ofMillis(10), Duration.ofMillis(5));
        OutputTag<Tuple3<String, Long, Long>> lateTag =
                new OutputTag<>("late", WindowTestFunctions.ELEMENT);
        for (boolean fastPath : new boolean[] {false, true}) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                    env.fromData(arrivals, WindowTestFunctions.ELEMENT)
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Tuple3<String, Long, Long>>forGenerator(
                                                    context -> new WatermarkAfterEachElement())
                                            .withTimestampAssigner((e, previous) -> e.f1))
                            .keyBy(WindowTestFunctions.KEY);
            SingleOutputStreamOperator<WindowResult> windowed =
                    fastPath
                            ? windows.incremental(keyed)
                                    .sideOutputLateData(lateTag)
                                    .aggregate(
                                            new WindowTestFunctions.CountSumValues(),
                                            new WindowTestFunctions.CountSumValuesToResult())
                            : keyed.window(windows)
                                    .sideOutputLateData(lateTag)
                                    .aggregate(
                                            new WindowTestFunctions.CountSumValues(),
                                            new WindowTestFunctions.CountSumValuesToResult());
            DataStream<String> all =
                    windowed.map(r -> "window " + r)
                            .union(windowed.getSideOutput(lateTag).map(e -> "late " + e));
            List<String> expectedLines = new ArrayList<>();
            expected.forEach(r -> expectedLines.add("window " + r));
            expectedLines.add("late " + Tuple3.of("a", 3L, 3L));
            assertThat(collect(all))
                    .as(fastPath ? "fast path" : "assigner")
                    .containsExactlyInAnyOrderElementsOf(expectedLines);
        }
    }

    /** A watermark {@code max timestamp - 1} after every element. */
    public static final class WatermarkAfterEachElement
            implements WatermarkGenerator<Tuple3<String, Long, Long>> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(
                Tuple3<String, Long, Long> event, long timestamp, WatermarkOutput output) {
            max = Math.max(max, timestamp);
            output.emitWatermark(new Watermark(max - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
