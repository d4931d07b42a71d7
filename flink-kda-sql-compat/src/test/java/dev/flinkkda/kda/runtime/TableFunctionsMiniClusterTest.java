package dev.flinkkda.kda.runtime;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.flinkkda.kda.runtime.TranslatedApplications.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA's table functions translated and run on a MiniCluster, in the shape of AWS's documented
 * applications: the anomaly score written to a stream and sorted per second, hotspots per row.
 */
class TableFunctionsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String POINTS = "X DOUBLE, Y DOUBLE";

    /** Rows around (10, 20), one every 100 ms, with far-off points at the given rows. */
    private static List<Object[]> points(int count, Set<Integer> anomalies) {
        Random random = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        LocalDateTime start = at("10:00:00");
        for (int i = 0; i < count; i++) {
            double x = 10 + random.nextGaussian();
            double y = 20 + random.nextGaussian();
            if (anomalies.contains(i)) {
                x += 15;
            }
            rows.add(new Object[] {x, y, start.plusNanos(100_000_000L * i)});
        }
        return rows;
    }

    /**
     * The developer guide's anomaly detection: RANDOM_CUT_FOREST into a stream, then sorted by
     * second and score. The first 256 rows (the sub-sample) score 0; the planted points score more
     * than three times the median of the others after the warm-up (a point the first cuts isolate
     * scores several times a typical one).
     */
    @Test
    void randomCutForestScoresPlantedAnomaliesHigh() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"TEMP_STREAM\" (x DOUBLE, y DOUBLE, ANOMALY_SCORE"
                        + " DOUBLE);\n"
                        + "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (x DOUBLE, y DOUBLE,"
                        + " ANOMALY_SCORE DOUBLE);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO \"TEMP_STREAM\"\n"
                        + "  SELECT STREAM x, y, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(\n"
                        + "    CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\")));\n"
                        + "CREATE OR REPLACE PUMP \"OUTPUT_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM * FROM \"TEMP_STREAM\"\n"
                        + "  ORDER BY FLOOR(\"TEMP_STREAM\".ROWTIME TO SECOND), ANOMALY_SCORE DESC;";
        Set<Integer> anomalies = Set.of(400, 500, 600);
        List<Object[]> input = points(700, anomalies);
        List<Row> output = TranslatedApplications.run(app, POINTS, input, "DESTINATION_SQL_STREAM");
        assertThat(output).hasSize(700);
        List<Double> normal = new ArrayList<>();
        List<Double> planted = new ArrayList<>();
        int warmUp = 0;
        for (Row row : output) {
            LocalDateTime rowtime = (LocalDateTime) row.getField(3);
            int index =
                    (int) (java.time.Duration.between(at("10:00:00"), rowtime).toMillis() / 100);
            double score = (Double) row.getField(2);
            if (index < 256) {
                assertThat(score).as("row %d in the warm-up", index).isZero();
                warmUp++;
            } else if (anomalies.contains(index)) {
                planted.add(score);
            } else {
                normal.add(score);
            }
        }
        assertThat(warmUp).isEqualTo(256);
        normal.sort(Double::compare);
        double median = normal.get(normal.size() / 2);
        assertThat(median).isPositive();
        assertThat(planted).hasSize(3).allSatisfy(s -> assertThat(s).isGreaterThan(3 * median));
        // sorted within each second: scores descending
        for (int i = 1; i < output.size(); i++) {
            LocalDateTime previous = (LocalDateTime) output.get(i - 1).getField(3);
            LocalDateTime current = (LocalDateTime) output.get(i).getField(3);
            if (previous.withNano(0).equals(current.withNano(0))) {
                assertThat((Double) output.get(i - 1).getField(2))
                        .isGreaterThanOrEqualTo((Double) output.get(i).getField(2));
            }
        }
    }

    /**
     * HOTSPOTS over a window of 100 rows: a planted cluster of 30 points within 0.1 of (5, 5) among
     * points spread over [0, 100]² is found once the window holds it; the JSON has its bounds.
     */
    @Test
    void hotspotsFindsAPlantedCluster() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (x DOUBLE, y DOUBLE,"
                        + " HOTSPOTS_RESULT VARCHAR(10000));\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM x, y, HOTSPOTS_RESULT FROM TABLE(HOTSPOTS(\n"
                        + "    CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"), 100, 0.5, 10));";
        Random random = new Random(11);
        List<Object[]> input = new ArrayList<>();
        LocalDateTime start = at("10:00:00");
        for (int i = 0; i < 100; i++) {
            boolean cluster = i >= 70;
            double x = cluster ? 5 + random.nextDouble() * 0.1 : random.nextDouble() * 100;
            double y = cluster ? 5 + random.nextDouble() * 0.1 : random.nextDouble() * 100;
            input.add(new Object[] {x, y, start.plusSeconds(i)});
        }
        List<Row> output = TranslatedApplications.run(app, POINTS, input, "DESTINATION_SQL_STREAM");
        assertThat(output).hasSize(100);
        assertThat((String) output.get(0).getField(2)).isEqualTo("{\"hotspots\":[]}");
        String last = (String) output.get(99).getField(2);
        assertThat(last).startsWith("{\"hotspots\":[{\"density\":").doesNotContain("},{");
        assertThat(last).contains("\"minValues\":[5.").contains("\"maxValues\":[5.");
    }

    /** Tickers per 10-second window: A ×3, B ×2, C ×1, then A ×1, B ×3. */
    private static List<Object[]> tickers() {
        List<Object[]> rows = new ArrayList<>();
        String[] first = {"A", "B", "A", "C", "B", "A"};
        String[] second = {"B", "A", "B", "B"};
        for (int i = 0; i < first.length; i++) {
            rows.add(new Object[] {first[i], 1.0, at("10:00:0" + i)});
        }
        for (int i = 0; i < second.length; i++) {
            rows.add(new Object[] {second[i], 1.0, at("10:00:1" + i)});
        }
        return rows;
    }

    /** The SR's example shape: {@code SELECT STREAM *} of the function into item and count. */
    @Test
    void topKItemsPerWindow() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (\"TICKER_SYMBOL\""
                        + " VARCHAR(4), \"MOST_FREQUENT_VALUES\" BIGINT);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(\n"
                        + "    CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"), 'TICKER', 2,"
                        + " 10));";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "TICKER VARCHAR(4), PRICE DOUBLE",
                                tickers(),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("A", 3L, at("10:00:10")),
                        Row.of("B", 2L, at("10:00:10")),
                        Row.of("B", 3L, at("10:00:20")),
                        Row.of("A", 1L, at("10:00:20")));
    }

    @Test
    void countDistinctItemsPerWindow() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (distinct_count BIGINT);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM NUMBER_OF_DISTINCT_ITEMS FROM"
                        + " TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(\n"
                        + "    CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"), 'TICKER',"
                        + " 10));";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "TICKER VARCHAR(4), PRICE DOUBLE",
                                tickers(),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(Row.of(3L, at("10:00:10")), Row.of(2L, at("10:00:20")));
    }
}
