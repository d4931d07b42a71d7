package dev.flinkkda.kda.module;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA's {@code COUNT_DISTINCT_ITEMS_TUMBLING} and {@code TOP_K_ITEMS_TUMBLING} as the module's
 * aggregates in a {@code TUMBLE} window TVF, through {@code LOAD MODULE kda} in both module orders:
 * the streaming query plans (Flink's own {@code APPROX_COUNT_DISTINCT} is for batch only) and gives
 * the rows worked by hand.
 *
 * <pre>
 *  second  ticker          window [0 s, 10 s): A 3×, B 2×, C 1× → 3 distinct, top 2 A, B
 *   1 A   2 B   3 A        window [10 s, 20 s): C 2×, D 1×     → 2 distinct, top 2 C, D
 *   4 C   5 A   6 B
 *  11 C  12 D  13 C
 * </pre>
 */
class SketchAggregatesModuleTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = ModuleSessions.miniCluster();

    private static final String TRADES =
            String.join(
                    "\n",
                    "2024-01-01 00:00:01,A",
                    "2024-01-01 00:00:02,B",
                    "2024-01-01 00:00:03,A",
                    "2024-01-01 00:00:04,C",
                    "2024-01-01 00:00:05,A",
                    "2024-01-01 00:00:06,B",
                    "2024-01-01 00:00:11,C",
                    "2024-01-01 00:00:12,D",
                    "2024-01-01 00:00:13,C");

    @Test
    void theSketchesAggregateTumblingWindowsInEitherModuleOrder(@TempDir Path dir)
            throws Exception {
        Path trades = Files.writeString(dir.resolve("trades.csv"), TRADES + "\n");
        for (String[] order : new String[][] {{}, {"kda", "core"}}) {
            TableEnvironment tables = ModuleSessions.withKdaModule(order);
            tables.executeSql(
                    "CREATE TEMPORARY TABLE trades (ts TIMESTAMP(3), ticker STRING,"
                            + " WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem',"
                            + " 'path' = '"
                            + trades
                            + "', 'format' = 'csv')");
            List<String> rows = new ArrayList<>();
            for (String aggregates :
                    List.of(
                            "KDA_APPROX_COUNT_DISTINCT(ticker), KDA_TOP_K_ITEMS(ticker, 2)",
                            "APPROX_COUNT_DISTINCT(ticker), TOP_K_ITEMS(ticker, 2)")) {
                for (Row row :
                        ModuleSessions.rows(
                                tables,
                                "SELECT window_start, "
                                        + aggregates
                                        + " FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts),"
                                        + " INTERVAL '10' SECOND))"
                                        + " GROUP BY window_start, window_end")) {
                    rows.add(
                            row.getField(0) + " " + row.getField(1) + " " + items(row.getField(2)));
                }
            }
            assertThat(rows)
                    .as("modules %s", List.of(order))
                    .containsExactly(
                            "2024-01-01T00:00 3 [A=3, B=2]",
                            "2024-01-01T00:00:10 2 [C=2, D=1]",
                            "2024-01-01T00:00 3 [A=3, B=2]",
                            "2024-01-01T00:00:10 2 [C=2, D=1]");
        }
    }

    private static String items(Object array) {
        List<String> items = new ArrayList<>();
        for (Row item : (Row[]) array) {
            items.add(item.getField(0) + "=" + item.getField(1));
        }
        return items.toString();
    }
}
