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
 * Translated KDA applications run on a MiniCluster; expected rows are the AWS documentation's
 * published outputs or computed by hand in each test.
 */
class TranslatedApplicationsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TICKS = "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP";

    /** Seed 001's four rows (ROWTIME, EVENT_TIME, ticker). */
    private static final List<Object[]> SEED_001_ROWS =
            List.of(
                    new Object[] {"AMZN", at("11:00:10"), at("11:00:20")},
                    new Object[] {"AMZN", at("11:00:20"), at("11:00:30")},
                    new Object[] {"AMZN", at("11:00:55"), at("11:01:05")},
                    new Object[] {"AMZN", at("11:01:05"), at("11:01:15")});

    private static final String DESTINATION =
            "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker_symbol VARCHAR(4),"
                    + " event_time TIMESTAMP, ticker_count DOUBLE);\n";

    /** Seed 001, "Partial Results with Tumbling Windows": the documented three rows. */
    @Test
    void seed001StepPartialResults() throws Exception {
        String app =
                DESTINATION
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO"
                        + " MINUTE), COUNT(TICKER_SYMBOL) AS TICKER_COUNT FROM"
                        + " \"SOURCE_SQL_STREAM_001\" GROUP BY ticker_symbol, FLOOR(EVENT_TIME TO"
                        + " MINUTE), STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '1' MINUTE);";
        assertThat(TranslatedApplications.run(app, TICKS, SEED_001_ROWS, "DESTINATION_SQL_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("AMZN", at("11:00:00"), 2.0, at("11:01:00")),
                        Row.of("AMZN", at("11:00:00"), 1.0, at("11:02:00")),
                        Row.of("AMZN", at("11:01:00"), 1.0, at("11:02:00")));
    }

    /** Seed 001, "Complete Results with Stagger Windows": the documented two rows. */
    @Test
    void seed001Stagger() throws Exception {
        String app =
                DESTINATION
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO"
                        + " MINUTE), COUNT(TICKER_SYMBOL) AS ticker_count FROM"
                        + " \"SOURCE_SQL_STREAM_001\" WINDOWED BY STAGGER ( PARTITION BY"
                        + " FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE);";
        assertThat(TranslatedApplications.run(app, TICKS, SEED_001_ROWS, "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of("AMZN", at("11:00:00"), 3.0, at("11:01:20")),
                        Row.of("AMZN", at("11:01:00"), 1.0, at("11:02:15")));
    }

    /**
     * Seed 000: six records per (EVENT_TIME, TICKER), ten seconds apart, all inside the one-minute
     * stagger window opened by the first: one row of 6 per group, at open + 1 minute.
     */
    @Test
    void seed000SixRecordStagger() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" ( event_time TIMESTAMP,"
                        + " ticker_symbol VARCHAR(4), ticker_count INTEGER);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM EVENT_TIME, TICKER, COUNT(TICKER)"
                        + " AS ticker_count FROM \"SOURCE_SQL_STREAM_001\" WINDOWED BY STAGGER ("
                        + " PARTITION BY TICKER, EVENT_TIME RANGE INTERVAL '1' MINUTE);";
        String[] amzn = {"20:17:30", "20:17:40", "20:17:50", "20:18:00", "20:18:10", "20:18:21"};
        String[] intc = {"20:18:31", "20:18:41", "20:18:51", "20:19:01", "20:19:11", "20:19:21"};
        List<Object[]> rows = new java.util.ArrayList<>();
        for (String t : amzn) {
            rows.add(new Object[] {at("2018-08-01T20:17:20.797945"), "AMZN", at(t)});
        }
        for (String t : intc) {
            rows.add(new Object[] {at("2018-08-01T20:18:21.043084"), "INTC", at(t)});
        }
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "EVENT_TIME TIMESTAMP, TICKER VARCHAR(4)",
                                rows,
                                "DESTINATION_SQL_STREAM"))
                .containsExactly(
                        Row.of(at("2018-08-01T20:17:20.797"), "AMZN", 6, at("20:18:30")),
                        Row.of(at("2018-08-01T20:18:21.043"), "INTC", 6, at("20:19:31")));
    }

    private static final String PRICES = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";

    /** Five trades: A 10, 20 | B 5 | A 30, 40, at the given ROWTIMEs. */
    private static final List<Object[]> TRADES =
            List.of(
                    new Object[] {"A", 10.0, at("10:00:00")},
                    new Object[] {"A", 20.0, at("10:00:30")},
                    new Object[] {"B", 5.0, at("10:00:40")},
                    new Object[] {"A", 30.0, at("10:01:00")},
                    new Object[] {"A", 40.0, at("10:01:31")});

    /**
     * Two different windows in one SELECT: the average over the last minute (both ends included)
     * and the count over the current and two preceding rows, per ticker.
     */
    @Test
    void slidingWindowsRangeAndRowsInOneSelect() throws Exception {
        String app =
                "CREATE STREAM out_stream (ticker VARCHAR(4), price DOUBLE, avg1m DOUBLE, n3"
                        + " INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM ticker_symbol,"
                        + " price, AVG(price) OVER w1, COUNT(*) OVER w2 FROM source_sql_stream_001"
                        + " WINDOW w1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE"
                        + " PRECEDING), w2 AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING);";
        assertThat(TranslatedApplications.run(app, PRICES, TRADES, "OUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 10.0, 10.0, 1, at("10:00:00")),
                        Row.of("A", 20.0, 15.0, 2, at("10:00:30")),
                        Row.of("B", 5.0, 5.0, 1, at("10:00:40")),
                        // 10:00:00 is exactly one minute before: included
                        Row.of("A", 30.0, 20.0, 3, at("10:01:00")),
                        // 10:00:30 is more than a minute before: out; three rows: 20, 30, 40
                        Row.of("A", 40.0, 35.0, 3, at("10:01:31")));
    }

    /** Row by row: a filter, expressions, KDA's format-first TIMESTAMP_TO_CHAR, and ROWTIME. */
    @Test
    void projectionWithFunctions() throws Exception {
        String app =
                "CREATE STREAM out_stream (t VARCHAR(8), doubled DOUBLE, band VARCHAR(4), at_minute"
                        + " VARCHAR(16));\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM LOWER(ticker_symbol)"
                        + " || '!', price * 2, CASE WHEN price > 15 THEN 'high' ELSE 'low' END,"
                        + " TIMESTAMP_TO_CHAR('HH:mm', ROWTIME) FROM source_sql_stream_001 WHERE"
                        + " ticker_symbol <> 'B' AND price BETWEEN 10 AND 30;";
        assertThat(TranslatedApplications.run(app, PRICES, TRADES, "OUT_STREAM"))
                .containsExactly(
                        Row.of("a!", 20.0, "low", "10:00", at("10:00:00")),
                        Row.of("a!", 40.0, "high", "10:00", at("10:00:30")),
                        Row.of("a!", 60.0, "high", "10:01", at("10:01:00")));
    }

    /**
     * Two pumps into one stream, a tumbling window over it, and a second tumbling window over the
     * first one's rows, whose ROWTIME is their window's end: the rows of [10:00, 10:01) (ROWTIME
     * 10:01) and [10:01, 10:02) (ROWTIME 10:02) fall in different two-minute windows.
     */
    @Test
    void unionOfPumpsAndChainedWindows() throws Exception {
        String app =
                "CREATE STREAM trades (ticker VARCHAR(4), price DOUBLE);\n"
                        + "CREATE STREAM per_minute (ticker VARCHAR(4), total DOUBLE);\n"
                        + "CREATE STREAM per_two (n BIGINT, total DOUBLE, window_start TIMESTAMP);\n"
                        + "CREATE PUMP p1 AS INSERT INTO trades SELECT STREAM ticker_symbol, price"
                        + " FROM source_sql_stream_001 WHERE ticker_symbol = 'A';\n"
                        + "CREATE PUMP p2 AS INSERT INTO trades SELECT STREAM ticker_symbol, price *"
                        + " 10 FROM source_sql_stream_001 WHERE ticker_symbol = 'B';\n"
                        + "CREATE PUMP p3 AS INSERT INTO per_minute SELECT STREAM ticker, SUM(price)"
                        + " FROM trades GROUP BY ticker, STEP(trades.ROWTIME BY INTERVAL '1'"
                        + " MINUTE);\n"
                        + "CREATE PUMP p4 AS INSERT INTO per_two SELECT STREAM COUNT(*), SUM(total),"
                        + " STEP(per_minute.ROWTIME BY INTERVAL '2' MINUTE) FROM per_minute GROUP BY"
                        + " STEP(per_minute.ROWTIME BY INTERVAL '2' MINUTE);";
        assertThat(TranslatedApplications.run(app, PRICES, TRADES, "PER_MINUTE"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 30.0, at("10:01:00")),
                        Row.of("B", 50.0, at("10:01:00")),
                        Row.of("A", 70.0, at("10:02:00")));
        assertThat(TranslatedApplications.run(app, PRICES, TRADES, "PER_TWO"))
                .containsExactly(
                        Row.of(2L, 80.0, at("10:00:00"), at("10:02:00")),
                        Row.of(1L, 70.0, at("10:02:00"), at("10:04:00")));
    }

    /** Stagger windows with each aggregate the operator computes. */
    @Test
    void staggerAggregates() throws Exception {
        String app =
                "CREATE STREAM out_stream (ticker VARCHAR(4), n INTEGER, total DOUBLE, mean DOUBLE,"
                        + " low DOUBLE, high DOUBLE);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM ticker_symbol,"
                        + " COUNT(*), SUM(price), AVG(price), MIN(price), MAX(price) FROM"
                        + " source_sql_stream_001 WINDOWED BY STAGGER (PARTITION BY ticker_symbol"
                        + " RANGE INTERVAL '1' MINUTE);";
        assertThat(TranslatedApplications.run(app, PRICES, TRADES, "OUT_STREAM"))
                .containsExactlyInAnyOrder(
                        // A opens at 10:00:00; 10:01:00 is outside [10:00:00, 10:01:00)
                        Row.of("A", 2, 30.0, 15.0, 10.0, 20.0, at("10:01:00")),
                        Row.of("B", 1, 5.0, 5.0, 5.0, 5.0, at("10:01:40")),
                        Row.of("A", 2, 70.0, 35.0, 30.0, 40.0, at("10:02:00")));
    }

    /**
     * KDA's functions whose Flink spelling differs: epoch milliseconds, timestamp differences, STEP
     * as a value (timestamps and integers), format-first parsing, POSITION … IN, and the string
     * functions Flink shares.
     */
    @Test
    void kdaFunctions() throws Exception {
        String app =
                "CREATE STREAM out_stream (ms BIGINT, diff BIGINT, stepped TIMESTAMP, istep"
                        + " INTEGER, parsed TIMESTAMP, pos INTEGER, cap VARCHAR(8), ts TIMESTAMP,"
                        + " sub VARCHAR(8), len INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " UNIX_TIMESTAMP(ROWTIME), TSDIFF(ROWTIME, event_time),"
                        + " STEP(ROWTIME BY INTERVAL '30' SECOND), STEP(CAST(price AS INTEGER) BY"
                        + " 5), CHAR_TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss', '2018-08-01 12:34:56'),"
                        + " POSITION('b' IN ticker_symbol), INITCAP(TRIM(BOTH ' ' FROM"
                        + " ticker_symbol)), TO_TIMESTAMP(1533117600000), SUBSTRING(ticker_symbol,"
                        + " 3, 2), CHAR_LENGTH(ticker_symbol) FROM source_sql_stream_001;";
        List<Object[]> rows =
                List.<Object[]>of(new Object[] {"  ab  ", 23.0, at("10:00:10"), at("10:00:40")});
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "TICKER_SYMBOL VARCHAR(8), PRICE DOUBLE, EVENT_TIME TIMESTAMP",
                                rows,
                                "OUT_STREAM"))
                .containsExactly(
                        Row.of(
                                1533117640000L, // 2018-08-01T10:00:40Z in epoch milliseconds
                                30_000L,
                                at("10:00:30"),
                                20, // STEP(23 BY 5)
                                at("12:34:56"),
                                4,
                                "Ab",
                                at("10:00:00"),
                                "ab",
                                6,
                                at("10:00:40")));
    }

    /**
     * {@code UNION ALL} inside one pump: each SELECT writes the stream. The first passes AMZN rows
     * on (one row before 11:00:15); the second counts all rows per minute of ROWTIME (2 at 11:01, 2
     * at 11:02).
     */
    @Test
    void unionAllInsideOnePump() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (what VARCHAR(8), n BIGINT);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM ticker_symbol, 1 FROM \"SOURCE_SQL_STREAM_001\" WHERE"
                        + " EVENT_TIME < TIMESTAMP '2018-08-01 11:00:15'\n"
                        + "  UNION ALL\n"
                        + "  SELECT STREAM 'count', COUNT(*) FROM \"SOURCE_SQL_STREAM_001\" AS s\n"
                        + "  GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE);";
        assertThat(TranslatedApplications.run(app, TICKS, SEED_001_ROWS, "DESTINATION_SQL_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("AMZN", 1L, at("11:00:20")),
                        Row.of("count", 2L, at("11:01:00")),
                        Row.of("count", 2L, at("11:02:00")));
    }
}
