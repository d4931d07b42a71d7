package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint in the middle of windows, restored into a new window operator (heap state: the
 * accumulators go through their serializers and serializer snapshots): the results equal the
 * uninterrupted run's, in the exact and in the sketch regime.
 */
class SketchesRestoreTest {

    private static final TypeInformation<Tuple2<String, Long>> ROW =
            new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
    private static final KeySelector<Tuple2<String, Long>, String> KEY = r -> r.f0;

    /**
     * Two windows of 10 s; per window key "small" has 10,000 rows over 3,000 values (about 2,900
     * distinct: exact), key "large" 20,000 skewed rows over 100,000 values (well over 10,000
     * distinct: HLL and the frequent items sketch).
     */
    private static List<StreamRecord<Tuple2<String, Long>>> input() {
        Random random = new Random(5);
        List<StreamRecord<Tuple2<String, Long>>> rows = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            long ts = i / 3; // 20 s of rows: two windows of 10 s
            boolean small = i % 3 == 0;
            long item =
                    small
                            ? random.nextInt(3_000)
                            : (long) (100_000 * Math.pow(random.nextDouble(), 2));
            rows.add(new StreamRecord<>(Tuple2.of(small ? "small" : "large", item), ts));
        }
        return rows;
    }

    @Test
    void distinctCountsSurviveARestore() throws Exception {
        check(
                windowed ->
                        windowed.aggregate(DistinctCount.of(r -> r.f1, Types.LONG), new Show<>()));
    }

    @Test
    void topKSurvivesARestore() throws Exception {
        TopKItems<Tuple2<String, Long>, Long> top5 = TopKItems.of(r -> r.f1, Types.LONG, 5);
        check(
                windowed ->
                        windowed.aggregate(
                                top5,
                                new Show<List<ItemCount<Long>>>(),
                                top5.accumulatorType(),
                                top5.resultType(),
                                Types.STRING));
    }

    private static void check(
            Function<WindowedStream<Tuple2<String, Long>, String, TimeWindow>, DataStream<String>>
                    pipeline)
            throws Exception {
        List<StreamRecord<Tuple2<String, Long>>> rows = input();
        List<String> uninterrupted = run(pipeline, rows, rows.size());
        assertThat(uninterrupted).hasSize(4);
        for (int cut : new int[] {1, 17_777, 45_001}) {
            assertThat(run(pipeline, rows, cut)).as("restored at %s", cut).isEqualTo(uninterrupted);
        }
    }

    /**
     * Feeds {@code rows}, with a snapshot and restore into a new operator before row {@code cut}.
     */
    private static List<String> run(
            Function<WindowedStream<Tuple2<String, Long>, String, TimeWindow>, DataStream<String>>
                    pipeline,
            List<StreamRecord<Tuple2<String, Long>>> rows,
            int cut)
            throws Exception {
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, String> first =
                harness(pipeline, null)) {
            for (StreamRecord<Tuple2<String, Long>> row : rows.subList(0, cut)) {
                first.processElement(new StreamRecord<>(row.getValue(), row.getTimestamp()));
            }
            snapshot = first.snapshot(1, 1);
            collect(first, out);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, String> second =
                harness(pipeline, snapshot)) {
            for (StreamRecord<Tuple2<String, Long>> row : rows.subList(cut, rows.size())) {
                second.processElement(new StreamRecord<>(row.getValue(), row.getTimestamp()));
            }
            second.processWatermark(new Watermark(Long.MAX_VALUE));
            collect(second, out);
        }
        out.sort(null);
        return out;
    }

    private static void collect(
            KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, String> harness,
            List<String> out) {
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add((String) ((StreamRecord<?>) o).getValue());
            }
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, String>
            harness(
                    Function<
                                    WindowedStream<Tuple2<String, Long>, String, TimeWindow>,
                                    DataStream<String>>
                            pipeline,
                    OperatorSubtaskState restoreFrom)
                    throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WindowedStream<Tuple2<String, Long>, String, TimeWindow> windowed =
                env.fromData(ROW, Tuple2.of("x", 0L))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Tuple2<String, Long>>noWatermarks())
                        .keyBy(KEY)
                        .window(SketchSettings.tumblingWindows(10));
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<Tuple2<String, Long>, String> operator =
                ((OneInputTransformation<Tuple2<String, Long>, String>)
                                pipeline.apply(windowed).getTransformation())
                        .getOperator();
        KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, String> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, KEY, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    /** "key end: result". */
    private static final class Show<R>
            extends ProcessWindowFunction<R, String, String, TimeWindow> {
        @Override
        public void process(
                String key, Context context, Iterable<R> results, Collector<String> out) {
            for (R r : results) {
                out.collect(key + " " + context.window().getEnd() + ": " + r);
            }
        }
    }
}
