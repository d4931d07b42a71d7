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
 * KDA's streaming {@code ORDER BY}, translated and run on a MiniCluster: each time bucket of the
 * first key is sorted by the other keys; every row keeps its own ROWTIME. Orders worked out by
 * hand.
 */
class StreamSortMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String SCORES = "SENSOR VARCHAR(4), SCORE DOUBLE";

    private static final String DESTINATION =
            "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (sensor VARCHAR(4), score"
                    + " DOUBLE);\n";

    /** The anomaly-detection examples' sort: by second, then the highest score first. */
    @Test
    void eachSecondIsSortedByScoreDescending() throws Exception {
        String app =
                DESTINATION
                        + "CREATE OR REPLACE PUMP \"OUTPUT_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM sensor, score FROM \"SOURCE_SQL_STREAM_001\" AS s\n"
                        + "  ORDER BY FLOOR(s.ROWTIME TO SECOND), score DESC;";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                SCORES,
                                List.of(
                                        new Object[] {"a", 5.0, at("10:00:00.200")},
                                        new Object[] {"b", 9.0, at("10:00:00.700")},
                                        new Object[] {"c", 4.0, at("10:00:01.100")},
                                        new Object[] {"d", 7.0, at("10:00:01.400")},
                                        new Object[] {"e", 6.0, at("10:00:01.999")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("b", 9.0, at("10:00:00.700")),
                        Row.of("a", 5.0, at("10:00:00.200")),
                        Row.of("d", 7.0, at("10:00:01.400")),
                        Row.of("e", 6.0, at("10:00:01.999")),
                        Row.of("c", 4.0, at("10:00:01.100")));
    }

    /**
     * {@code STEP(ROWTIME BY INTERVAL '2' SECOND)} buckets, a select item's name as a key, and
     * NULLs last: rows 0.5 s (3), 1.5 s (NULL), 1.9 s (8) | 2.1 s (1), 3.0 s (2).
     */
    @Test
    void stepBucketsAnItemNameAndNullsLast() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (sensor VARCHAR(4), doubled"
                        + " DOUBLE);\n"
                        + "CREATE OR REPLACE PUMP \"OUTPUT_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM sensor, score * 2 AS doubled FROM"
                        + " \"SOURCE_SQL_STREAM_001\"\n"
                        + "  ORDER BY STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '2' SECOND),"
                        + " doubled DESC NULLS LAST;";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                SCORES,
                                List.of(
                                        new Object[] {"a", 3.0, at("10:00:00.500")},
                                        new Object[] {"b", null, at("10:00:01.500")},
                                        new Object[] {"c", 8.0, at("10:00:01.900")},
                                        new Object[] {"d", 1.0, at("10:00:02.100")},
                                        new Object[] {"e", 2.0, at("10:00:03.000")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("c", 16.0, at("10:00:01.900")),
                        Row.of("a", 6.0, at("10:00:00.500")),
                        Row.of("b", null, at("10:00:01.500")),
                        Row.of("e", 4.0, at("10:00:03")),
                        Row.of("d", 2.0, at("10:00:02.100")));
    }

    /**
     * A window over a sorted stream loses no row: the rows of a bucket come out in score order, not
     * time order, and the sorted stream's watermark trails them by a bucket. Rows at 0.2, 0.7, 0.9
     * s (one minute) and 60.5 s (the next).
     */
    @Test
    void aWindowOverASortedStreamLosesNoRow() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"SORTED\" (sensor VARCHAR(4), score DOUBLE);\n"
                        + "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (n BIGINT, top"
                        + " DOUBLE);\n"
                        + "CREATE OR REPLACE PUMP \"SORT_PUMP\" AS INSERT INTO \"SORTED\"\n"
                        + "  SELECT STREAM sensor, score FROM \"SOURCE_SQL_STREAM_001\"\n"
                        + "  ORDER BY FLOOR(\"SOURCE_SQL_STREAM_001\".ROWTIME TO SECOND), score"
                        + " DESC;\n"
                        + "CREATE OR REPLACE PUMP \"COUNT_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM COUNT(*), MAX(score) FROM \"SORTED\"\n"
                        + "  GROUP BY STEP(\"SORTED\".ROWTIME BY INTERVAL '1' MINUTE);";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                SCORES,
                                List.of(
                                        new Object[] {"a", 1.0, at("10:00:00.200")},
                                        new Object[] {"b", 2.0, at("10:00:00.700")},
                                        new Object[] {"c", 3.0, at("10:00:00.900")},
                                        new Object[] {"d", 4.0, at("10:01:00.500")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(Row.of(3L, 3.0, at("10:01")), Row.of(1L, 4.0, at("10:02")));
    }

    /**
     * {@code ORDER BY} in a tumbling-window query: each window's rows, which share the window end
     * as ROWTIME, sorted by the other keys — here the count, largest first. Minute 10:00: a ×1, b
     * ×3, c ×2; minute 10:01: a ×2, b ×1.
     */
    @Test
    void eachWindowsRowsAreSortedByTheirCount() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (sensor VARCHAR(4), n"
                        + " BIGINT);\n"
                        + "CREATE OR REPLACE PUMP \"OUTPUT_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM sensor, COUNT(*) AS n FROM \"SOURCE_SQL_STREAM_001\" AS s\n"
                        + "  GROUP BY sensor, STEP(s.ROWTIME BY INTERVAL '1' MINUTE)\n"
                        + "  ORDER BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE), n DESC;";
        List<Object[]> rows =
                List.of(
                        new Object[] {"a", 1.0, at("10:00:01")},
                        new Object[] {"b", 1.0, at("10:00:02")},
                        new Object[] {"c", 1.0, at("10:00:03")},
                        new Object[] {"b", 1.0, at("10:00:04")},
                        new Object[] {"c", 1.0, at("10:00:05")},
                        new Object[] {"b", 1.0, at("10:00:06")},
                        new Object[] {"b", 1.0, at("10:01:01")},
                        new Object[] {"a", 1.0, at("10:01:02")},
                        new Object[] {"a", 1.0, at("10:01:03")});
        assertThat(TranslatedApplications.run(app, SCORES, rows, "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("b", 3L, at("10:01")),
                        Row.of("c", 2L, at("10:01")),
                        Row.of("a", 1L, at("10:01")),
                        Row.of("a", 2L, at("10:02")),
                        Row.of("b", 1L, at("10:02")));
    }
}
