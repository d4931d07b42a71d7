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
import static org.assertj.core.api.Assertions.within;

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

    /** One output column: its KDA type, the expression, the value expected. */
    private record Case(String type, String expression, Object expected) {}

    /**
     * Scalar functions in one job over one row (EVENT_TIME 2018-08-01 13:04:05, PRICE -2.5): each
     * case is a column of the output stream.
     */
    @Test
    void scalarFunctions() throws Exception {
        List<Case> cases =
                List.of(
                        // SR INITCAP
                        new Case(
                                "VARCHAR(40)",
                                "INITCAP('Each FIRST lEtTeR is cAPITALIZED')",
                                "Each First Letter Is Capitalized"),
                        // space-delimited words only
                        new Case("VARCHAR(20)", "INITCAP('o''NEIL mc-dONALD')", "O'neil Mc-donald"),
                        // SR SUBSTRING: a start below 1 counts as 1 and shortens the length
                        new Case("VARCHAR(9)", "SUBSTRING('123456789', 0, 3)", "12"),
                        new Case("VARCHAR(9)", "SUBSTRING('123456789', -2, 6)", "123"),
                        new Case("VARCHAR(9)", "SUBSTRING('123456789' FROM 8)", "89"),
                        new Case("VARCHAR(9)", "SUBSTRING('123456789' FROM 3 FOR 2)", "34"),
                        new Case("VARCHAR(9)", "SUBSTRING('123456789', 10)", ""),
                        new Case("INTEGER", "POSITION('b' IN 'abc')", 2),
                        new Case("INTEGER", "POSITION('z' IN 'abc')", 0),
                        // found by TranslatorFuzzTest: Flink did not parse POSITION(('b') IN …)
                        new Case("INTEGER", "POSITION(('b' || 'c') IN 'abc')", 2),
                        new Case(
                                "VARCHAR(9)",
                                "OVERLAY('abcdef' PLACING 'xy' FROM 2 FOR 3)",
                                "axyef"),
                        new Case("VARCHAR(9)", "OVERLAY('abcdef' PLACING 'xy' FROM 2)", "axydef"),
                        new Case("VARCHAR(9)", "TRIM(LEADING 'x' FROM 'xxaxx')", "axx"),
                        new Case("VARCHAR(9)", "TRIM(TRAILING FROM '  a  ')", "  a"),
                        new Case("VARCHAR(9)", "TRIM('  a  ')", "a"),
                        new Case("VARCHAR(9)", "UPPER('aB') || LOWER('aB')", "ABab"),
                        new Case("INTEGER", "CHAR_LENGTH('abc')", 3),
                        new Case("INTEGER", "CHARACTER_LENGTH('')", 0),
                        // SR MOD: the sign of the dividend
                        new Case("INTEGER", "MOD(-4, 3)", -1),
                        new Case("INTEGER", "MOD(5, 12)", 5),
                        new Case("INTEGER", "7 / 2", 3),
                        new Case("INTEGER", "STEP(-7 BY 5)", -10),
                        new Case("DOUBLE", "ABS(price)", 2.5),
                        new Case("DOUBLE", "POWER(2, 10)", 1024.0),
                        new Case("DOUBLE", "LN(EXP(2.0))", 2.0),
                        new Case("DOUBLE", "LOG10(1000)", 3.0),
                        new Case("DOUBLE", "CEIL(price)", -2.0),
                        new Case("DOUBLE", "FLOOR(price)", -3.0),
                        new Case("TIMESTAMP", "CEIL(event_time TO HOUR)", at("14:00:00")),
                        new Case("TIMESTAMP", "FLOOR(event_time TO MINUTE)", at("13:04:00")),
                        new Case("INTEGER", "NULLIF(5, 5)", null),
                        new Case("VARCHAR(4)", "COALESCE(NULL, 'x')", "x"),
                        // hh is the 12-hour clock
                        new Case(
                                "VARCHAR(20)",
                                "TIMESTAMP_TO_CHAR('yyyy-MM-dd hh:mm:ss', event_time)",
                                "2018-08-01 01:04:05"),
                        // SR TIMESTAMP_TO_CHAR: a null timestamp gives the string "null"
                        new Case(
                                "VARCHAR(20)",
                                "TIMESTAMP_TO_CHAR('yyyy', CAST(NULL AS TIMESTAMP))",
                                "null"),
                        new Case("VARCHAR(20)", "TIME_TO_CHAR('HH:mm', TIME '12:03:34')", "12:03"),
                        new Case(
                                "TIME",
                                "CHAR_TO_TIME('HH:mm', '12:03')",
                                java.time.LocalTime.of(12, 3)),
                        new Case(
                                "TIMESTAMP",
                                "CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', '2018-08-01 12:34:56')",
                                at("12:34:56")),
                        new Case(
                                "DATE",
                                "CHAR_TO_DATE('yyyy-MM-dd', '2018-08-01')",
                                java.time.LocalDate.of(2018, 8, 1)),
                        new Case("BIGINT", "EXTRACT(MINUTE FROM event_time)", 4L),
                        new Case(
                                "BIGINT",
                                "TSDIFF(event_time, TIMESTAMP '2018-08-01 13:04:00')",
                                5000L),
                        new Case("BOOLEAN", "CURRENT_ROW_TIMESTAMP IS NOT NULL", true),
                        new Case("BOOLEAN", "LOCALTIMESTAMP IS NOT NULL", true),
                        new Case("BOOLEAN", "'abc' SIMILAR TO '%b%'", true),
                        // no padding of the shorter string (README: differences)
                        new Case("BOOLEAN", "ticker_symbol = 'A  '", false),
                        new Case("INTEGER", "CAST('42' AS INTEGER)", 42),
                        new Case("BOOLEAN", "CAST(TRUE AS VARCHAR(5)) = 'TRUE'", true));
        StringBuilder columns = new StringBuilder();
        StringBuilder items = new StringBuilder();
        Object[] expected = new Object[cases.size() + 1];
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            columns.append(i == 0 ? "" : ", ").append("c").append(i).append(' ').append(c.type());
            items.append(i == 0 ? "" : ", ").append(c.expression());
            expected[i] = c.expected();
        }
        expected[cases.size()] = at("13:05:00");
        String app =
                "CREATE STREAM out_stream ("
                        + columns
                        + ");\nCREATE PUMP p AS INSERT INTO out_stream SELECT STREAM "
                        + items
                        + " FROM source_sql_stream_001;";
        List<Object[]> rows =
                List.<Object[]>of(new Object[] {"A", at("13:04:05"), -2.5, at("13:05:00")});
        List<Row> result = TranslatedApplications.run(app, TICKS, rows, "OUT_STREAM");
        assertThat(result).hasSize(1);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(result.get(0).getField(i))
                    .as(cases.get(i).expression())
                    .isEqualTo(expected[i]);
        }
    }

    /**
     * GROUP BY (tumbling) aggregates: statistics, ANY and EVERY (SR Boolean Functions), COUNT
     * DISTINCT. Prices 10, 20, 20, 30 in one minute.
     */
    @Test
    void tumblingAggregates() throws Exception {
        String app =
                "CREATE STREAM out_stream (var_samp DOUBLE, stddev_pop DOUBLE, stddev_samp DOUBLE,"
                        + " var_pop_distinct DOUBLE, any_cheap BOOLEAN, every_cheap BOOLEAN,"
                        + " distinct_prices BIGINT, n BIGINT, total DOUBLE, mean DOUBLE);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM VAR_SAMP(price),"
                        + " STDDEV_POP(price), STDDEV_SAMP(price), VAR_POP(DISTINCT price),"
                        + " ANY(price < 15), EVERY(price < 15), COUNT(DISTINCT price), COUNT(ALL"
                        + " price), SUM(price), AVG(price) FROM source_sql_stream_001 GROUP BY"
                        + " FLOOR(source_sql_stream_001.ROWTIME TO MINUTE);";
        List<Object[]> rows =
                List.of(
                        new Object[] {"A", at("10:00:00"), 10.0, at("10:00:01")},
                        new Object[] {"A", at("10:00:00"), 20.0, at("10:00:02")},
                        new Object[] {"A", at("10:00:00"), 20.0, at("10:00:03")},
                        new Object[] {"A", at("10:00:00"), 30.0, at("10:00:04")});
        // mean 20; squares of deviations 100 + 0 + 0 + 100 = 200: VAR_POP 50, VAR_SAMP 200/3;
        // distinct 10, 20, 30: VAR_POP (100 + 0 + 100) / 3
        List<Row> result = TranslatedApplications.run(app, TICKS, rows, "OUT_STREAM");
        assertThat(result).hasSize(1);
        Row row = result.get(0);
        assertThat((Double) row.getField(0)).isCloseTo(200.0 / 3, within(1e-9));
        assertThat((Double) row.getField(1)).isCloseTo(Math.sqrt(50), within(1e-9));
        assertThat((Double) row.getField(2)).isCloseTo(Math.sqrt(200.0 / 3), within(1e-9));
        assertThat((Double) row.getField(3)).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(row.getField(4)).isEqualTo(true);
        assertThat(row.getField(5)).isEqualTo(false);
        assertThat(row.getField(6)).isEqualTo(3L);
        assertThat(row.getField(7)).isEqualTo(4L);
        assertThat(row.getField(8)).isEqualTo(80.0);
        assertThat(row.getField(9)).isEqualTo(20.0);
        assertThat(row.getField(10)).isEqualTo(at("10:01:00"));
    }
}
