package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both functions in a real job with Flink's event-time tumbling windows: 300 rows 100 ms apart,
 * three windows of 10 seconds with 100 rows each. In window {@code w} the rows are 50 of one
 * ticker, 30 of the next, 15 of the third ({@code A, B, C} rotated by {@code w}) and 5 tickers seen
 * once ({@code Dw0 … Dw4}): 8 distinct tickers per window.
 */
class SketchesMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** A multiple of 10 seconds: windows are aligned to the epoch, so they start here. */
    private static final long BASE = 1_700_000_000_000L;

    private static final TypeInformation<Tuple2<Long, String>> ROW =
            new TypeHint<Tuple2<Long, String>>() {}.getTypeInfo();

    @Test
    void distinctCountsPerWindow() throws Exception {
        List<String> result =
                collect(
                        windowed()
                                .aggregate(
                                        DistinctCount.of(r -> r.f1, Types.STRING),
                                        new WithWindowEnd<Long>()));
        assertThat(result).containsExactly("10 s: 8", "20 s: 8", "30 s: 8");
    }

    /** K = 4: the three tickers, then the smallest of the tied single tickers. */
    @Test
    void topKItemsPerWindow() throws Exception {
        TopKItems<Tuple2<Long, String>, String> top4 = TopKItems.of(r -> r.f1, Types.STRING, 4);
        List<String> result =
                collect(
                        windowed()
                                .aggregate(
                                        top4,
                                        new WithWindowEnd<List<ItemCount<String>>>(),
                                        top4.accumulatorType(),
                                        top4.resultType(),
                                        Types.STRING));
        assertThat(result)
                .containsExactly(
                        "10 s: [A=50, B=30, C=15, D00=1]",
                        "20 s: [B=50, C=30, A=15, D10=1]",
                        "30 s: [C=50, A=30, B=15, D20=1]");

        List<String> plain = new ArrayList<>();
        try (CloseableIterator<List<ItemCount<String>>> it =
                TopKItems.of((Tuple2<Long, String> r) -> r.f1, Types.STRING, 1)
                        .aggregate(windowed())
                        .executeAndCollect()) {
            it.forEachRemaining(top -> plain.add(top.toString()));
        }
        assertThat(plain).containsExactly("[A=50]", "[B=50]", "[C=50]");
    }

    private static WindowedStream<Tuple2<Long, String>, String, TimeWindow> windowed() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        String[] tickers = {"A", "B", "C"};
        List<Tuple2<Long, String>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int w = i / 100;
            int j = i % 100;
            String ticker;
            if (j < 50) {
                ticker = tickers[w % 3];
            } else if (j < 80) {
                ticker = tickers[(w + 1) % 3];
            } else if (j < 95) {
                ticker = tickers[(w + 2) % 3];
            } else {
                ticker = "D" + w + (j - 95);
            }
            rows.add(Tuple2.of(BASE + i * 100L, ticker));
        }
        DataStream<Tuple2<Long, String>> stream =
                env.fromData(rows, ROW)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tuple2<Long, String>>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, ts) -> r.f0));
        return stream.keyBy(r -> "all", Types.STRING).window(SketchSettings.tumblingWindows(10));
    }

    private static List<String> collect(DataStream<String> stream) throws Exception {
        List<String> result = new ArrayList<>();
        try (CloseableIterator<String> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    /** "end: result", the window end in seconds after {@link #BASE} (KDA's output ROWTIME). */
    private static final class WithWindowEnd<R>
            extends ProcessWindowFunction<R, String, String, TimeWindow> {
        @Override
        public void process(
                String key, Context context, Iterable<R> results, Collector<String> out) {
            for (R r : results) {
                out.collect((context.window().getEnd() - BASE) / 1000 + " s: " + r);
            }
        }
    }
}
