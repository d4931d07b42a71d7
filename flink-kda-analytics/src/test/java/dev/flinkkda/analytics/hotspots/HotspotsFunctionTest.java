package dev.flinkkda.analytics.hotspots;

import dev.flinkkda.analytics.PointExtractor;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotspotsFunctionTest {

    /** Input rows: a point, or an empty array for a row without one (all columns NULL). */
    private static final PointExtractor<double[]> POINT = row -> row.length == 0 ? null : row;

    /** The hotspots in the reference's notation, one line per input row. */
    private static final HotspotsResultFunction<double[], String> DESCRIBE =
            (row, result) -> String.join(";", HotspotsReference.describe(result));

    private static KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness(
            HotspotsSettings settings, OperatorSubtaskState restoreFrom) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new HotspotsFunction<>(settings, POINT, DESCRIBE)),
                        row -> 0,
                        Types.INT);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private static List<String> run(
            KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness,
            List<double[]> rows)
            throws Exception {
        int before = harness.extractOutputValues().size();
        for (double[] row : rows) {
            harness.processElement(new StreamRecord<>(row, 0));
        }
        List<String> all = harness.extractOutputValues();
        return new ArrayList<>(all.subList(before, all.size()));
    }

    /** Streams of points with planted moving clusters, NULL rows and NaN columns mixed in. */
    private static List<double[]> stream(long seed, int dimension, double radius, int length) {
        RandomPoints points = new RandomPoints(seed, dimension, radius, 2, 0.4, seed % 2 == 0);
        Random random = points.random();
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            if (i % 150 == 149) {
                points.moveCluster();
            }
            double[] row = points.next();
            double kind = random.nextDouble();
            if (kind < 0.03) {
                row = new double[0];
            } else if (kind < 0.06) {
                row[random.nextInt(dimension)] = Double.NaN;
            }
            rows.add(row);
        }
        return rows;
    }

    /** What every row's output must be: the reference over the last windowSize valid points. */
    private static List<String> expected(List<double[]> rows, HotspotsSettings settings) {
        List<double[]> valid = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (double[] row : rows) {
            boolean isValid = row.length > 0;
            for (double v : row) {
                isValid &= Double.isFinite(v);
            }
            if (isValid) {
                valid.add(row);
            }
            List<double[]> window =
                    valid.subList(Math.max(0, valid.size() - settings.windowSize()), valid.size());
            out.add(
                    String.join(
                            ";",
                            HotspotsReference.hotspots(
                                    window, settings.scanRadius(), settings.minimumPoints())));
        }
        return out;
    }

    @Test
    void everyRowOfRandomStreamsHasTheBruteForceHotspotsOfItsWindow() throws Exception {
        int rowsWithHotspots = 0;
        for (int seed = 0; seed < 6; seed++) {
            int dimension = 1 + seed % 3;
            double radius = 0.15 * dimension;
            HotspotsSettings settings = HotspotsSettings.of(100 + 20 * seed, radius, 4 + seed);
            List<double[]> rows = stream(seed, dimension, radius, 450);
            List<String> expected = expected(rows, settings);
            try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                    harness(settings, null)) {
                assertThat(run(harness, rows)).as("seed %d", seed).isEqualTo(expected);
            }
            rowsWithHotspots += (int) expected.stream().filter(s -> !s.isEmpty()).count();
        }
        assertThat(rowsWithHotspots).isGreaterThan(1500);
    }

    @Test
    void afterARestoreMidStreamTheOutputsEqualTheUninterruptedRun() throws Exception {
        HotspotsSettings settings = HotspotsSettings.of(100, 0.3, 6);
        for (int cut : new int[] {1, 57, 100, 233}) {
            List<double[]> rows = stream(40 + cut, 2, 0.3, 400);
            List<String> uninterrupted;
            try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                    harness(settings, null)) {
                uninterrupted = run(harness, rows);
            }

            OperatorSubtaskState snapshot;
            List<String> resumed;
            try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                    harness(settings, null)) {
                resumed = run(harness, rows.subList(0, cut));
                snapshot = harness.snapshot(1, 0);
                // rows processed after the checkpoint are lost with the failed task
                run(harness, rows.subList(cut, Math.min(cut + 30, rows.size())));
            }
            try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                    harness(settings, snapshot)) {
                resumed.addAll(run(harness, rows.subList(cut, rows.size())));
            }
            assertThat(resumed).as("restored after row %d", cut).isEqualTo(uninterrupted);
            assertThat(uninterrupted.subList(cut, rows.size())).anyMatch(s -> !s.isEmpty());
        }
    }

    @Test
    void rowsWithNullColumnsAreEmittedButStayOutOfTheWindow() throws Exception {
        HotspotsSettings settings = HotspotsSettings.of(100, 1, 2);
        try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                harness(settings, null)) {
            List<String> out =
                    run(
                            harness,
                            List.of(
                                    new double[0],
                                    new double[] {0, 0},
                                    new double[] {0.5, Double.NaN},
                                    new double[] {0.5, 0},
                                    new double[] {Double.POSITIVE_INFINITY, 0}));
            assertThat(out)
                    .containsExactly(
                            "", // empty window
                            "", // one point
                            "", // NaN row not added
                            "2|2.0|[0.0, 0.0]|[0.5, 0.0]",
                            "2|2.0|[0.0, 0.0]|[0.5, 0.0]");
        }
    }

    @Test
    void aPointWithAnotherDimensionFails() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                harness(HotspotsSettings.of(100, 1, 2), null)) {
            harness.processElement(new StreamRecord<>(new double[] {1, 2}, 0));
            assertThatThrownBy(
                            () -> harness.processElement(new StreamRecord<>(new double[] {1}, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the window has 2, the element 1");
        }
    }

    @Test
    void theWindowKeepsTheLastWindowSizePoints() throws Exception {
        // 100 points at 0 make a hotspot; 100 more far apart push them all out of the window
        HotspotsSettings settings = HotspotsSettings.of(100, 0.5, 50);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new double[] {0});
        }
        for (int i = 0; i < 100; i++) {
            rows.add(new double[] {10 + i});
        }
        try (KeyedOneInputStreamOperatorTestHarness<Integer, double[], String> harness =
                harness(settings, null)) {
            List<String> out = run(harness, rows);
            assertThat(out.get(48)).isEmpty();
            assertThat(out.get(49)).isEqualTo("50|100.0|[0.0]|[0.0]");
            assertThat(out.get(99)).isEqualTo("100|200.0|[0.0]|[0.0]");
            assertThat(out.get(149)).isEqualTo("50|100.0|[0.0]|[0.0]");
            assertThat(out.get(150)).isEmpty();
            assertThat(out.get(199)).isEmpty();
        }
    }
}
