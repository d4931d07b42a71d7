package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TOP_K_ITEMS}' accumulate, merge and getValue: by hand, and against a {@code HashMap} count
 * over seeded Zipf windows.
 */
class TopKItemsFunctionTest {

    private static final TopKItemsFunction TOP = TopKItemsFunction.create();

    /** Equal counts by the item ascending; NULL not counted; fewer items than K: all of them. */
    @Test
    void mostFrequentFirstTiesByItem() {
        assertThat(show(accumulate(3, "d", "b", "c", "a", "b", "c", "d", "d", "a", null)))
                .isEqualTo("[d=3, a=2, b=2]");
        assertThat(show(accumulate(10, "x", null, "y", "x"))).isEqualTo("[x=2, y=1]");
        assertThat(show(accumulate(10, (Object) null))).isEqualTo("[]");
        assertThat(show(TOP.createAccumulator())).isEqualTo("[]");
    }

    /** An integer's item is its decimal text; ties by that text ("10" before "9"). */
    @Test
    void integersByTheirText() {
        assertThat(show(accumulate(2, 9, 10L, (short) 9, 10, 7))).isEqualTo("[10=2, 9=2]");
    }

    /** Merging counts into the first accumulator leaves the others as they were. */
    @Test
    void mergeAddsCountsAndLeavesTheOthers() {
        TopKItemsAccumulator first = accumulate(2, "a", "b", "b");
        TopKItemsAccumulator second = accumulate(2, "a", "a", "c");
        TOP.merge(first, List.of(second, TOP.createAccumulator(), accumulate(2, "c", "c")));
        assertThat(show(first)).isEqualTo("[a=3, c=3]");
        assertThat(show(second)).isEqualTo("[a=2, c=1]");

        TopKItemsAccumulator empty = TOP.createAccumulator(); // a slice without rows, then K
        TOP.merge(empty, List.of(second));
        assertThat(show(empty)).isEqualTo("[a=2, c=1]");
    }

    /**
     * 20 seeded Zipf windows (up to 6,000 values, so the counts are exact) and K from 1 to 50: the
     * result equals the {@code HashMap} count's top K (count descending, then item), whole and
     * merged from three parts of which one went through the restored RAW serializer.
     */
    @Test
    void exactTopKAgainstAHashMap() throws Exception {
        TypeSerializer<TopKItemsAccumulator> serializer =
                SketchTestData.restoredRawSerializer(TopKItemsFunction.ACCUMULATOR_TYPE);
        Random random = new Random(150);
        int[] ks = {1, 3, 5, 50};
        for (int w = 0; w < 20; w++) {
            int k = ks[w % ks.length];
            SketchTestData.Zipf zipf = new SketchTestData.Zipf(1 + random.nextInt(6_000), 1.1, w);
            List<Object> window = new ArrayList<>();
            int rows = 1 + random.nextInt(30_000);
            for (int i = 0; i < rows; i++) {
                window.add("t" + zipf.next());
            }
            String expected = bruteForce(window, k);

            assertThat(show(accumulate(k, window.toArray()))).isEqualTo(expected);
            TopKItemsAccumulator[] parts = {
                TOP.createAccumulator(), TOP.createAccumulator(), TOP.createAccumulator()
            };
            for (Object item : window) {
                TOP.accumulate(parts[random.nextInt(3)], item, k);
            }
            TOP.merge(parts[0], List.of(parts[1], SketchTestData.roundTrip(serializer, parts[2])));
            assertThat(show(parts[0])).isEqualTo(expected);
        }
    }

    /**
     * 300,000 rows over 200,000 Zipf(1.2) values (far over 10,000 distinct: the frequent items
     * sketch): the top 5 are the {@code HashMap}'s top 5 in order, each count within the sketch's
     * maximum error of the exact one; also merged from two parts (an exact part into a sketch).
     */
    @Test
    void clearLeadersInTheSketchRegime() throws Exception {
        SketchTestData.Zipf zipf = new SketchTestData.Zipf(200_000, 1.2, 151);
        List<Object> window = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            window.add("t" + zipf.next());
        }
        Map<Object, Long> exact = counts(window);
        List<Object> leaders = top(exact, 5);
        assertThat(exact.size()).isGreaterThan(20_000);

        TopKItemsAccumulator whole = accumulate(5, window.toArray());
        assertThat(whole.counts.isExact()).isFalse();
        checkLeaders(whole, exact, leaders);

        TopKItemsAccumulator small = accumulate(5, window.subList(0, 2_000).toArray());
        TopKItemsAccumulator rest =
                SketchTestData.roundTrip(
                        SketchTestData.restoredRawSerializer(TopKItemsFunction.ACCUMULATOR_TYPE),
                        accumulate(5, window.subList(2_000, window.size()).toArray()));
        assertThat(small.counts.isExact()).isTrue();
        String restBefore = show(rest);
        TOP.merge(small, List.of(rest));
        checkLeaders(small, exact, leaders);
        assertThat(show(rest)).isEqualTo(restBefore);
    }

    @Test
    void accumulatorTypeIsRawWithItsSerializer() throws Exception {
        assertThat(SketchTestData.restoredRawSerializer(TopKItemsFunction.ACCUMULATOR_TYPE))
                .isSameAs(TopKItemsAccumulator.Serializer.INSTANCE);
        TopKItemsAccumulator acc = accumulate(7, "a", "b", "a");
        TopKItemsAccumulator back =
                SketchTestData.roundTrip(TopKItemsAccumulator.Serializer.INSTANCE, acc);
        assertThat(back.k).isEqualTo(7);
        assertThat(show(back)).isEqualTo("[a=2, b=1]");
    }

    private static void checkLeaders(
            TopKItemsAccumulator acc, Map<Object, Long> exact, List<Object> leaders) {
        Row[] rows = TOP.getValue(acc);
        assertThat(rows).hasSize(leaders.size());
        long maxError = acc.counts.maximumError();
        assertThat(maxError).isPositive();
        for (int i = 0; i < rows.length; i++) {
            assertThat(rows[i].getField(0)).isEqualTo(leaders.get(i));
            long count = (Long) rows[i].getField(1);
            assertThat(Math.abs(count - exact.get(leaders.get(i)))).isLessThanOrEqualTo(maxError);
        }
    }

    private static TopKItemsAccumulator accumulate(int k, Object... items) {
        TopKItemsAccumulator acc = TOP.createAccumulator();
        for (Object item : items) {
            TOP.accumulate(acc, item, k);
        }
        return acc;
    }

    private static String show(TopKItemsAccumulator acc) {
        List<String> items = new ArrayList<>();
        for (Row row : TOP.getValue(acc)) {
            items.add(row.getField(0) + "=" + row.getField(1));
        }
        return items.toString();
    }

    private static Map<Object, Long> counts(List<Object> items) {
        Map<Object, Long> counts = new HashMap<>();
        for (Object item : items) {
            counts.merge(item, 1L, Long::sum);
        }
        return counts;
    }

    private static List<Object> top(Map<Object, Long> counts, int k) {
        return counts.entrySet().stream()
                .sorted(
                        Comparator.comparing((Map.Entry<Object, Long> e) -> -e.getValue())
                                .thenComparing(e -> (String) e.getKey()))
                .limit(k)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    private static String bruteForce(List<Object> items, int k) {
        Map<Object, Long> counts = counts(items);
        return top(counts, k).stream()
                .map(item -> item + "=" + counts.get(item))
                .collect(Collectors.toList())
                .toString();
    }
}
