package dev.flinkkda.kda.runtime;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static dev.flinkkda.kda.runtime.TranslatedApplications.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * KDA's {@code RANGE INTERVAL … PRECEDING} windows, translated to flink-kda's per-event sliding
 * operator (later peers excluded), and the analytic functions, on a MiniCluster; every expected row
 * is the AWS SQL reference's published output or worked out by hand in the test.
 */
class RangeWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static LocalDateTime day(String time) {
        return LocalDateTime.parse(time.replace(' ', 'T'));
    }

    /**
     * The SQL reference's "Windowed Aggregation on Streams": MIN and MAX of TEMP over {@code RANGE
     * INTERVAL '1' DAY PRECEDING}, no PARTITION BY, row for row as published. The first row at
     * 11-01 01:00 (Denver, 29) gives 29/29: Anchorage's 2 at the same ROWTIME arrived after it.
     */
    @Test
    void windowedAggregationOnStreamsAsPublished() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (WMIN_TEMP INTEGER,"
                        + " WMAX_TEMP INTEGER);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM MIN(TEMP) OVER W1 AS WMIN_TEMP,"
                        + " MAX(TEMP) OVER W1 AS WMAX_TEMP FROM \"SOURCE_SQL_STREAM_001\""
                        + " WINDOW W1 AS (RANGE INTERVAL '1' DAY PRECEDING);";
        String[][] weather = {
            {"2018-11-01 01:00:00", "Denver", "29"},
            {"2018-11-01 01:00:00", "Anchorage", "2"},
            {"2018-11-01 06:00:00", "Miami", "65"},
            {"2018-11-01 07:00:00", "Denver", "32"},
            {"2018-11-01 09:00:00", "Anchorage", "9"},
            {"2018-11-01 13:00:00", "Denver", "50"},
            {"2018-11-01 17:00:00", "Anchorage", "10"},
            {"2018-11-01 18:00:00", "Miami", "71"},
            {"2018-11-01 19:00:00", "Denver", "43"},
            {"2018-11-02 01:00:00", "Anchorage", "4"},
            {"2018-11-02 01:00:00", "Denver", "39"},
            {"2018-11-02 07:00:00", "Denver", "46"},
            {"2018-11-02 09:00:00", "Anchorage", "3"},
            {"2018-11-02 13:00:00", "Denver", "56"},
            {"2018-11-02 17:00:00", "Anchorage", "2"},
            {"2018-11-02 19:00:00", "Denver", "50"},
            {"2018-11-03 01:00:00", "Denver", "36"},
            {"2018-11-03 01:00:00", "Anchorage", "1"},
        };
        int[][] published = {
            {29, 29}, {2, 29}, {2, 65}, {2, 65}, {2, 65}, {2, 65}, {2, 65}, {2, 71}, {2, 71},
            {2, 71}, {2, 71}, {4, 71}, {3, 71}, {3, 71}, {2, 71}, {2, 56}, {2, 56}, {1, 56}
        };
        List<Object[]> rows = new ArrayList<>();
        List<Row> expected = new ArrayList<>();
        for (int i = 0; i < weather.length; i++) {
            rows.add(
                    new Object[] {
                        weather[i][1], Integer.parseInt(weather[i][2]), day(weather[i][0])
                    });
            expected.add(Row.of(published[i][0], published[i][1], day(weather[i][0])));
        }
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "CITY VARCHAR(16), TEMP INTEGER",
                                rows,
                                "DESTINATION_SQL_STREAM"))
                .containsExactlyElementsOf(expected);
    }

    /**
     * Equal ROWTIMEs within a partition: each row's window holds the rows of its key at the same
     * ROWTIME that arrived before it, not those after (Flink's OVER RANGE would give every A row at
     * 10:00:00 count 3 and sum 7).
     */
    @Test
    void equalRowtimesArrivingLaterAreNotInTheWindow() throws Exception {
        String app =
                "CREATE STREAM out_stream (k VARCHAR(1), x INTEGER, n BIGINT, total INTEGER,"
                        + " first_x INTEGER, last_x INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM k, x, COUNT(*)"
                        + " OVER w, SUM(x) OVER w, FIRST_VALUE(x) OVER w, LAST_VALUE(x) OVER w"
                        + " FROM source_sql_stream_001"
                        + " WINDOW w AS (PARTITION BY k RANGE INTERVAL '1' MINUTE PRECEDING);";
        List<Object[]> rows =
                List.of(
                        new Object[] {"A", 1, at("10:00:00")},
                        new Object[] {"A", 2, at("10:00:00")},
                        new Object[] {"B", 10, at("10:00:00")},
                        new Object[] {"A", 4, at("10:00:00")},
                        new Object[] {"A", 8, at("10:00:30")});
        assertThat(TranslatedApplications.run(app, "K VARCHAR(1), X INTEGER", rows, "OUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 1, 1L, 1, 1, 1, at("10:00:00")),
                        Row.of("A", 2, 2L, 3, 1, 2, at("10:00:00")),
                        Row.of("B", 10, 1L, 10, 10, 10, at("10:00:00")),
                        Row.of("A", 4, 3L, 7, 1, 4, at("10:00:00")),
                        Row.of("A", 8, 4L, 15, 1, 8, at("10:00:30")));
    }

    /** Five trades: A 10, 20 | B 5 | A 30, 40, at the given ROWTIMEs. */
    private static final List<Object[]> TRADES =
            List.of(
                    new Object[] {"A", 10.0, at("10:00:00")},
                    new Object[] {"A", 20.0, at("10:00:30")},
                    new Object[] {"B", 5.0, at("10:00:40")},
                    new Object[] {"A", 30.0, at("10:01:00")},
                    new Object[] {"A", 40.0, at("10:01:31")});

    /**
     * Four windows in one SELECT: two RANGE windows per ticker (two operator steps, in order), a
     * RANGE window over all rows (no PARTITION BY: one partition) and a ROWS window (Flink's OVER).
     */
    @Test
    void severalWindowsInOneQuery() throws Exception {
        String app =
                "CREATE STREAM out_stream (ticker VARCHAR(4), price DOUBLE, sum1m DOUBLE,"
                        + " min40s DOUBLE, avg_all DOUBLE, n2 INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM ticker_symbol,"
                        + " price, SUM(price) OVER w1,"
                        + " MIN(price) OVER (PARTITION BY ticker_symbol RANGE INTERVAL '40' SECOND"
                        + " PRECEDING),"
                        + " AVG(price) OVER (RANGE INTERVAL '1' MINUTE PRECEDING),"
                        + " COUNT(*) OVER (ROWS 1 PRECEDING)"
                        + " FROM source_sql_stream_001"
                        + " WINDOW w1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE"
                        + " PRECEDING);";
        assertThat(
                        TranslatedApplications.run(
                                app,
                                "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE",
                                TRADES,
                                "OUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 10.0, 10.0, 10.0, 10.0, 1, at("10:00:00")),
                        // A in the 40 s before 10:00:30: 10 (30 s before), 20
                        Row.of("A", 20.0, 30.0, 10.0, 15.0, 2, at("10:00:30")),
                        // all rows of the last minute: 10, 20, 5
                        Row.of("B", 5.0, 5.0, 5.0, 35.0 / 3, 2, at("10:00:40")),
                        // 10:00:00 is exactly one minute before: in; 40 s: 20, 30
                        Row.of("A", 30.0, 60.0, 20.0, 65.0 / 4, 2, at("10:01:00")),
                        // one minute: A 30, 40 (10:00:30 is 61 s before); all: 5, 30, 40
                        Row.of("A", 40.0, 70.0, 30.0, 25.0, 2, at("10:01:31")));
    }

    /** Key A, ten seconds apart: 1, null, 3, 4, null; windows of 25 s. */
    private static final List<Object[]> WITH_NULLS =
            List.of(
                    new Object[] {"A", 1, at("10:00:00")},
                    new Object[] {"A", null, at("10:00:10")},
                    new Object[] {"A", 3, at("10:00:20")},
                    new Object[] {"A", 4, at("10:00:30")},
                    new Object[] {"A", null, at("10:00:40")});

    private static final String W25 =
            " FROM source_sql_stream_001"
                    + " WINDOW w AS (PARTITION BY k RANGE INTERVAL '25' SECOND PRECEDING);";

    /*
     * The windows (both ends included):
     *   10:00:00  [1]
     *   10:00:10  [1, null]
     *   10:00:20  [1, null, 3]     (10:00:00 is 20 s before)
     *   10:00:30  [null, 3, 4]
     *   10:00:40  [3, 4, null]
     */

    /**
     * FIRST_VALUE, LAST_VALUE and NTH_VALUE, respecting and ignoring nulls, from first and last.
     */
    @Test
    void valuesOfRowsInTheWindow() throws Exception {
        String app =
                "CREATE STREAM out_stream (f INTEGER, fi INTEGER, l INTEGER, li INTEGER,"
                        + " n2 INTEGER, n2i INTEGER, n2l INTEGER, n2li INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " FIRST_VALUE(x) OVER w, FIRST_VALUE(x) IGNORE NULLS OVER w,"
                        + " LAST_VALUE(x) RESPECT NULLS OVER w, LAST_VALUE(x) IGNORE NULLS OVER w,"
                        + " NTH_VALUE(x, 2) OVER w, NTH_VALUE(x, 2) IGNORE NULLS OVER w,"
                        + " NTH_VALUE(x, 2) FROM LAST OVER w,"
                        + " NTH_VALUE(x, 2) FROM LAST IGNORE NULLS OVER w"
                        + W25;
        assertThat(
                        TranslatedApplications.run(
                                app, "K VARCHAR(1), X INTEGER", WITH_NULLS, "OUT_STREAM"))
                .containsExactly(
                        Row.of(1, 1, 1, 1, null, null, null, null, at("10:00:00")),
                        Row.of(1, 1, null, 1, null, null, 1, null, at("10:00:10")),
                        Row.of(1, 1, 3, 3, null, 3, null, 1, at("10:00:20")),
                        Row.of(null, 3, 4, 4, 3, 4, 3, 3, at("10:00:30")),
                        Row.of(3, 3, null, 4, 4, 4, 4, 3, at("10:00:40")));
    }

    /**
     * LAG: the row n before the current one in its window, else the default (evaluated on the
     * current row) or null; IGNORE NULLS counts only rows with a value.
     */
    @Test
    void lag() throws Exception {
        String app =
                "CREATE STREAM out_stream (l1 INTEGER, l2 INTEGER, li INTEGER, l0 INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " LAG(x) OVER w, LAG(x, 2, -1) OVER w, LAG(x) IGNORE NULLS OVER w,"
                        + " LAG(x, 0) OVER w"
                        + W25;
        assertThat(
                        TranslatedApplications.run(
                                app, "K VARCHAR(1), X INTEGER", WITH_NULLS, "OUT_STREAM"))
                .containsExactly(
                        Row.of(null, -1, null, 1, at("10:00:00")),
                        Row.of(1, -1, 1, null, at("10:00:10")),
                        Row.of(null, 1, 1, 3, at("10:00:20")),
                        // the window starts at 10:00:05: 10:00:00 is out
                        Row.of(3, null, 3, 4, at("10:00:30")),
                        Row.of(4, 3, 4, null, at("10:00:40")));
    }

    /** COUNT, SUM, AVG (an integer average of integers), MIN, MAX: nulls skipped. */
    @Test
    void aggregatesSkipNulls() throws Exception {
        String app =
                "CREATE STREAM out_stream (n BIGINT, nx BIGINT, s INTEGER, a INTEGER, lo INTEGER,"
                        + " hi INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " COUNT(*) OVER w, COUNT(x) OVER w, SUM(x) OVER w, AVG(x) OVER w,"
                        + " MIN(x) OVER w, MAX(x) OVER w"
                        + W25;
        assertThat(
                        TranslatedApplications.run(
                                app, "K VARCHAR(1), X INTEGER", WITH_NULLS, "OUT_STREAM"))
                .containsExactly(
                        Row.of(1L, 1L, 1, 1, 1, 1, at("10:00:00")),
                        Row.of(2L, 1L, 1, 1, 1, 1, at("10:00:10")),
                        Row.of(3L, 2L, 4, 2, 1, 3, at("10:00:20")),
                        Row.of(3L, 2L, 7, 3, 3, 4, at("10:00:30")),
                        Row.of(3L, 2L, 7, 3, 3, 4, at("10:00:40")));
    }

    /**
     * Variances ({@code (S2 - S1²/N) / N}, or {@code N - 1}; a sample of one row gives null) and
     * EXP_AVG with a 10 s half-life: a value 10 s older weighs half as much. At 10:00:20: 1 (20 s
     * old, weight 1/4) and 3 (weight 1): (1/4 + 3) / (5/4) = 2.6; at 10:00:30 and 10:00:40: 3 and
     * 4, 10 s apart: (3/2 + 4) / (3/2) = 11/3.
     */
    @Test
    void variancesAndExponentialAverage() throws Exception {
        String app =
                "CREATE STREAM out_stream (vp DOUBLE, vs DOUBLE, sp DOUBLE, ss DOUBLE,"
                        + " e DOUBLE);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " VAR_POP(x) OVER w, VAR_SAMP(x) OVER w, STDDEV_POP(x) OVER w,"
                        + " STDDEV_SAMP(x) OVER w, EXP_AVG(x, INTERVAL '10' SECOND) OVER w"
                        + W25;
        List<Row> rows =
                TranslatedApplications.run(
                        app, "K VARCHAR(1), X INTEGER", WITH_NULLS, "OUT_STREAM");
        Double[][] expected = {
            {0.0, null, 0.0, null, 1.0},
            {0.0, null, 0.0, null, 1.0},
            {1.0, 2.0, 1.0, Math.sqrt(2), 2.6},
            {0.25, 0.5, 0.5, Math.sqrt(0.5), 11.0 / 3},
            {0.25, 0.5, 0.5, Math.sqrt(0.5), 11.0 / 3},
        };
        assertThat(rows).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                Object actual = rows.get(i).getField(c);
                if (expected[i][c] == null) {
                    assertThat(actual).as("row %d column %d", i, c).isNull();
                } else {
                    assertThat((Double) actual)
                            .as("row %d column %d", i, c)
                            .isCloseTo(expected[i][c], within(1e-9));
                }
            }
        }
    }

    /**
     * Over a ROWS window, Flink's OVER: LAG (by arrival within the partition, the window at least
     * as long as the offset: Flink's LAG takes no frame; without a default, as Flink's LAG puts its
     * default in place of a null value) and, in another query, FIRST_VALUE and LAST_VALUE … IGNORE
     * NULLS (Flink's skip nulls).
     */
    @Test
    void analyticFunctionsOverRows() throws Exception {
        String lag =
                "CREATE STREAM out_stream (l1 INTEGER, l2 INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " LAG(x) OVER r, LAG(x, 2) OVER r FROM source_sql_stream_001"
                        + " WINDOW r AS (PARTITION BY k ROWS 2 PRECEDING);";
        assertThat(
                        TranslatedApplications.run(
                                lag, "K VARCHAR(1), X INTEGER", WITH_NULLS, "OUT_STREAM"))
                .containsExactly(
                        Row.of(null, null, at("10:00:00")),
                        Row.of(1, null, at("10:00:10")),
                        Row.of(null, 1, at("10:00:20")),
                        Row.of(3, null, at("10:00:30")),
                        Row.of(4, 3, at("10:00:40")));
        String values =
                "CREATE STREAM out_stream (fi INTEGER, li INTEGER);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM"
                        + " FIRST_VALUE(x) IGNORE NULLS OVER r, LAST_VALUE(x) IGNORE NULLS OVER r"
                        + " FROM source_sql_stream_001"
                        + " WINDOW r AS (PARTITION BY k ROWS 2 PRECEDING);";
        assertThat(
                        TranslatedApplications.run(
                                values, "K VARCHAR(1), X INTEGER", WITH_NULLS, "OUT_STREAM"))
                .containsExactly(
                        Row.of(1, 1, at("10:00:00")),
                        Row.of(1, 1, at("10:00:10")),
                        Row.of(1, 3, at("10:00:20")),
                        Row.of(3, 4, at("10:00:30")),
                        Row.of(3, 4, at("10:00:40")));
    }
}
