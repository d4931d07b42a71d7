package dev.flinkkda.kda.runtime;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.List;

import static dev.flinkkda.kda.runtime.TranslatedApplications.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA's functions, operators and intervals, translated and run on a MiniCluster, many per job.
 * Expected values are the AWS SQL Reference's examples where it has them ("SR: …"), else worked out
 * by hand from the SR's definitions.
 */
class KdaFunctionsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TICKS =
            "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE";

    /**
     * The console's tumbling-window template as in the SR's VAR_POP example ("Using FLOOR"): a
     * 10-second window on ROWTIME; the key's value is the key at the window's start.
     */
    @Test
    void consoleTemplateWindowWithVarPop() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker_symbol VARCHAR(4),"
                        + " var_pop_price REAL, tens BIGINT, n INTEGER);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM ticker_symbol, VAR_POP(price)"
                        + " AS var_pop_price, CAST(FLOOR((\"SOURCE_SQL_STREAM_001\".ROWTIME -"
                        + " TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND) AS BIGINT),"
                        + " COUNT(*) FROM \"SOURCE_SQL_STREAM_001\" GROUP BY ticker_symbol,"
                        + " FLOOR((\"SOURCE_SQL_STREAM_001\".ROWTIME - TIMESTAMP '1970-01-01"
                        + " 00:00:00') SECOND / 10 TO SECOND);";
        List<Object[]> rows =
                List.of(
                        new Object[] {"A", at("10:00:00"), 10.0, at("10:00:01")},
                        new Object[] {"A", at("10:00:00"), 20.0, at("10:00:05")},
                        new Object[] {"A", at("10:00:00"), 30.0, at("2018-08-01T10:00:09.999")},
                        new Object[] {"B", at("10:00:00"), 5.0, at("10:00:12")},
                        new Object[] {"A", at("10:00:00"), 40.0, at("10:00:15")},
                        new Object[] {"A", at("10:00:00"), 44.0, at("10:00:19")});
        // 2018-08-01T10:00:00Z is 1533117600 s after the epoch: a tenth of that, in seconds
        assertThat(TranslatedApplications.run(app, TICKS, rows, "DESTINATION_SQL_STREAM"))
                .containsExactlyInAnyOrder(
                        // (100 + 0 + 100) / 3
                        Row.of("A", 200f / 3, 153311760L, 3, at("10:00:10")),
                        Row.of("B", 0f, 153311761L, 1, at("10:00:20")),
                        Row.of("A", 4f, 153311761L, 2, at("10:00:20")));
    }

    /**
     * Datetime differences as intervals (SR "Date, Timestamp, and Interval Operators") and their
     * arithmetic, comparisons and casts; CAST of a real to an integer rounds (SR CAST).
     */
    @Test
    void intervals() throws Exception {
        String app =
                "CREATE STREAM out_stream (sr_text VARCHAR(8), sr_seconds BIGINT, whole_minutes"
                        + " BIGINT, seconds DECIMAL(8, 3), later INTEGER, plus_minute BIGINT,"
                        + " back TIMESTAMP, doubled BIGINT, quarter DECIMAL(8, 3), ceil_minute"
                        + " BIGINT, rounded INTEGER, rounded_constant INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " CAST((TIME '12:03:34' - TIME '11:57:23') MINUTE TO SECOND AS"
                        + " VARCHAR(8)), CAST((TIME '12:03:34' - TIME '11:57:23') SECOND AS"
                        + " BIGINT), CAST((ROWTIME - event_time) MINUTE AS BIGINT),"
                        + " CAST((ROWTIME - event_time) SECOND AS DECIMAL(8, 3)), CASE WHEN"
                        + " (ROWTIME - event_time) SECOND > INTERVAL '1' MINUTE THEN 1 ELSE 0 END,"
                        + " CAST((ROWTIME - event_time) SECOND + INTERVAL '1' MINUTE AS BIGINT),"
                        + " event_time + (ROWTIME - event_time) SECOND, CAST(2 * (ROWTIME -"
                        + " event_time) SECOND AS BIGINT), CAST((ROWTIME - event_time) SECOND /"
                        + " 4 AS DECIMAL(8, 3)), CAST(CEIL(((ROWTIME - event_time) SECOND) TO"
                        + " MINUTE) AS BIGINT), CAST(price AS INTEGER), CAST(12.5 AS INTEGER)"
                        + " FROM source_sql_stream_001;";
        List<Object[]> rows =
                List.<Object[]>of(
                        new Object[] {"A", at("10:00:00"), -1.5, at("2018-08-01T10:01:30.500")});
        assertThat(TranslatedApplications.run(app, TICKS, rows, "OUT_STREAM"))
                .containsExactly(
                        Row.of(
                                "+6:11", // SR: 6 minutes, 11 seconds
                                371L,
                                1L, // 90.5 s in whole minutes
                                new BigDecimal("90.500"),
                                1,
                                150L,
                                at("2018-08-01T10:01:30.500"),
                                181L,
                                new BigDecimal("22.625"),
                                120L,
                                -2, // SR CAST: reals are rounded
                                13,
                                at("2018-08-01T10:01:30.500")));
    }
}
