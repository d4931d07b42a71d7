package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeutils.TypeSerializer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code APPROX_COUNT_DISTINCT}'s accumulate, merge and getValue: by hand, and against a {@code
 * HashSet} over seeded windows.
 */
class ApproxCountDistinctFunctionTest {

    private static final ApproxCountDistinctFunction COUNT = ApproxCountDistinctFunction.create();

    @Test
    void countsDistinctNonNullValuesAndMerges() {
        DistinctCountAccumulator first = accumulate("a", "b", null, "a");
        DistinctCountAccumulator second = accumulate("b", "c", null);
        assertThat(COUNT.getValue(first)).isEqualTo(2); // a, b
        assertThat(COUNT.getValue(second)).isEqualTo(2); // b, c

        COUNT.merge(first, List.of(second, accumulate("d")));
        assertThat(COUNT.getValue(first)).isEqualTo(4); // a, b, c, d
        assertThat(COUNT.getValue(second)).isEqualTo(2); // merged from, unchanged
        assertThat(COUNT.getValue(accumulate((Object) null))).isZero();
    }

    /** Timestamps, decimals and longs: equal values count once. */
    @Test
    void otherScalarTypes() {
        LocalDateTime noon = LocalDateTime.of(2024, 1, 1, 12, 0);
        assertThat(COUNT.getValue(accumulate(noon, noon.plusNanos(1_000_000), noon))).isEqualTo(2);
        assertThat(
                        COUNT.getValue(
                                accumulate(
                                        new BigDecimal("1.50"),
                                        new BigDecimal("2.00"),
                                        new BigDecimal("1.50"))))
                .isEqualTo(2);
        assertThat(COUNT.getValue(accumulate(1L, 2L, 3L, 2L))).isEqualTo(3);
    }

    /**
     * 30 seeded windows with at most 10,000 distinct values (strings): the count equals a {@code
     * HashSet}'s, whole and merged from three parts of which one went through the restored RAW
     * serializer.
     */
    @Test
    void exactUpToTenThousandDistinctValues() throws Exception {
        TypeSerializer<DistinctCountAccumulator> serializer = restoredSerializer();
        Random random = new Random(15);
        for (int w = 0; w < 30; w++) {
            int range = w == 0 ? 10_000 : 1 + random.nextInt(w % 2 == 0 ? 10_000 : 100);
            List<Object> window = new ArrayList<>();
            int rows = w == 0 ? 50_000 : 1 + random.nextInt(20_000);
            for (int i = 0; i < rows; i++) {
                window.add(random.nextInt(10) == 0 ? null : "item-" + random.nextInt(range));
            }
            HashSet<Object> distinct = new HashSet<>(window);
            distinct.remove(null);
            assertThat(distinct.size()).isLessThanOrEqualTo(10_000);

            assertThat(COUNT.getValue(accumulate(window.toArray()))).isEqualTo(distinct.size());
            DistinctCountAccumulator[] parts = split(window, random);
            COUNT.merge(
                    parts[0], List.of(SketchTestData.roundTrip(serializer, parts[1]), parts[2]));
            assertThat(COUNT.getValue(parts[0])).isEqualTo(distinct.size());
        }
    }

    /**
     * 100,000 distinct values in 250,000 rows: within 2 % (about 2.5 standard errors of lgK 14),
     * whole and merged from a sketch, a sketch that went through the restored serializer and a
     * small exact part; the parts merged from are unchanged.
     */
    @Test
    void withinTwoPercentOfOneHundredThousand() throws Exception {
        Random random = new Random(16);
        List<Object> window = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            window.add(i * 7_919);
        }
        for (int i = 0; i < 150_000; i++) {
            window.add(random.nextInt(100_000) * 7_919L);
        }
        Collections.shuffle(window, random);
        assertThat(new HashSet<>(window)).hasSize(100_000);

        assertThat(relativeError(COUNT.getValue(accumulate(window.toArray())), 100_000))
                .isLessThan(0.02);

        DistinctCountAccumulator small = accumulate(window.subList(0, 5_000).toArray());
        DistinctCountAccumulator first = accumulate(window.subList(5_000, 120_000).toArray());
        DistinctCountAccumulator second =
                SketchTestData.roundTrip(
                        restoredSerializer(),
                        accumulate(window.subList(120_000, window.size()).toArray()));
        long secondBefore = COUNT.getValue(second);
        assertThat(small.isExact()).isTrue();
        assertThat(second.isExact()).isFalse();

        COUNT.merge(small, List.of(first, second)); // a set first: it becomes a sketch
        assertThat(small.isExact()).isFalse();
        assertThat(relativeError(COUNT.getValue(small), 100_000)).isLessThan(0.02);
        assertThat(COUNT.getValue(second)).isEqualTo(secondBefore);
    }

    /** The declared accumulator type is a RAW type with the accumulator's own serializer. */
    @Test
    void accumulatorTypeIsRawWithItsSerializer() throws Exception {
        assertThat(restoredSerializer()).isSameAs(DistinctCountAccumulator.Serializer.INSTANCE);
    }

    private static TypeSerializer<DistinctCountAccumulator> restoredSerializer() throws Exception {
        return SketchTestData.restoredRawSerializer(ApproxCountDistinctFunction.ACCUMULATOR_TYPE);
    }

    private static DistinctCountAccumulator accumulate(Object... values) {
        DistinctCountAccumulator acc = COUNT.createAccumulator();
        for (Object value : values) {
            COUNT.accumulate(acc, value);
        }
        return acc;
    }

    private static DistinctCountAccumulator[] split(List<Object> values, Random random) {
        DistinctCountAccumulator[] parts = {
            COUNT.createAccumulator(), COUNT.createAccumulator(), COUNT.createAccumulator()
        };
        for (Object value : values) {
            COUNT.accumulate(parts[random.nextInt(3)], value);
        }
        return parts;
    }

    private static double relativeError(long estimate, long exact) {
        return Math.abs(estimate - exact) / (double) exact;
    }
}
