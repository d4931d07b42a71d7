package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.TypeExtractor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Distinct counts against a brute-force count over seeded windows. */
class DistinctCountTest {

    private static final DistinctCount<Long, Long> COUNT = DistinctCount.ofElements(Types.LONG);
    private static final TypeSerializer<DistinctCountAccumulator> SERIALIZER =
            DistinctCountAccumulator.Serializer.INSTANCE;

    /**
     * 40 windows of random length and value range, up to exactly 10,000 distinct items: each is
     * counted exactly, whole, split in three merged parts, and after a serializer round trip.
     */
    @Test
    void exactUpToTenThousandDistinctItems() throws Exception {
        Random random = new Random(12);
        for (int w = 0; w < 40; w++) {
            int range = w == 0 ? 10_000 : 1 + random.nextInt(w % 2 == 0 ? 10_000 : 200);
            int rows = w == 0 ? 60_000 : 1 + random.nextInt(30_000);
            List<Long> window = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                window.add((long) random.nextInt(range) * 7919);
            }
            long exact = new HashSet<>(window).size();
            assertThat(exact).isLessThanOrEqualTo(10_000);

            DistinctCountAccumulator whole = accumulate(window);
            assertThat(whole.isExact()).isTrue();
            assertThat(COUNT.getResult(whole)).isEqualTo(exact);

            DistinctCountAccumulator[] parts = split(window, 3, random);
            DistinctCountAccumulator merged =
                    COUNT.merge(
                            SketchTestData.roundTrip(SERIALIZER, parts[0]),
                            COUNT.merge(parts[1], parts[2]));
            assertThat(COUNT.getResult(merged)).isEqualTo(exact);
            assertThat(COUNT.getResult(SketchTestData.roundTrip(SERIALIZER, merged)))
                    .isEqualTo(exact);
        }
    }

    /** 10,000 distinct items are exact; the 10,001st switches to the sketch. */
    @Test
    void switchesToTheSketchAtTheTenThousandAndFirstItem() {
        DistinctCountAccumulator acc = COUNT.createAccumulator();
        for (long i = 0; i < 10_000; i++) {
            acc = COUNT.add(i, acc);
            acc = COUNT.add(i, acc);
        }
        assertThat(acc.isExact()).isTrue();
        assertThat(COUNT.getResult(acc)).isEqualTo(10_000);
        acc = COUNT.add(10_000L, acc);
        assertThat(acc.isExact()).isFalse();
        assertThat(relativeError(COUNT.getResult(acc), 10_001)).isLessThan(0.03);
    }

    /**
     * 100,000 distinct items (300,000 rows): within 3 % (six standard errors of lgK 14), whole,
     * merged from parts (sketch + sketch and set + sketch) and after a round trip.
     */
    @Test
    void withinThreePercentAboveTheExactLimit() throws Exception {
        Random random = new Random(7);
        List<Long> window = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            window.add(i * 104_729);
        }
        for (int i = 0; i < 200_000; i++) {
            window.add(random.nextInt(100_000) * 104_729L);
        }
        Collections.shuffle(window, random);
        long exact = new HashSet<>(window).size();
        assertThat(exact).isEqualTo(100_000);

        DistinctCountAccumulator whole = accumulate(window);
        assertThat(whole.isExact()).isFalse();
        assertThat(relativeError(COUNT.getResult(whole), exact)).isLessThan(0.03);

        DistinctCountAccumulator[] parts = split(window, 2, random);
        DistinctCountAccumulator sketches =
                COUNT.merge(SketchTestData.roundTrip(SERIALIZER, parts[0]), parts[1]);
        assertThat(relativeError(COUNT.getResult(sketches), exact)).isLessThan(0.03);
        assertThat(COUNT.getResult(SketchTestData.roundTrip(SERIALIZER, sketches)))
                .isEqualTo(COUNT.getResult(sketches));
    }

    /** Set + sketch in both orders: the set's items go into the sketch. */
    @Test
    void mergesASetWithASketch() throws Exception {
        List<Long> small = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            small.add(1_000_000 + i); // 5,000 new items
        }
        for (long i = 0; i < 2_000; i++) {
            small.add(i); // 2,000 items the sketch has
        }
        List<Long> large = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            large.add(i);
        }
        long exact = 55_000;
        DistinctCountAccumulator set = accumulate(small);
        DistinctCountAccumulator sketch = accumulate(large);
        assertThat(set.isExact()).isTrue();
        assertThat(sketch.isExact()).isFalse();

        long setFirst = COUNT.getResult(COUNT.merge(set.copy(), sketch.copy()));
        long sketchFirst = COUNT.getResult(COUNT.merge(sketch.copy(), set.copy()));
        assertThat(relativeError(setFirst, exact)).isLessThan(0.03);
        assertThat(sketchFirst).isEqualTo(setFirst);
        // the set itself is still exact and serializes as such
        assertThat(COUNT.getResult(set)).isEqualTo(7_000);
        assertThat(COUNT.getResult(SketchTestData.roundTrip(SERIALIZER, set))).isEqualTo(7_000);
    }

    @Test
    void nullItemsAreNotCounted() {
        DistinctCount<String, String> count = DistinctCount.of(s -> s, String.class);
        DistinctCountAccumulator acc = count.createAccumulator();
        for (String s : new String[] {"a", null, "b", "a", null}) {
            acc = count.add(s, acc);
        }
        assertThat(count.getResult(acc)).isEqualTo(2);
    }

    /** Flink's type extraction picks the accumulator's own serializer (not Kryo). */
    @Test
    void flinkFindsTheAccumulatorSerializer() {
        TypeInformation<DistinctCountAccumulator> type =
                TypeExtractor.getAggregateFunctionAccumulatorType(
                        COUNT, Types.LONG, "DistinctCount", false);
        assertThat(type).isInstanceOf(AccumulatorTypeInfo.class);
        assertThat(type.createSerializer(new SerializerConfigImpl())).isSameAs(SERIALIZER);
        assertThat(SERIALIZER.snapshotConfiguration().restoreSerializer()).isSameAs(SERIALIZER);
    }

    private static DistinctCountAccumulator accumulate(List<Long> items) {
        DistinctCountAccumulator acc = COUNT.createAccumulator();
        for (Long item : items) {
            acc = COUNT.add(item, acc);
        }
        return acc;
    }

    private static DistinctCountAccumulator[] split(List<Long> items, int n, Random random) {
        DistinctCountAccumulator[] parts = new DistinctCountAccumulator[n];
        for (int i = 0; i < n; i++) {
            parts[i] = COUNT.createAccumulator();
        }
        for (Long item : items) {
            int i = random.nextInt(n);
            parts[i] = COUNT.add(item, parts[i]);
        }
        return parts;
    }

    private static double relativeError(long estimate, long exact) {
        return Math.abs(estimate - exact) / (double) exact;
    }
}
