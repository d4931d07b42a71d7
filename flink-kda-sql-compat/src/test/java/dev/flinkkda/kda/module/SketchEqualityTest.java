package dev.flinkkda.kda.module;

import dev.flinkkda.kda.runtime.TranslatedApplications;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One implementation, two entry points, for KDA's two sketch table functions: a KDA application's
 * {@code TOP_K_ITEMS_TUMBLING} and {@code COUNT_DISTINCT_ITEMS_TUMBLING} (the translator, on
 * flink-kda-analytics' operators) and the module's {@code TOP_K_ITEMS} and {@code
 * APPROX_COUNT_DISTINCT} in a {@code TUMBLE} window TVF give the same rows on the same 600 records
 * (seeded, 8 tickers in uneven proportions over six 10-second windows).
 */
class SketchEqualityTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = ModuleSessions.miniCluster();

    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 10, 0);
    private static final int K = 3;

    @Test
    void tableFunctionsAndModuleAggregatesAgree(@TempDir Path dir) throws Exception {
        Random random = new Random(20261206L);
        List<Object[]> records = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            // squares of a uniform draw: A most frequent, H least
            String ticker =
                    String.valueOf((char) ('A' + (int) (8 * Math.pow(random.nextDouble(), 2))));
            LocalDateTime ts = START.plusNanos(i * 100_000_000L);
            records.add(new Object[] {ticker, 1.0, ts});
            csv.append(ts.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")))
                    .append(',')
                    .append(ticker)
                    .append('\n');
        }

        List<String> translated = new ArrayList<>();
        for (Row row :
                TranslatedApplications.run(
                        "CREATE OR REPLACE STREAM \"TOP\" (\"TICKER\" VARCHAR(4),"
                                + " \"N\" BIGINT);\n"
                                + "CREATE OR REPLACE PUMP \"P1\" AS INSERT INTO \"TOP\"\n"
                                + "  SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(\n"
                                + "    CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"),"
                                + " 'TICKER', "
                                + K
                                + ", 10));",
                        "TICKER VARCHAR(4), PRICE DOUBLE",
                        records,
                        "TOP",
                        List.of())) {
            translated.add(row.getField(2) + " " + row.getField(0) + "=" + row.getField(1));
        }
        List<String> translatedCounts = new ArrayList<>();
        for (Row row :
                TranslatedApplications.run(
                        "CREATE OR REPLACE STREAM \"COUNTS\" (distinct_count BIGINT);\n"
                                + "CREATE OR REPLACE PUMP \"P2\" AS INSERT INTO \"COUNTS\"\n"
                                + "  SELECT STREAM NUMBER_OF_DISTINCT_ITEMS FROM"
                                + " TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(\n"
                                + "    CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\"),"
                                + " 'TICKER', 10));",
                        "TICKER VARCHAR(4), PRICE DOUBLE",
                        records,
                        "COUNTS",
                        List.of())) {
            translatedCounts.add(row.getField(1) + " " + row.getField(0));
        }

        Path file = Files.writeString(dir.resolve("trades.csv"), csv);
        TableEnvironment tables = ModuleSessions.withKdaModule();
        tables.executeSql(
                "CREATE TEMPORARY TABLE trades (ts TIMESTAMP(3), ticker STRING, WATERMARK FOR ts"
                        + " AS ts) WITH ('connector' = 'filesystem', 'path' = '"
                        + file
                        + "', 'format' = 'csv')");
        String windows =
                "FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                        + " GROUP BY window_start, window_end";
        List<String> module = new ArrayList<>();
        for (Row row :
                ModuleSessions.rows(
                        tables,
                        "SELECT w.window_end, t.ITEM, t.ITEM_COUNT FROM (SELECT window_end,"
                                + " TOP_K_ITEMS(ticker, "
                                + K
                                + ") AS top "
                                + windows
                                + ") AS w CROSS JOIN UNNEST(w.top) AS t (ITEM, ITEM_COUNT)")) {
            module.add(row.getField(0) + " " + row.getField(1) + "=" + row.getField(2));
        }
        List<String> moduleCounts = new ArrayList<>();
        for (Row row :
                ModuleSessions.rows(
                        tables, "SELECT window_end, APPROX_COUNT_DISTINCT(ticker) " + windows)) {
            moduleCounts.add(row.getField(0) + " " + row.getField(1));
        }

        assertThat(translated).hasSize(6 * K);
        assertThat(module).containsExactlyElementsOf(translated);
        assertThat(translatedCounts).hasSize(6);
        assertThat(moduleCounts).containsExactlyElementsOf(translatedCounts);
    }
}
