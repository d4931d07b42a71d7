package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.TypeExtractor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Top-K items against a brute-force count over seeded Zipf-like windows. */
class TopKItemsTest {

    private static final TypeSerializer<TopKAccumulator> SERIALIZER =
            TopKAccumulator.Serializer.INSTANCE;

    /**
     * 24 Zipf windows (exponent 1.0–1.5, up to 8,000 item values, up to 40,000 rows) and K from 1
     * to 9,000: the result equals the exact top K (count descending, then item ascending), whole
     * and merged from three parts that went through the serializer.
     */
    @Test
    void exactTopKInTheExactRegime() throws Exception {
        Random random = new Random(2024);
        int[] ks = {1, 3, 10, 100, 1_000, 9_000};
        for (int w = 0; w < 24; w++) {
            int k = ks[w % ks.length];
            TopKItems<Long, Long> topK = TopKItems.of(x -> x, Types.LONG, k);
            SketchTestData.Zipf zipf =
                    new SketchTestData.Zipf(
                            1 + random.nextInt(8_000), 1.0 + random.nextDouble() / 2, w);
            List<Long> window = new ArrayList<>();
            int rows = 1 + random.nextInt(40_000);
            for (int i = 0; i < rows; i++) {
                window.add(zipf.next() * 31 - 50_000); // negative items too
            }
            List<ItemCount<Long>> expected = bruteForce(window, k);

            TopKAccumulator whole = accumulate(topK, window);
            assertThat(whole.isExact()).isTrue();
            assertThat(topK.getResult(whole)).isEqualTo(expected);

            TopKAccumulator[] parts = {
                topK.createAccumulator(), topK.createAccumulator(), topK.createAccumulator()
            };
            for (Long item : window) {
                int i = random.nextInt(3);
                parts[i] = topK.add(item, parts[i]);
            }
            TopKAccumulator merged =
                    topK.merge(
                            SketchTestData.roundTrip(SERIALIZER, parts[2]),
                            topK.merge(parts[0], SketchTestData.roundTrip(SERIALIZER, parts[1])));
            assertThat(topK.getResult(merged)).isEqualTo(expected);
        }
    }

    /** Equal counts: by the item's natural order; fewer than K items: all of them. */
    @Test
    void tiesByItemAndFewerItemsThanK() {
        TopKItems<String, String> top3 = TopKItems.of(s -> s, Types.STRING, 3);
        TopKAccumulator acc = top3.createAccumulator();
        for (String s : "d b c a b c d d a".split(" ")) {
            acc = top3.add(s, acc);
        }
        assertThat(top3.getResult(acc))
                .containsExactly(ItemCount.of("d", 3), ItemCount.of("a", 2), ItemCount.of("b", 2));

        TopKItems<String, String> top10 = TopKItems.of(s -> s, Types.STRING, 10);
        TopKAccumulator few = top10.createAccumulator();
        for (String s : new String[] {"x", null, "y", "x"}) {
            few = top10.add(s, few);
        }
        assertThat(top10.getResult(few))
                .containsExactly(ItemCount.of("x", 2), ItemCount.of("y", 1));
        assertThat(top10.getResult(top10.createAccumulator())).isEmpty();
    }

    /**
     * 400,000 rows over 300,000 Zipf(1.1) item values (well over 10,000 distinct: the sketch): the
     * top 10 are the exact top 10 in order, and every count is within the sketch's maximum error of
     * the exact count; also after merging two sketches and a round trip.
     */
    @Test
    void heavyHittersInTheSketchRegime() throws Exception {
        TopKItems<Long, Long> top10 = TopKItems.of(x -> x, Types.LONG, 10);
        SketchTestData.Zipf zipf = new SketchTestData.Zipf(300_000, 1.1, 99);
        List<Long> window = new ArrayList<>();
        for (int i = 0; i < 400_000; i++) {
            window.add(zipf.next());
        }
        Map<Long, Long> exact = counts(window);
        assertThat(exact.size()).isGreaterThan(50_000);
        List<Long> expectedItems =
                bruteForce(window, 10).stream().map(r -> r.item).collect(Collectors.toList());

        TopKAccumulator whole = accumulate(top10, window);
        assertThat(whole.isExact()).isFalse();
        assertThat(whole.maximumError()).isPositive();
        checkHeavyHitters(top10, whole, exact, expectedItems);

        TopKAccumulator first = accumulate(top10, window.subList(0, 150_000));
        TopKAccumulator second = accumulate(top10, window.subList(150_000, window.size()));
        assertThat(first.isExact()).isFalse();
        TopKAccumulator merged =
                SketchTestData.roundTrip(
                        SERIALIZER,
                        top10.merge(SketchTestData.roundTrip(SERIALIZER, first), second));
        checkHeavyHitters(top10, merged, exact, expectedItems);
    }

