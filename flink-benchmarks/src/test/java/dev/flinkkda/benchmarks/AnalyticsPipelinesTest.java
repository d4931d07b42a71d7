package dev.flinkkda.benchmarks;

import dev.flinkkda.analytics.sketches.DistinctCountAccumulator;
import dev.flinkkda.analytics.sketches.ItemCount;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@link AnalyticsBenchmark}'s bodies on small inputs, run as the benchmark runs them
 * (on {@link FlinkEnvironmentContext}'s MiniCluster), against results computed here by brute force:
 * the exact distinct items and the exact top 10 of each key and minute; for the Random Cut Forest,
 * which is randomized, the three implementations must give the same scores (same seeds), 0 while a
 * forest learns, and the outliers must stand out.
 */
class AnalyticsPipelinesTest {

    /** 1,000 points per key. */
    private static final long RCF_RECORDS = 4_000;

    /** Four minutes: 8 windows of 30,000 records. */
    private static final long SKETCH_RECORDS = 240_000;

    private static final FlinkEnvironmentContext CONTEXT = new FlinkEnvironmentContext();

    @BeforeAll
    static void startCluster() throws Exception {
        CONTEXT.setUp();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        CONTEXT.tearDown();
    }

    @Test
    void rcfJobsAndPlainLoopGiveTheSameScores() throws Exception {
        List<Double> plain = new ArrayList<>();
        PlainJavaAnalytics.rcfScores(RCF_RECORDS, plain::add);
        assertThat(plain).hasSize((int) RCF_RECORDS);

        // The forest learns the first subSampleSize points of each key: score 0.
        long zeros = plain.stream().filter(score -> score == 0.0).count();
        assertThat(zeros)
                .isEqualTo(
                        (long) AnalyticsPipelines.RCF_KEYS
                                * AnalyticsPipelines.RCF_SETTINGS.subSampleSize());

        // Past the learning phase, the outliers score far above the other points.
        double outliers = 0;
        double others = 0;
        int outlierCount = 0;
        int otherCount = 0;
        for (int i = 0; i < plain.size(); i++) {
            if (plain.get(i) == 0.0) {
                continue;
            }
            if (AnalyticsPipelines.isOutlier(i)) {
                outliers += plain.get(i);
                outlierCount++;
            } else {
                others += plain.get(i);
                otherCount++;
            }
        }
        assertThat(outlierCount).isPositive();
        assertThat(outliers / outlierCount).isGreaterThan(2 * others / otherCount);

        List<Double> ours = CollectingSink.run(CONTEXT, AnalyticsPipelines::rcfScore, RCF_RECORDS);
        List<Double> raw =
                CollectingSink.run(CONTEXT, AnalyticsPipelines::rcfRawLibrary, RCF_RECORDS);
        assertThat(ours).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(raw).containsExactlyInAnyOrderElementsOf(plain);
    }

    @Test
    void distinctCountJobsAreWithinTheSketchErrorOfTheExactCounts() throws Exception {
        List<Long> exact = bruteForceDistinctCounts();
        assertThat(exact).hasSize(8);
        // Past DistinctCount's exact limit: the HyperLogLog regime.
        assertThat(exact).allMatch(count -> count > DistinctCountAccumulator.EXACT_LIMIT);

        List<Long> ours =
                CollectingSink.run(CONTEXT, AnalyticsPipelines::distinctCount, SKETCH_RECORDS);
        List<Long> raw =
                CollectingSink.run(CONTEXT, AnalyticsPipelines::rawHllCount, SKETCH_RECORDS);
        List<Long> plain = new ArrayList<>();
        PlainJavaAnalytics.hllCounts(SKETCH_RECORDS, plain::add);

        // The windows' exact counts are all different; lgK 14 has a relative standard error of
        // 0.8 %, so each estimate is matched with the nearest exact count and must be within 4 %.
        assertWithinError(ours, exact);
        assertWithinError(raw, exact);
        assertThat(plain).containsExactlyInAnyOrderElementsOf(raw);
    }

    @Test
    void topKJobsGiveTheBruteForceTop10() throws Exception {
        List<List<ItemCount<Long>>> expected = bruteForceTopK();
        assertThat(expected).hasSize(8).allMatch(top -> top.size() == AnalyticsPipelines.TOP_K);

        List<List<ItemCount<Long>>> ours =
                CollectingSink.run(CONTEXT, AnalyticsPipelines::topKItems, SKETCH_RECORDS);
        assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);

        List<Row> rows = CollectingSink.run(CONTEXT, AnalyticsPipelines::topKSql, SKETCH_RECORDS);
        Map<String, TreeMap<Long, ItemCount<Long>>> byWindow = new HashMap<>();
        for (Row row : rows) {
            String window = row.getField("k") + "@" + (LocalDateTime) row.getField("window_start");
            byWindow.computeIfAbsent(window, w -> new TreeMap<>())
                    .put(
                            (Long) row.getField("rn"),
                            new ItemCount<>(
                                    (Long) row.getField("item"), (Long) row.getField("cnt")));
        }
        List<List<ItemCount<Long>>> sql = new ArrayList<>();
        byWindow.values().forEach(top -> sql.add(new ArrayList<>(top.values())));
        assertThat(sql).containsExactlyInAnyOrderElementsOf(expected);

        List<List<ItemCount<Long>>> plain = new ArrayList<>();
        PlainJavaAnalytics.topK(SKETCH_RECORDS, plain::add);
        assertThat(plain).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void assertWithinError(List<Long> estimates, List<Long> exact) {
        assertThat(estimates).hasSameSizeAs(exact);
        for (long estimate : estimates) {
            long nearest =
                    exact.stream()
                            .min(Comparator.comparingLong(count -> Math.abs(count - estimate)))
                            .orElseThrow();
            assertThat((double) Math.abs(estimate - nearest) / nearest).isLessThan(0.04);
        }
    }

    /** The exact number of distinct items of each key and minute. */
    private static List<Long> bruteForceDistinctCounts() {
        Map<String, Set<Long>> items = new TreeMap<>();
        for (long i = 0; i < SKETCH_RECORDS; i++) {
            items.computeIfAbsent(windowOf(i), w -> new HashSet<>())
                    .add(AnalyticsPipelines.distinctItem(i));
        }
        List<Long> counts = new ArrayList<>();
        items.values().forEach(set -> counts.add((long) set.size()));
        return counts;
    }

    /** The exact top 10 of each key and minute: count descending, item ascending. */
    private static List<List<ItemCount<Long>>> bruteForceTopK() {
        Map<String, Map<Long, Long>> counts = new TreeMap<>();
        for (long i = 0; i < SKETCH_RECORDS; i++) {
            counts.computeIfAbsent(windowOf(i), w -> new HashMap<>())
                    .merge(AnalyticsPipelines.topKItem(i), 1L, Long::sum);
        }
        List<List<ItemCount<Long>>> tops = new ArrayList<>();
        for (Map<Long, Long> window : counts.values()) {
            List<ItemCount<Long>> rows = new ArrayList<>();
            window.forEach((item, count) -> rows.add(new ItemCount<>(item, count)));
            rows.sort(
                    Comparator.<ItemCount<Long>>comparingLong(row -> -row.count)
                            .thenComparingLong(row -> row.item));
            tops.add(new ArrayList<>(rows.subList(0, AnalyticsPipelines.TOP_K)));
        }
        return tops;
    }

    /** Key and minute of record {@code i}, computed from its timestamp {@code i} ms. */
    private static String windowOf(long i) {
        return (i % AnalyticsPipelines.SKETCH_KEYS) + "@" + (i / 60_000);
    }
}
