package dev.flinkkda.kda.runtime;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static dev.flinkkda.kda.runtime.TranslatedApplications.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA's windowed stream-to-stream joins, translated as Flink interval joins, on a MiniCluster. The
 * data set is the SQL Reference's (JOIN clause, "Examples of Stream-to-Stream Joins"): orders and
 * shipments arrive on one input and two pumps split them into {@code ORDERS_STREAM} and {@code
 * SHIPMENTS_STREAM}. The reference's Examples 1 and 3 put the window on the orders, written first;
 * here the shipments come first and the orders carry the window, which is the same pairing of rows:
 * a shipment joins the orders of the minute before it, and the result's ROWTIME is the shipment's
 * (the later of the two, as the reference says).
 */
class StreamJoinMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String INPUT = "KIND VARCHAR(8), ORDERID INTEGER";

    private static final String STREAMS =
            "CREATE OR REPLACE STREAM \"ORDERS_STREAM\" (\"orderid\" int);\n"
                    + "CREATE OR REPLACE PUMP \"ORDERS_STREAM_PUMP\" AS INSERT INTO"
                    + " \"ORDERS_STREAM\" SELECT STREAM ORDERID FROM \"SOURCE_SQL_STREAM_001\""
                    + " WHERE KIND = 'order';\n"
                    + "CREATE OR REPLACE STREAM \"SHIPMENTS_STREAM\" (\"orderid\" int);\n"
                    + "CREATE OR REPLACE PUMP \"SHIPMENTS_STREAM_PUMP\" AS INSERT INTO"
                    + " \"SHIPMENTS_STREAM\" SELECT STREAM ORDERID FROM \"SOURCE_SQL_STREAM_001\""
                    + " WHERE KIND = 'shipment';\n";

    /** The reference's rows, in arrival order: order 100 is late. */
    private static List<Object[]> referenceRows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"order", 101, at("10:00:00")});
        rows.add(new Object[] {"shipment", 100, at("10:00:00")});
        rows.add(new Object[] {"order", 102, at("10:00:20")});
        rows.add(new Object[] {"order", 103, at("10:00:30")});
        rows.add(new Object[] {"order", 104, at("10:00:40")});
        rows.add(new Object[] {"shipment", 104, at("10:00:45")});
        rows.add(new Object[] {"order", 100, at("10:00:45")});
        rows.add(new Object[] {"shipment", 105, at("10:00:50")});
        return rows;
    }

    /** The reference's rows, then the window's edges, worked out by hand. */
    private static List<Object[]> rowsWithEdges() {
        List<Object[]> rows = referenceRows();
        // exactly one minute before the shipment: inside (the window includes its start)
        rows.add(new Object[] {"order", 106, at("10:01:00")});
        // one millisecond more than a minute before the shipment: outside
        rows.add(new Object[] {"order", 107, at("10:01:00")});
        rows.add(new Object[] {"shipment", 106, at("10:02:00")});
        rows.add(new Object[] {"shipment", 107, at("2018-08-01T10:02:00.001")});
        // equal ROWTIMEs, the order first: the shipment sees it in its window
        rows.add(new Object[] {"order", 108, at("10:02:30")});
        rows.add(new Object[] {"shipment", 108, at("10:02:30")});
        // equal ROWTIMEs, the shipment first: Flink joins by ROWTIME, not by arrival
        rows.add(new Object[] {"shipment", 109, at("10:02:40")});
        rows.add(new Object[] {"order", 109, at("10:02:40")});
        // an order after its shipment: never in the shipment's (preceding) window
        rows.add(new Object[] {"shipment", 110, at("10:03:00")});
        rows.add(new Object[] {"order", 110, at("10:03:01")});
        // two orders in the window: two rows
        rows.add(new Object[] {"order", 111, at("10:03:10")});
        rows.add(new Object[] {"order", 111, at("10:03:20")});
        rows.add(new Object[] {"shipment", 111, at("10:03:30")});
        return rows;
    }

    private static String output(String columns) {
        return "CREATE OR REPLACE STREAM \"OUTPUT_STREAM\" (" + columns + ");\n";
    }

    /**
     * Reference Example 1, the window on the orders: shipment 104 finds order 104 in the minute
     * before it; order 100 arrives after its shipment and 105 has no order, so neither joins.
     */
    @Test
    void innerJoinGivesTheReferenceRow() throws Exception {
        String app =
                STREAMS
                        + output(
                                "\"resultrowtime\" timestamp, \"orderid\" int,"
                                        + " \"shipmenttime\" timestamp, \"ordertime\" timestamp")
                        + "CREATE OR REPLACE PUMP \"OUTPUT_STREAM_PUMP\" AS INSERT INTO"
                        + " \"OUTPUT_STREAM\" SELECT STREAM ROWTIME as \"resultrowtime\","
                        + " s.\"orderid\", s.rowtime as \"shipmenttime\", o.ROWTIME as"
                        + " \"ordertime\" FROM SHIPMENTS_STREAM AS s JOIN ORDERS_STREAM OVER"
                        + " (RANGE INTERVAL '1' MINUTE PRECEDING) AS o ON o.\"orderid\" ="
                        + " s.\"orderid\";";
        assertThat(TranslatedApplications.run(app, INPUT, referenceRows(), "OUTPUT_STREAM"))
                .containsExactly(
                        Row.of(
                                at("10:00:45"),
                                104,
                                at("10:00:45"),
                                at("10:00:40"),
                                at("10:00:45")));
    }

    /**
     * Reference Example 3 (a RIGHT JOIN with the window on the orders) as the LEFT JOIN it mirrors:
     * every shipment comes out, unmatched ones with NULL order time and their own ROWTIME.
     */
    @Test
    void leftOuterJoinKeepsUnmatchedShipmentsAsTheReferenceShows() throws Exception {
        String app =
                STREAMS
                        + output(
                                "\"resultrowtime\" timestamp, \"orderid\" int, \"ordertime\""
                                        + " timestamp")
                        + "CREATE OR REPLACE PUMP \"OUTPUT_STREAM_PUMP\" AS INSERT INTO"
                        + " \"OUTPUT_STREAM\" SELECT STREAM ROWTIME as \"resultrowtime\","
                        + " s.\"orderid\", o.ROWTIME as \"ordertime\" FROM SHIPMENTS_STREAM AS s"
                        + " LEFT OUTER JOIN ORDERS_STREAM OVER o_window AS o ON o.\"orderid\" ="
                        + " s.\"orderid\" WINDOW o_window AS (RANGE INTERVAL '1' MINUTE"
                        + " PRECEDING);";
        assertThat(TranslatedApplications.run(app, INPUT, referenceRows(), "OUTPUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of(at("10:00:00"), 100, null, at("10:00:00")),
                        Row.of(at("10:00:45"), 104, at("10:00:40"), at("10:00:45")),
                        Row.of(at("10:00:50"), 105, null, at("10:00:50")));
    }

    private static final String EDGE_JOIN =
            "SELECT STREAM s.\"orderid\", o.ROWTIME FROM SHIPMENTS_STREAM AS s %s ORDERS_STREAM"
                    + " OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o ON o.\"orderid\" ="
                    + " s.\"orderid\";";

    /** The window's bounds: both ends included, nothing after the shipment. */
    @Test
    void innerJoinAtTheEdgesOfTheWindow() throws Exception {
        String app =
                STREAMS
                        + output("\"orderid\" int, \"ordertime\" timestamp")
                        + "CREATE OR REPLACE PUMP \"OUTPUT_STREAM_PUMP\" AS INSERT INTO"
                        + " \"OUTPUT_STREAM\" "
                        + String.format(EDGE_JOIN, "JOIN");
        assertThat(TranslatedApplications.run(app, INPUT, rowsWithEdges(), "OUTPUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of(104, at("10:00:40"), at("10:00:45")),
                        Row.of(106, at("10:01:00"), at("10:02:00")),
                        Row.of(108, at("10:02:30"), at("10:02:30")),
                        Row.of(109, at("10:02:40"), at("10:02:40")),
                        Row.of(111, at("10:03:10"), at("10:03:30")),
                        Row.of(111, at("10:03:20"), at("10:03:30")));
    }

    @Test
    void leftOuterJoinAtTheEdgesOfTheWindow() throws Exception {
        String app =
                STREAMS
                        + output("\"orderid\" int, \"ordertime\" timestamp")
                        + "CREATE OR REPLACE PUMP \"OUTPUT_STREAM_PUMP\" AS INSERT INTO"
                        + " \"OUTPUT_STREAM\" "
                        + String.format(EDGE_JOIN, "LEFT OUTER JOIN");
        assertThat(TranslatedApplications.run(app, INPUT, rowsWithEdges(), "OUTPUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of(100, null, at("10:00:00")),
                        Row.of(104, at("10:00:40"), at("10:00:45")),
                        Row.of(105, null, at("10:00:50")),
                        Row.of(106, at("10:01:00"), at("10:02:00")),
                        Row.of(107, null, at("2018-08-01T10:02:00.001")),
                        Row.of(108, at("10:02:30"), at("10:02:30")),
                        Row.of(109, at("10:02:40"), at("10:02:40")),
                        Row.of(110, null, at("10:03:00")),
                        Row.of(111, at("10:03:10"), at("10:03:30")),
                        Row.of(111, at("10:03:20"), at("10:03:30")));
    }

    /**
     * The joined rows keep ROWTIME as an event-time attribute: a tumbling window over the join's
     * stream counts them per minute of the shipments' ROWTIME.
     */
    @Test
    void joinedRowsFeedATumblingWindow() throws Exception {
        String app =
                STREAMS
                        + "CREATE OR REPLACE STREAM \"JOINED\" (\"orderid\" int);\n"
                        + "CREATE OR REPLACE PUMP \"JOIN_PUMP\" AS INSERT INTO \"JOINED\""
                        + " SELECT STREAM s.\"orderid\" FROM SHIPMENTS_STREAM AS s JOIN"
                        + " ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o ON"
                        + " o.\"orderid\" = s.\"orderid\";\n"
                        + output("\"joined\" BIGINT")
                        + "CREATE OR REPLACE PUMP \"COUNT_PUMP\" AS INSERT INTO \"OUTPUT_STREAM\""
                        + " SELECT STREAM COUNT(*) FROM \"JOINED\""
                        + " GROUP BY STEP(\"JOINED\".ROWTIME BY INTERVAL '1' MINUTE);";
        assertThat(TranslatedApplications.run(app, INPUT, rowsWithEdges(), "OUTPUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of(1L, at("10:01:00")), // 104
                        Row.of(3L, at("10:03:00")), // 106, 108, 109
                        Row.of(2L, at("10:04:00"))); // 111 twice
    }
}