    /** A window that stays exact merged into a sketch, in both orders. */
    @Test
    void mergesExactCountsIntoASketch() {
        TopKItems<Long, Long> top3 = TopKItems.of(x -> x, Types.LONG, 3);
        List<Long> many = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            many.add(i);
        }
        List<Long> heavy = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            heavy.add(7L);
            heavy.add(8L);
            if (i < 500) {
                heavy.add(9L);
            }
        }
        List<Long> all = new ArrayList<>(many);
        all.addAll(heavy);
        Map<Long, Long> exact = counts(all);
        for (boolean sketchFirst : new boolean[] {true, false}) {
            TopKAccumulator sketch = accumulate(top3, many);
            TopKAccumulator map = accumulate(top3, heavy);
            TopKAccumulator merged =
                    sketchFirst ? top3.merge(sketch, map) : top3.merge(map, sketch);
            assertThat(merged.maximumError()).isPositive(); // 50,000 items purged the map
            checkHeavyHitters(top3, merged, exact, List.of(7L, 8L, 9L));
        }
    }

    /**
     * Flink's type extraction cannot see T in the result, so the function states both types; the
     * accumulator's comes from its own serializer.
     */
    @Test
    void typesForFlink() {
        TopKItems<String, String> topK = TopKItems.of(s -> s, Types.STRING, 5);
        assertThat(topK.resultType().toString()).contains("ItemCount").contains("item: String");
        assertThat(topK.accumulatorType()).isInstanceOf(AccumulatorTypeInfo.class);
        assertThat(
                        TypeExtractor.getAggregateFunctionAccumulatorType(
                                topK, Types.STRING, "TopK", false))
                .isEqualTo(topK.accumulatorType());
        assertThat(topK.accumulatorType().createSerializer(new SerializerConfigImpl()))
                .isSameAs(SERIALIZER);
        assertThat(SERIALIZER.snapshotConfiguration().restoreSerializer()).isSameAs(SERIALIZER);
    }

    private static void checkHeavyHitters(
            TopKItems<Long, Long> topK,
            TopKAccumulator acc,
            Map<Long, Long> exact,
            List<Long> expectedItems) {
        long maxError = acc.maximumError();
        List<ItemCount<Long>> result = topK.getResult(acc);
        assertThat(result.stream().map(r -> r.item)).containsExactlyElementsOf(expectedItems);
        for (ItemCount<Long> row : result) {
            assertThat(Math.abs(row.count - exact.get(row.item)))
                    .as("count of %s", row.item)
                    .isLessThanOrEqualTo(maxError);
        }
    }

    private static <T> TopKAccumulator accumulate(TopKItems<T, T> topK, List<T> items) {
        TopKAccumulator acc = topK.createAccumulator();
        for (T item : items) {
            acc = topK.add(item, acc);
        }
        return acc;
    }

    private static Map<Long, Long> counts(List<Long> items) {
        Map<Long, Long> counts = new HashMap<>();
        for (Long item : items) {
            counts.merge(item, 1L, Long::sum);
        }
        return counts;
    }

    private static List<ItemCount<Long>> bruteForce(List<Long> items, int k) {
        return counts(items).entrySet().stream()
                .sorted(
                        Comparator.comparing((Map.Entry<Long, Long> e) -> -e.getValue())
                                .thenComparing(Map.Entry::getKey))
                .limit(k)
                .map(e -> ItemCount.of(e.getKey(), e.getValue()))
                .collect(Collectors.toList());
    }
}
