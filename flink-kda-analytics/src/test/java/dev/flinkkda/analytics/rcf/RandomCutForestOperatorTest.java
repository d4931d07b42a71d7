package dev.flinkkda.analytics.rcf;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomCutForestOperatorTest {

    /** An input row: a key and its numeric columns. */
    static final class Row {
        final String key;
        final double[] values;

        Row(String key, double... values) {
            this.key = key;
            this.values = values;
        }
    }

    /** An output row: the input row, its score and its explanation. */
    static final class Scored {
        final Row row;
        final double score;
        final AnomalyExplanation explanation;

        Scored(Row row, double score, AnomalyExplanation explanation) {
            this.row = row;
            this.score = score;
            this.explanation = explanation;
        }
    }

    private static final List<String> XY = Arrays.asList("x", "y");

    static KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness(
            RandomCutForestSettings settings, List<String> columns) throws Exception {
        RandomCutForestOperator<String, Row, Scored> operator =
                new RandomCutForestOperator<>(settings, row -> row.values, columns, Scored::new);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                operator, (KeySelector<Row, String>) row -> row.key, Types.STRING);
    }

    static List<Scored> run(
            KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness, List<Row> rows)
            throws Exception {
        int before = harness.extractOutputValues().size();
        for (Row row : rows) {
            harness.processElement(row, 0L);
        }
        List<Scored> all = harness.extractOutputValues();
        return new ArrayList<>(all.subList(before, all.size()));
    }

    /** {@code n} 2-d points around (10, 20), standard deviation 1, of key {@code key}. */
    static List<Row> normal(Random random, String key, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Row(key, 10 + random.nextGaussian(), 20 + random.nextGaussian()));
        }
        return rows;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void firstSubSampleSizePointsScoreZeroAndExplainAsLearning() throws Exception {
        RandomCutForestSettings settings =
                RandomCutForestSettings.defaults().withDirectionality(true).withRandomSeed(1L);
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(settings, XY)) {
            harness.open();
            List<Scored> out = run(harness, normal(new Random(1), "k", 300));
            for (int i = 0; i < 256; i++) {
                assertThat(out.get(i).score).as("score of point %d", i).isEqualTo(0.0);
                assertThat(out.get(i).explanation.toJson())
                        .isEqualTo(
                                "{\"x\":{\"DIRECTION\":\"LOW\",\"STRENGTH\":\"0.0\","
                                        + "\"ATTRIBUTION_SCORE\":\"0.0\"},"
                                        + "\"y\":{\"DIRECTION\":\"LOW\",\"STRENGTH\":\"0.0\","
                                        + "\"ATTRIBUTION_SCORE\":\"0.0\"}}");
            }
            for (int i = 256; i < 300; i++) {
                assertThat(out.get(i).score).as("score of point %d", i).isPositive();
            }
        }
    }

    @Test
    void plantedAnomaliesScoreAboveThreeTimesTheMedian() throws Exception {
        Random random = new Random(7);
        List<Row> rows = normal(random, "k", 1500);
        int[] planted = {600, 900, 1200, 1400};
        for (int i : planted) {
            rows.set(i, new Row("k", 10 + 8 * (i % 2 == 0 ? 1 : -1), 20 + random.nextGaussian()));
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(RandomCutForestSettings.defaults().withRandomSeed(7L), null)) {
            harness.open();
            List<Scored> out = run(harness, rows);
            List<Double> normalScores = new ArrayList<>();
            for (int i = 256; i < rows.size(); i++) {
                if (Arrays.binarySearch(planted, i) < 0) {
                    normalScores.add(out.get(i).score);
                }
            }
            double median = median(normalScores);
            System.out.printf("planted anomalies: median of normal scores %.4f%n", median);
            for (int i : planted) {
                System.out.printf("planted anomaly %d: score %.4f%n", i, out.get(i).score);
                assertThat(out.get(i).score).as("planted %d", i).isGreaterThan(3 * median);
            }
        }
    }

    @Test
    void attributionsSumToTheScoreAndPointAtTheFarOffColumn() throws Exception {
        Random random = new Random(11);
        List<Row> rows = normal(random, "k", 800);
        rows.set(500, new Row("k", 10 + random.nextGaussian(), 20 + 9)); // y too high
        rows.set(700, new Row("k", 10 - 9, 20 + random.nextGaussian())); // x too low
        RandomCutForestSettings settings =
                RandomCutForestSettings.defaults().withDirectionality(true).withRandomSeed(11L);
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(settings, XY)) {
            harness.open();
            List<Scored> out = run(harness, rows);
            for (Scored s : out) {
                AnomalyExplanation e = s.explanation;
                assertThat(e.attributionScore(0) + e.attributionScore(1))
                        .isCloseTo(s.score, within(1e-9));
            }
            AnomalyExplanation high = out.get(500).explanation;
            System.out.println("y too high: " + out.get(500).score + " " + high.toJson());
            assertThat(high.attributionScore(1)).isGreaterThan(high.attributionScore(0));
            assertThat(high.direction(1)).isEqualTo(AnomalyExplanation.Direction.HIGH);
            AnomalyExplanation low = out.get(700).explanation;
            System.out.println("x too low: " + out.get(700).score + " " + low.toJson());
            assertThat(low.attributionScore(0)).isGreaterThan(low.attributionScore(1));
            assertThat(low.direction(0)).isEqualTo(AnomalyExplanation.Direction.LOW);
        }
    }

    @Test
    void shingledAttributionsAreSummedPerColumn() throws Exception {
        RandomCutForestSettings settings =
                RandomCutForestSettings.of(50, 64, 10_000, 3).withRandomSeed(3L);
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(settings, XY)) {
            harness.open();
            List<Scored> out = run(harness, normal(new Random(3), "k", 200));
            assertThat(out.get(63).score).isZero();
            assertThat(out.get(64).score).isPositive();
            for (Scored s : out) {
                assertThat(s.explanation.columns()).isEqualTo(XY);
                assertThat(s.explanation.attributionScore(0) + s.explanation.attributionScore(1))
                        .isCloseTo(s.score, within(1e-9));
            }
        }
    }

    @Test
    void missingValuesScoreZeroAndAreNotLearned() throws Exception {
        RandomCutForestSettings settings =
                RandomCutForestSettings.defaults().withSubSampleSize(10).withRandomSeed(5L);
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(settings, XY)) {
            harness.open();
            List<Row> rows = normal(new Random(5), "k", 20);
            rows.add(3, new Row("k", Double.NaN, 1.0));
            List<Scored> out = run(harness, rows);
            assertThat(out.get(3).score).isZero();
            assertThat(out.get(3).explanation.attributionScore(0)).isZero();
            // 10 complete points learned before the 12th row (index 11) is scored.
            assertThat(out.get(10).score).isZero();
            assertThat(out.get(11).score).isPositive();
        }
    }

    @Test
    void afterARestoreAtARandomPointScoresContinueExactly() throws Exception {
        Random random = new Random(2024);
        List<Row> rows = new ArrayList<>();
        List<Row> a = normal(random, "a", 700);
        List<Row> b = normal(random, "b", 400);
        for (Row row : b) {
            row.values[0] += 100; // key b's own level: its forest must not see key a's points
        }
        int ia = 0;
        int ib = 0;
        while (ia < a.size() || ib < b.size()) {
            boolean takeA = ib >= b.size() || (ia < a.size() && random.nextInt(7) < 4);
            rows.add(takeA ? a.get(ia++) : b.get(ib++));
        }
        RandomCutForestSettings settings =
                RandomCutForestSettings.of(50, 128, 10_000, 2)
                        .withDirectionality(true)
                        .withRandomSeed(99L);

        List<Scored> uninterrupted;
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(settings, XY)) {
            harness.open();
            uninterrupted = run(harness, rows);
        }

        for (int cut : new int[] {50 + random.nextInt(rows.size() - 100), 300, 1000}) {
            OperatorSubtaskState snapshot;
            try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> first =
                    harness(settings, XY)) {
                first.open();
                run(first, rows.subList(0, cut / 2));
                first.snapshot(0L, 0L); // an earlier checkpoint: the later one must supersede it
                run(first, rows.subList(cut / 2, cut));
                snapshot = first.snapshot(1L, 0L);
            }
            try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> restored =
                    harness(settings, XY)) {
                restored.initializeState(snapshot);
                restored.open();
                List<Scored> after = run(restored, rows.subList(cut, rows.size()));
                for (int i = 0; i < after.size(); i++) {
                    Scored expected = uninterrupted.get(cut + i);
                    assertThat(after.get(i).score)
                            .as("score of row %d after a restore at %d", cut + i, cut)
                            .isEqualTo(expected.score);
                    assertThat(after.get(i).explanation).isEqualTo(expected.explanation);
                }
            }
        }

        // Separate forests: each key learns from its own first 128 points.
        int seenA = 0;
        int seenB = 0;
        for (Scored s : uninterrupted) {
            int seen = s.row.key.equals("a") ? seenA++ : seenB++;
            assertThat(s.score == 0.0)
                    .as("row %d of key %s", seen, s.row.key)
                    .isEqualTo(seen < 128);
        }
    }

    @Test
    void sameSeedSameScoresOtherKeyOtherSeed() {
        assertThat(RandomCutForestSettings.keySeed(1L, "a"))
                .isEqualTo(RandomCutForestSettings.keySeed(1L, "a"))
                .isNotEqualTo(RandomCutForestSettings.keySeed(1L, "b"))
                .isNotEqualTo(RandomCutForestSettings.keySeed(2L, "a"));
    }

    @Test
    void pointsOfAnotherWidthFailClearly() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Row, Scored> harness =
                harness(RandomCutForestSettings.defaults(), null)) {
            harness.open();
            harness.processElement(new Row("k", 1, 2), 0L);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> harness.processElement(new Row("k", 1, 2, 3), 0L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 values");
        }
    }
}
