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
 * Translated applications reading the input's system column {@code APPROXIMATE_ARRIVAL_TIME}: an
 * ordinary value and grouping key (partial rows), never a window of its own; not in {@code SELECT
 * *}.
 */
class ArrivalTimeMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TRADES = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";

    /**
     * Six trades: ticker, price, ROWTIME, APPROXIMATE_ARRIVAL_TIME (the last without one: it takes
     * the ROWTIME, as a file record without the field does). Records can reach Kinesis in one
     * minute and the application in the next, and arrive out of order (row 3 before row 2).
     */
    private static final List<Object[]> ROWS =
            List.of(
                    new Object[] {"AMZN", 1.0, at("11:00:10"), at("10:59:50")},
                    new Object[] {"AMZN", 2.0, at("11:00:20"), at("11:00:05")},
                    new Object[] {"AMZN", 3.0, at("11:00:40"), at("10:59:58")},
                    new Object[] {"INTC", 4.0, at("11:00:50"), at("11:00:49")},
                    new Object[] {"AMZN", 5.0, at("11:01:10"), at("11:00:59")},
                    new Object[] {"AMZN", 6.0, at("11:01:30")});

    /**
     * DG "partial results": {@code GROUP BY STEP(APPROXIMATE_ARRIVAL_TIME …)} next to {@code
     * STEP(ROWTIME …)}. The window is ROWTIME's: [11:00, 11:01) holds rows 1–4, [11:01, 11:02) rows
     * 5–6; within each, one row per ticker and arrival minute. Arrival minute 11:00 of AMZN thus
     * gives two rows (row 2 in the first window, row 5, a partial result, in the second).
     */
    @Test
    void groupsByAStepOfTheArrivalTimeWithinRowtimeWindows() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4),"
                        + " arrival_minute TIMESTAMP, first_arrival TIMESTAMP, n INTEGER);\n"
                        + "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM s.ticker_symbol,"
                        + " STEP(s.APPROXIMATE_ARRIVAL_TIME BY INTERVAL '1' MINUTE),"
                        + " MIN(s.\"APPROXIMATE_ARRIVAL_TIME\"), COUNT(*)"
                        + " FROM \"SOURCE_SQL_STREAM_001\" AS s"
                        + " GROUP BY s.ticker_symbol,"
                        + " STEP(s.APPROXIMATE_ARRIVAL_TIME BY INTERVAL '1' MINUTE),"
                        + " STEP(s.ROWTIME BY INTERVAL '1' MINUTE);";

        assertThat(
                        TranslatedApplications.run(
                                app, TRADES, ROWS, "DESTINATION_SQL_STREAM", List.of()))
                .containsExactlyInAnyOrder(
                        Row.of("AMZN", at("10:59:00"), at("10:59:50"), 2, at("11:01:00")),
                        Row.of("AMZN", at("11:00:00"), at("11:00:05"), 1, at("11:01:00")),
                        Row.of("INTC", at("11:00:00"), at("11:00:49"), 1, at("11:01:00")),
                        Row.of("AMZN", at("11:00:00"), at("11:00:59"), 1, at("11:02:00")),
                        Row.of("AMZN", at("11:01:00"), at("11:01:30"), 1, at("11:02:00")));
    }

    /**
     * {@code SELECT *} leaves the system column out; named, it is selected, and a pump copies it
     * into an in-application stream only as a declared column, which {@code *} then includes.
     */
    @Test
    void selectStarLeavesItOutAndAPumpCopiesItByName() throws Exception {
        String app =
                "CREATE OR REPLACE STREAM \"ALL_SQL_STREAM\" (ticker VARCHAR(4), price DOUBLE);\n"
                        + "CREATE OR REPLACE STREAM \"ARRIVALS_SQL_STREAM\" (ticker VARCHAR(4),"
                        + " price DOUBLE, APPROXIMATE_ARRIVAL_TIME TIMESTAMP);\n"
                        + "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4),"
                        + " price DOUBLE, arrived TIMESTAMP);\n"
                        + "CREATE OR REPLACE PUMP \"ALL_PUMP\" AS INSERT INTO \"ALL_SQL_STREAM\""
                        + " SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\";\n"
                        + "CREATE OR REPLACE PUMP \"ARRIVALS_PUMP\" AS INSERT INTO"
                        + " \"ARRIVALS_SQL_STREAM\" SELECT STREAM s.*, s.APPROXIMATE_ARRIVAL_TIME"
                        + " FROM \"SOURCE_SQL_STREAM_001\" AS s WHERE price > 2;\n"
                        + "CREATE OR REPLACE PUMP \"OUT_PUMP\" AS INSERT INTO"
                        + " \"DESTINATION_SQL_STREAM\" SELECT STREAM * FROM"
                        + " \"ARRIVALS_SQL_STREAM\" WHERE ticker = 'AMZN';";

        assertThat(TranslatedApplications.run(app, TRADES, ROWS, "ALL_SQL_STREAM", List.of()))
                .hasSize(6)
                .allSatisfy(row -> assertThat(row.getArity()).isEqualTo(3))
                .first()
                .isEqualTo(Row.of("AMZN", 1.0, at("11:00:10")));
        assertThat(
                        TranslatedApplications.run(
                                app, TRADES, ROWS, "DESTINATION_SQL_STREAM", List.of()))
                .containsExactly(
                        Row.of("AMZN", 3.0, at("10:59:58"), at("11:00:40")),
                        Row.of("AMZN", 5.0, at("11:00:59"), at("11:01:10")),
                        Row.of("AMZN", 6.0, at("11:01:30"), at("11:01:30")));
    }
}
