package dev.flinkkda.kda.runtime;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.flinkkda.kda.runtime.TranslatedApplications.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SELECT STREAM DISTINCT} within the ROWTIME buckets its items name, translated and run on a
 * MiniCluster; expected rows worked out by hand.
 */
class DistinctMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TICKS = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";

    /**
     * Distinct (ticker, price) pairs per 10 seconds: each pair once per bucket, with the ROWTIME of
     * its first row, emitted when the bucket ends.
     */
    @Test
    void distinctRowsPerBucket() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4), price"
                        + " DOUBLE, bucket TIMESTAMP);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM DISTINCT ticker_symbol, price,"
                        + " STEP(s.ROWTIME BY INTERVAL '10' SECOND)\n"
                        + "  FROM \"SOURCE_SQL_STREAM_001\" AS s;";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                TICKS,
                                List.of(
                                        new Object[] {"A", 1.0, at("10:00:01")},
                                        new Object[] {"A", 1.0, at("10:00:02")},
                                        new Object[] {"A", 2.0, at("10:00:03")},
                                        new Object[] {"B", 1.0, at("10:00:04")},
                                        new Object[] {"A", 1.0, at("10:00:11")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 1.0, at("10:00"), at("10:00:01")),
                        Row.of("A", 2.0, at("10:00"), at("10:00:03")),
                        Row.of("B", 1.0, at("10:00"), at("10:00:04")),
                        Row.of("A", 1.0, at("10:00:10"), at("10:00:11")));
    }

    /**
     * The SQL reference's exact distinct count: a DISTINCT query nested in FROM selects its ROWTIME
     * as {@code window_time}, which the outer GROUP BY steps over as ROWTIME. Prices per ticker and
     * 5 seconds: A 1.0, 1.0 (same ROWTIME: one row), 2.0 → 2; B 3.0 → 1; then A 1.0 → 1.
     */
    @Test
    void exactDistinctCountOverANestedDistinctQuery() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM output_stream (ticker_symbol VARCHAR(4), unique_count"
                        + " BIGINT);\n"
                        + "CREATE OR REPLACE PUMP stream_pump AS INSERT INTO output_stream\n"
                        + "SELECT STREAM TICKER_SYMBOL, COUNT(distinct_stream.price) AS"
                        + " unique_count\n"
                        + "  FROM (\n"
                        + "    SELECT STREAM DISTINCT rowtime as window_time, TICKER_SYMBOL, PRICE,\n"
                        + "      STEP((SOURCE_SQL_STREAM_001.rowtime) BY INTERVAL '5' SECOND)\n"
                        + "      FROM SOURCE_SQL_STREAM_001) as distinct_stream\n"
                        + "  GROUP BY TICKER_SYMBOL, STEP((distinct_stream.window_time) BY INTERVAL"
                        + " '5' SECOND);";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                TICKS,
                                List.of(
                                        new Object[] {"A", 1.0, at("10:00:01")},
                                        new Object[] {"A", 1.0, at("10:00:01")},
                                        new Object[] {"A", 2.0, at("10:00:02")},
                                        new Object[] {"B", 3.0, at("10:00:03")},
                                        new Object[] {"A", 1.0, at("10:00:06")},
                                        new Object[] {"B", 4.0, at("10:00:12")}),
                                "OUTPUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 2L, at("10:00:05")),
                        Row.of("B", 1L, at("10:00:05")),
                        Row.of("A", 1L, at("10:00:10")),
                        Row.of("B", 1L, at("10:00:15")));
    }
}
