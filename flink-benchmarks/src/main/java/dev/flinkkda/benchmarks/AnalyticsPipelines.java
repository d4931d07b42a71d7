package dev.flinkkda.benchmarks;

import dev.flinkkda.analytics.PointExtractor;
import dev.flinkkda.analytics.rcf.AnomalyExplanation;
import dev.flinkkda.analytics.rcf.RandomCutForestSettings;
import dev.flinkkda.analytics.rcf.RandomCutForests;
import dev.flinkkda.analytics.rcf.ScoreFunction;
import dev.flinkkda.analytics.sketches.DistinctCount;
import dev.flinkkda.analytics.sketches.ItemCount;
import dev.flinkkda.analytics.sketches.TopKItems;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import com.amazon.randomcutforest.RandomCutForest;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of {@link AnalyticsBenchmark}, up to (not including) their sink, on the records of
 * {@link WindowPipelines#source} (record {@code i} at event time {@code i} ms, watermarks every
 * 1,000 ms of event time). Everything the jobs compute is derived from the record number {@code i}
 * (the record's value) by a fixed hash, so every job and the plain-Java loops ({@link
 * PlainJavaAnalytics}) see the same data:
 *
 * <ul>
 *   <li>Random Cut Forest: {@link #RCF_KEYS} keys ({@code i % 4}), a point of {@link
 *       #RCF_DIMENSIONS} values ({@link #point}), about one point in 250 an outlier; one forest per
 *       key with {@link #RCF_SETTINGS} (KDA's defaults: 100 trees, sub-sample 256, time decay
 *       100,000; plus a seed, so the three implementations give the same scores).
 *   <li>Sketches: {@link #SKETCH_KEYS} keys ({@code i % 2}), one-minute tumbling windows, so 30,000
 *       records per key and window. Distinct count: items out of 1,000,000 ({@link #distinctItem}),
 *       about 29,500 distinct per window (past the exact limit of 10,000: the HyperLogLog regime).
 *       Top-K: {@link #TOP_K} of 999 items with a skewed distribution ({@link #topKItem}).
 * </ul>
 */
public final class AnalyticsPipelines {

    /** Keys of the Random Cut Forest jobs, one forest each. */
    public static final int RCF_KEYS = 4;

    /** Numeric columns of a point. */
    public static final int RCF_DIMENSIONS = 3;

    /** KDA's defaults and a seed: the seed makes the three RCF implementations comparable. */
    public static final RandomCutForestSettings RCF_SETTINGS =
            RandomCutForestSettings.defaults().withRandomSeed(42L);

    /** Keys of the sketch jobs. */
    public static final int SKETCH_KEYS = 2;

    /** The tumbling window of the sketch jobs. */
    public static final Duration WINDOW_SIZE = Duration.ofMinutes(1);

    /** K of the top-K jobs. */
    public static final int TOP_K = 10;

    /** Distinct-count items are drawn from {@code [0, DISTINCT_RANGE)}. */
    public static final long DISTINCT_RANGE = 1_000_000;

    /** The lgK of the raw HLL peer: DistinctCount's ({@code HLL_4}, lgK 14). */
    public static final int HLL_LG_K = 14;

    private static final String TOP_K_TABLE = "topk_records";

    private AnalyticsPipelines() {}

    // ---------------------------------------------------------------- data

    /** A 64-bit mix of the record number (SplitMix64's finaliser). */
    public static long mix(long i) {
        long z = i * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The RCF key of record {@code i}. */
    public static int rcfKey(long i) {
        return (int) (i % RCF_KEYS);
    }

    /** Record {@code i}'s point: three correlated values, about one in 250 an outlier. */
    public static double[] point(long i) {
        long h = mix(i);
        double x = (h & 0xFFFF) / 6553.6;
        double y = 2 * x + ((h >>> 16) & 0xFF) / 256.0;
        double z = ((h >>> 24) & 0xFF) / 64.0;
        if (isOutlier(i)) {
            x += 50;
        }
        return new double[] {x, y, z};
    }

    /** Whether record {@code i}'s point is an outlier. */
    public static boolean isOutlier(long i) {
        return (mix(i) >>> 40) % 250 == 0;
    }

    /** The sketch key of record {@code i}. */
    public static int sketchKey(long i) {
        return (int) (i % SKETCH_KEYS);
    }

    /** Record {@code i}'s distinct-count item, in {@code [0, DISTINCT_RANGE)}. */
    public static long distinctItem(long i) {
        return (mix(i) >>> 1) % DISTINCT_RANGE;
    }

    /** Record {@code i}'s top-K item: {@code u² / 1000} for a uniform {@code u < 1000}. */
    public static long topKItem(long i) {
        long u = (mix(i) >>> 33) % 1000;
        return u * u / 1000;
    }

    /** The one-minute window (its number) of record {@code i}. */
    public static long window(long i) {
        return i / WINDOW_SIZE.toMillis();
    }

    // ---------------------------------------------------------------- Random Cut Forest

    /** The source keyed by {@link #rcfKey}. */
    public static KeyedStream<IntLongRecord, Integer> rcfKeyed(
            StreamExecutionEnvironment env, long records) {
        return WindowPipelines.source(env, records).keyBy(new RcfKey());
    }

    /** flink-kda-analytics: {@code RandomCutForests.score(keyed, RCF_SETTINGS, point, score)}. */
    public static DataStream<Double> rcfScore(StreamExecutionEnvironment env, long records) {
        return RandomCutForests.score(
                        rcfKeyed(env, records),
                        RCF_SETTINGS,
                        new RecordPoint(),
                        new ScoreOnly(),
                        Types.DOUBLE)
                .name("rcf-score");
    }

    /**
     * The raw library loop in a plain {@link KeyedProcessFunction}: per key a {@link
     * RandomCutForest} in a {@code HashMap}, built as {@link #newForest}; per record {@code
     * getAnomalyScore} (once the forest has seen {@code subSampleSize} points), then {@code
     * update}. No checkpointed state.
     */
    public static DataStream<Double> rcfRawLibrary(StreamExecutionEnvironment env, long records) {
        return rcfKeyed(env, records).process(new RawForestFunction()).name("rcf-raw-library");
    }

    /**
     * A forest with {@link #RCF_SETTINGS} as {@code RandomCutForestOperator} builds it: internal
     * shingling, {@code outputAfter = sampleSize = subSampleSize}, {@code timeDecay = 1 /
     * timeDecay}, single-threaded, seeded from the seed and the key with the operator's mixing.
     */
    public static RandomCutForest newForest(int key) {
        RandomCutForestSettings s = RCF_SETTINGS;
        return RandomCutForest.builder()
                .dimensions(s.dimensions(RCF_DIMENSIONS))
                .shingleSize(s.shingleSize())
                .internalShinglingEnabled(true)
                .numberOfTrees(s.numberOfTrees())
                .sampleSize(s.subSampleSize())
                .outputAfter(s.subSampleSize())
                .timeDecay(1.0 / s.timeDecay())
                .parallelExecutionEnabled(false)
                .randomSeed(RandomCutForestSettings.keySeed(s.randomSeed().getAsLong(), key))
                .build();
    }

    /**
     * The score of {@code point} by {@code forest}, then the point learned: the raw loop's step.
     */
    public static double scoreAndUpdate(RandomCutForest forest, double[] point) {
        float[] values = new float[point.length];
        for (int d = 0; d < point.length; d++) {
            values[d] = (float) point[d];
        }
        double score =
                forest.getTotalUpdates() >= RCF_SETTINGS.subSampleSize()
                        ? forest.getAnomalyScore(values)
                        : 0.0;
        forest.update(values);
        return score;
    }

    // ---------------------------------------------------------------- distinct count

    /**
     * The records as {@code (key = sketchKey(i), value = distinctItem(i))}, keyed by key, in
     * one-minute tumbling windows.
     */
    public static KeyedStream<IntLongRecord, Integer> distinctInput(
            StreamExecutionEnvironment env, long records) {
        return WindowPipelines.source(env, records)
                .map(new ToDistinctRecord())
                .name("to-distinct-record")
                .keyBy(new WindowPipelines.RecordKey());
    }

    /** flink-kda-analytics: {@code DistinctCount.of(value, Types.LONG)} per window. */
    public static DataStream<Long> distinctCount(StreamExecutionEnvironment env, long records) {
        return distinctInput(env, records)
                .window(TumblingEventTimeWindows.of(WINDOW_SIZE))
                .aggregate(DistinctCount.of(new RecordValue(), Types.LONG))
                .name("distinct-count");
    }

    /**
     * The peer: a plain {@link AggregateFunction} over a DataSketches {@link HllSketch} ({@code
     * HLL_4}, lgK 14, as DistinctCount) updated with the item's {@code long}. Its accumulator has
     * no Flink type of its own, so this job allows generic types (Kryo), which the heap state
     * backend never calls here (no checkpoints): what a user would write.
     */
    public static DataStream<Long> rawHllCount(StreamExecutionEnvironment env, long records) {
        env.getConfig().getSerializerConfig().setGenericTypes(true);
        return distinctInput(env, records)
                .window(TumblingEventTimeWindows.of(WINDOW_SIZE))
                .aggregate(new HllCount())
                .name("raw-hll-count");
    }

    // ---------------------------------------------------------------- top K

    /** The records as {@code (key = sketchKey(i), value = topKItem(i))}. */
    public static DataStream<IntLongRecord> topKInput(
            StreamExecutionEnvironment env, long records) {
        return WindowPipelines.source(env, records).map(new ToTopKRecord()).name("to-topk-record");
    }

    /** flink-kda-analytics: {@code TopKItems.of(value, Types.LONG, TOP_K)} per window. */
    public static DataStream<List<ItemCount<Long>>> topKItems(
            StreamExecutionEnvironment env, long records) {
        return TopKItems.of(new RecordValue(), Types.LONG, TOP_K)
                .aggregate(
                        topKInput(env, records)
                                .keyBy(new WindowPipelines.RecordKey())
                                .window(TumblingEventTimeWindows.of(WINDOW_SIZE)))
                .name("top-k-items");
    }

    /**
     * The peer: Flink SQL's window top-N, {@link #topKQuery}, on the same records as a table with a
     * rowtime from the stream's timestamps and the source's watermarks. Rows {@code (k,
     * window_start, item, cnt, rn)}.
     */
    public static DataStream<Row> topKSql(StreamExecutionEnvironment env, long records) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        Table table =
                tables.fromDataStream(
                        topKInput(env, records),
                        Schema.newBuilder()
                                .columnByMetadata("rt", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                                .watermark("rt", "SOURCE_WATERMARK()")
                                .build());
        tables.createTemporaryView(TOP_K_TABLE, table);
        return tables.toDataStream(tables.sqlQuery(topKQuery()));
    }

    /**
     * TUMBLE, GROUP BY, ROW_NUMBER() ≤ K: per key and minute the K items with the highest counts,
     * equal counts by item ascending (TopKItems' order).
     */
    public static String topKQuery() {
        return "SELECT k, window_start, item, cnt, rn FROM ("
                + " SELECT k, window_start, window_end, item, cnt, ROW_NUMBER() OVER ("
                + "PARTITION BY k, window_start, window_end ORDER BY cnt DESC, item ASC) AS rn"
                + " FROM ("
                + " SELECT `key` AS k, window_start, window_end, `value` AS item, COUNT(*) AS cnt"
                + " FROM TABLE(TUMBLE(TABLE "
                + TOP_K_TABLE
                + ", DESCRIPTOR(rt), INTERVAL '"
                + WINDOW_SIZE.toSeconds()
                + "' SECOND))"
                + " GROUP BY `key`, window_start, window_end, `value`))"
                + " WHERE rn <= "
                + TOP_K;
    }

    // ---------------------------------------------------------------- functions

    /** The RCF key of a generated record. */
    static final class RcfKey implements KeySelector<IntLongRecord, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(IntLongRecord record) {
            return rcfKey(record.value);
        }
    }

    /** A generated record's point. */
    static final class RecordPoint implements PointExtractor<IntLongRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] extract(IntLongRecord record) {
            return point(record.value);
        }
    }

    /** The score alone. */
    static final class ScoreOnly implements ScoreFunction<IntLongRecord, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public Double apply(
                IntLongRecord element, double score, @Nullable AnomalyExplanation explanation) {
            return score;
        }
    }

    /** The raw library loop, one forest per key in the function's memory. */
    static final class RawForestFunction
            extends KeyedProcessFunction<Integer, IntLongRecord, Double> {
        private static final long serialVersionUID = 1L;

        private transient Map<Integer, RandomCutForest> forests;

        @Override
        public void processElement(IntLongRecord record, Context context, Collector<Double> out) {
            if (forests == null) {
                forests = new HashMap<>();
            }
            RandomCutForest forest =
                    forests.computeIfAbsent(context.getCurrentKey(), AnalyticsPipelines::newForest);
            out.collect(scoreAndUpdate(forest, point(record.value)));
        }
    }

    /** The record's value as the item. */
    static final class RecordValue implements KeySelector<IntLongRecord, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long getKey(IntLongRecord record) {
            return record.value;
        }
    }

    /** Record {@code i} to {@code (sketchKey(i), distinctItem(i))}. */
    static final class ToDistinctRecord implements MapFunction<IntLongRecord, IntLongRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntLongRecord map(IntLongRecord record) {
            long i = record.value;
            return new IntLongRecord(sketchKey(i), distinctItem(i));
        }
    }

    /** Record {@code i} to {@code (sketchKey(i), topKItem(i))}. */
    static final class ToTopKRecord implements MapFunction<IntLongRecord, IntLongRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntLongRecord map(IntLongRecord record) {
            long i = record.value;
            return new IntLongRecord(sketchKey(i), topKItem(i));
        }
    }

    /** The raw HLL peer: an {@link HllSketch} as the accumulator. */
    static final class HllCount implements AggregateFunction<IntLongRecord, HllSketch, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public HllSketch createAccumulator() {
            return new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
        }

        @Override
        public HllSketch add(IntLongRecord record, HllSketch sketch) {
            sketch.update(record.value);
            return sketch;
        }

        @Override
        public Long getResult(HllSketch sketch) {
            return Math.round(sketch.getEstimate());
        }

        @Override
        public HllSketch merge(HllSketch a, HllSketch b) {
            Union union = new Union(HLL_LG_K);
            union.update(a);
            union.update(b);
            return union.getResult(TgtHllType.HLL_4);
        }
    }
}
