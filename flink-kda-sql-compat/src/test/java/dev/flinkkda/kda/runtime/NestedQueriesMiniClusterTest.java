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
 * Queries nested in {@code FROM} and the log parsers' {@code ROW}s, translated and run on a
 * MiniCluster; every expected value is worked out by hand in the test.
 */
class NestedQueriesMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String LOGS = "LOGENTRY VARCHAR(64)";

    /**
     * The developer guide's log-parsing shape: {@code REGEX_LOG_PARSE} in a nested query, its
     * groups read as {@code T.REC.COLUMNn}. A line the pattern does not match gives a row of NULLs.
     */
    @Test
    void regexLogParseInANestedQuery() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (logentry VARCHAR(64), match1"
                        + " VARCHAR(24), match2 VARCHAR(24), match4 VARCHAR(24));\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM T.LOGENTRY, T.REC.COLUMN1, T.REC.COLUMN2,"
                        + " T.REC.COLUMN4\n"
                        + "  FROM (SELECT STREAM LOGENTRY,\n"
                        + "          REGEX_LOG_PARSE(LOGENTRY, '(\\w.+) (\\d.+) (\\w.+) (\\w.+)')"
                        + " AS REC\n"
                        + "        FROM SOURCE_SQL_STREAM_001) AS T;";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                LOGS,
                                List.of(
                                        // three spaces, and \d.+ needs two characters: each group
                                        // is one word
                                        new Object[] {"alpha 12 beta gamma", at("10:00:00")},
                                        // no digit after the first space: no match
                                        new Object[] {"alpha beta gamma delta", at("10:00:01")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("alpha 12 beta gamma", "alpha", "12", "gamma", at("10:00:00")),
                        Row.of("alpha beta gamma delta", null, null, null, at("10:00:01")));
    }

    /**
     * {@code FROM (…) AS l(r)}: a column list names the nested query's unnamed item; a typed {@code
     * VARIABLE_COLUMN_LOG_PARSE} column list gives typed fields.
     */
    @Test
    void columnListNamesTheNestedQuerysItems() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (name VARCHAR(8), amount"
                        + " INTEGER, doubled DOUBLE);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM l.r.\"COL_1\", l.r.\"COL_2\", l.r.\"COL_3\" * 2\n"
                        + "  FROM (SELECT STREAM VARIABLE_COLUMN_LOG_PARSE(LOGENTRY,"
                        + " '\"COL_1\" TYPE VARCHAR(8), \"COL_2\" TYPE INTEGER, \"COL_3\" TYPE"
                        + " DOUBLE', ',')\n"
                        + "        FROM SOURCE_SQL_STREAM_001) AS l(r);";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                LOGS,
                                List.of(
                                        new Object[] {"pens,12,1.25", at("10:00:00")},
                                        new Object[] {"ink,3,0.5", at("10:00:02")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("pens", 12, 2.5, at("10:00:00")),
                        Row.of("ink", 3, 1.0, at("10:00:02")));
    }

    /**
     * Two levels of nesting under a tumbling window: the window runs on the ROWTIME the nested
     * queries pass on. Rows at 10:00:05, :20, :40 (one filtered out) and 10:01:10.
     */
    @Test
    void tumblingWindowOverTwoNestedQueries() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4), n"
                        + " BIGINT);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM t.k, COUNT(*) FROM (\n"
                        + "    SELECT STREAM ticker_symbol AS k FROM (\n"
                        + "      SELECT STREAM * FROM SOURCE_SQL_STREAM_001 WHERE price > 0) AS"
                        + " positive) AS t\n"
                        + "  GROUP BY t.k, STEP(t.ROWTIME BY INTERVAL '1' MINUTE);";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE",
                                List.of(
                                        new Object[] {"AMZN", 10.0, at("10:00:05")},
                                        new Object[] {"AMZN", 11.0, at("10:00:20")},
                                        new Object[] {"AMZN", -1.0, at("10:00:40")},
                                        new Object[] {"AMZN", 12.0, at("10:01:10")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("AMZN", 2L, at("10:01:00")), Row.of("AMZN", 1L, at("10:02:00")));
    }

    /**
     * A windowed query nested in {@code FROM}: its rows carry the window end as ROWTIME, and the
     * outer query filters them (the developer guide's alert-throttling shape, without a name for
     * the nested query).
     */
    @Test
    void outerQueryFiltersAWindowedNestedQuery() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4), n"
                        + " BIGINT);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM k, c FROM (\n"
                        + "    SELECT STREAM ticker_symbol AS k, COUNT(*) AS c FROM"
                        + " SOURCE_SQL_STREAM_001\n"
                        + "    GROUP BY ticker_symbol, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY"
                        + " INTERVAL '1' MINUTE))\n"
                        + "  WHERE c >= 2;";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE",
                                List.of(
                                        new Object[] {"AMZN", 1.0, at("10:00:05")},
                                        new Object[] {"MSFT", 1.0, at("10:00:06")},
                                        new Object[] {"AMZN", 1.0, at("10:00:50")},
                                        new Object[] {"MSFT", 1.0, at("10:01:30")},
                                        new Object[] {"MSFT", 1.0, at("10:01:31")}),
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("AMZN", 2L, at("10:01:00")), Row.of("MSFT", 2L, at("10:02:00")));
    }
}
