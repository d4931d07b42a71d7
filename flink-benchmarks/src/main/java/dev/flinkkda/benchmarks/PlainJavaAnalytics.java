package dev.flinkkda.benchmarks;

import dev.flinkkda.analytics.sketches.ItemCount;

import com.amazon.randomcutforest.RandomCutForest;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;

/**
 * The computations of {@link AnalyticsBenchmark} in plain loops over the record numbers, no Flink:
 * the physical bounds. The records are those of {@link AnalyticsPipelines} (in timestamp order, so
 * a window ends for every key when the first record of the next minute arrives).
 */
public final class PlainJavaAnalytics {

    private PlainJavaAnalytics() {}

    /**
     * The raw Random Cut Forest loop: per record, its key's forest ({@link
     * AnalyticsPipelines#newForest}) scores the point, then learns it.
     */
    public static void rcfScores(long records, DoubleConsumer out) {
        RandomCutForest[] forests = new RandomCutForest[AnalyticsPipelines.RCF_KEYS];
        for (int key = 0; key < forests.length; key++) {
            forests[key] = AnalyticsPipelines.newForest(key);
        }
        for (long i = 0; i < records; i++) {
            RandomCutForest forest = forests[AnalyticsPipelines.rcfKey(i)];
            out.accept(AnalyticsPipelines.scoreAndUpdate(forest, AnalyticsPipelines.point(i)));
        }
    }

    /**
     * Per key and minute the HLL estimate of the distinct items, as the raw HLL peer computes it.
     */
    public static void hllCounts(long records, LongConsumer out) {
        HllSketch[] sketches = new HllSketch[AnalyticsPipelines.SKETCH_KEYS];
        long window = 0;
        for (long i = 0; i < records; i++) {
            long w = AnalyticsPipelines.window(i);
            if (w != window) {
                emitCounts(sketches, out);
                window = w;
            }
            int key = AnalyticsPipelines.sketchKey(i);
            if (sketches[key] == null) {
                sketches[key] = new HllSketch(AnalyticsPipelines.HLL_LG_K, TgtHllType.HLL_4);
            }
            sketches[key].update(AnalyticsPipelines.distinctItem(i));
        }
        emitCounts(sketches, out);
    }

    private static void emitCounts(HllSketch[] sketches, LongConsumer out) {
        for (int key = 0; key < sketches.length; key++) {
            if (sketches[key] != null) {
                out.accept(Math.round(sketches[key].getEstimate()));
                sketches[key] = null;
            }
        }
    }

    /**
     * Per key and minute the {@link AnalyticsPipelines#TOP_K} most frequent items, exact counts in
     * a {@code HashMap}, by count descending and item ascending.
     */
    public static void topK(long records, Consumer<List<ItemCount<Long>>> out) {
        List<Map<Long, long[]>> counts = new ArrayList<>();
        for (int key = 0; key < AnalyticsPipelines.SKETCH_KEYS; key++) {
            counts.add(new HashMap<>());
        }
        long window = 0;
        for (long i = 0; i < records; i++) {
            long w = AnalyticsPipelines.window(i);
            if (w != window) {
                emitTopK(counts, out);
                window = w;
            }
            counts.get(AnalyticsPipelines.sketchKey(i))
                    .computeIfAbsent(AnalyticsPipelines.topKItem(i), item -> new long[1])[0]++;
        }
        emitTopK(counts, out);
    }

    private static void emitTopK(
            List<Map<Long, long[]>> counts, Consumer<List<ItemCount<Long>>> out) {
        for (Map<Long, long[]> window : counts) {
            if (window.isEmpty()) {
                continue;
            }
            List<ItemCount<Long>> rows = new ArrayList<>(window.size());
            window.forEach((item, count) -> rows.add(new ItemCount<>(item, count[0])));
            rows.sort(
                    Comparator.<ItemCount<Long>>comparingLong(row -> -row.count)
                            .thenComparingLong(row -> row.item));
            out.accept(
                    new ArrayList<>(
                            rows.subList(0, Math.min(AnalyticsPipelines.TOP_K, rows.size()))));
            window.clear();
        }
    }
}
