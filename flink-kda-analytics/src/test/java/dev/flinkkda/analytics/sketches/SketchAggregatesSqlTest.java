package dev.flinkkda.analytics.sketches;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code APPROX_COUNT_DISTINCT} and {@code TOP_K_ITEMS} in Flink SQL window TVF aggregations,
 * registered with {@code createTemporarySystemFunction}. The table {@code trades} (event time
 * {@code ts}, watermark {@code ts}; seconds after midnight, 2024-01-01):
 *
 * <pre>
 *  ts  ticker  n        ts  ticker  n        ts  ticker  n
 *   1  A       1        11  B       5        25  NULL    7
 *   2  B       2        12  B       5
 *   3  A       1        13  C       6
 *   4  C       3        14  C       6
 *   5  A       1        15  E       5
 *   6  B       2
 *   7  NULL    NULL
 *   8  D       2
 * </pre>
 *
 * Worked by hand: in [0 s, 10 s) the tickers A, B, C, D (4 distinct; A 3×, B 2×, C and D once: the
 * top 3 are A, B and C, which precedes D), n is 1 three times, 2 three times, 3 once; in [10 s, 20
 * s) B, C, E (B and C twice, E once); in [20 s, 30 s) only a NULL ticker (0 distinct, no top
 * items).
 */
class SketchAggregatesSqlTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final LocalDateTime MIDNIGHT = LocalDateTime.of(2024, 1, 1, 0, 0);

    private static final String AGGREGATES =
            "SELECT window_start, window_end, APPROX_COUNT_DISTINCT(ticker),"
                    + " TOP_K_ITEMS(ticker, 3) FROM TABLE(%s) GROUP BY window_start, window_end";

    /** Tumbling windows of 10 s, with one-phase and with two-phase (local/global) aggregation. */
    @ParameterizedTest(name = "two-phase: {0}")
    @ValueSource(booleans = {false, true})
    void tumblingWindows(boolean twoPhase) {
        assertThat(
                        rows(
                                twoPhase,
                                AGGREGATES,
                                "TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND)"))
                .containsExactly(
                        "0-10: 4 [A=3, B=2, C=1]", "10-20: 3 [B=2, C=2, E=1]", "20-30: 0 []");
    }

    /**
     * Hopping windows of 20 s every 10 s: each window merges two 10 s slices (the same slice goes
     * into two windows, so merge must leave it as it is). [0 s, 20 s) has A 3×, B 4×, C 3×, D and E
     * once: 5 distinct, the top 3 are B, then A and C tied.
     */
    @ParameterizedTest(name = "two-phase: {0}")
    @ValueSource(booleans = {false, true})
    void hoppingWindows(boolean twoPhase) {
        assertThat(
                        rows(
                                twoPhase,
                                AGGREGATES,
                                "HOP(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND,"
                                        + " INTERVAL '20' SECOND)"))
                .containsExactly(
                        "-10-10: 4 [A=3, B=2, C=1]",
                        "0-20: 5 [B=4, A=3, C=3]",
                        "10-30: 3 [B=2, C=2, E=1]",
                        "20-40: 0 []");
    }

    /** Cumulating windows (steps of 10 s up to 20 s) merge slices too. */
    @Test
    void cumulatingWindows() {
        assertThat(
                        rows(
                                false,
                                AGGREGATES,
                                "CUMULATE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND,"
                                        + " INTERVAL '20' SECOND)"))
                .containsExactlyInAnyOrder(
                        "0-10: 4 [A=3, B=2, C=1]",
                        "0-20: 5 [B=4, A=3, C=3]",
                        "20-30: 0 []",
                        "20-40: 0 []");
    }

    /**
     * The distinct count of other types (INT, DOUBLE, DECIMAL, TIMESTAMP, DATE, an interval) and
     * the top items of an INT (its text): in [0 s, 10 s) n is 1, 2, 1, 3, 1, 2, NULL, 2.
     */
    @Test
    void otherItemTypes() {
        List<String> rows =
                rows(
                        false,
                        "SELECT window_start, window_end, APPROX_COUNT_DISTINCT(n),"
                                + " APPROX_COUNT_DISTINCT(CAST(n AS DOUBLE)) +"
                                + " 10 * APPROX_COUNT_DISTINCT(CAST(n AS DECIMAL(5, 2))) +"
                                + " 100 * APPROX_COUNT_DISTINCT(ts) +"
                                + " 1000 * APPROX_COUNT_DISTINCT(CAST(ts AS DATE)) +"
                                + " 10000 * APPROX_COUNT_DISTINCT(INTERVAL '1' SECOND * n),"
                                + " TOP_K_ITEMS(n, 2) FROM TABLE(%s)"
                                + " GROUP BY window_start, window_end",
                        "TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND)");
        // [0, 10): n 3 distinct, 7 distinct timestamps with a ticker plus ts 7 (n NULL) = 8, 1 date
        assertThat(rows)
                .containsExactly(
                        "0-10: 3 31833 [1=3, 2=3]",
                        "10-20: 2 21522 [5=3, 6=2]",
                        "20-30: 1 11111 [7=1]");
    }

    /**
     * Every predefined scalar type, in batch mode: three values of which two are equal (NULL is not
     * counted), so the count is 2. The planner has an {@code APPROX_COUNT_DISTINCT} of its own
     * (Calcite's, batch only), which refuses BOOLEAN and intervals: these runs also show that the
     * registered function is the one called.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "TRUE, FALSE, TRUE",
                "CAST(1 AS TINYINT), CAST(2 AS TINYINT), CAST(1 AS TINYINT)",
                "CAST(1 AS SMALLINT), CAST(2 AS SMALLINT), CAST(1 AS SMALLINT)",
                "1, 2, 1",
                "CAST(1 AS BIGINT), CAST(2 AS BIGINT), CAST(1 AS BIGINT)",
                "CAST(1.5 AS FLOAT), CAST(2.5 AS FLOAT), CAST(1.5 AS FLOAT)",
                "1.5E0, 2.5E0, 1.5E0",
                "1.50, 2.25, 1.50",
                "CAST('ab' AS CHAR(3)), CAST('ac' AS CHAR(3)), CAST('ab' AS CHAR(3))",
                "'x', CAST(NULL AS STRING), 'y', 'x'",
                "X'01', X'02', X'01'",
                "DATE '2024-01-01', DATE '2024-01-02', DATE '2024-01-01'",
                "TIME '10:00:00', TIME '10:00:01', TIME '10:00:00'",
                "TIMESTAMP '2024-01-01 10:00:00.001', TIMESTAMP '2024-01-01 10:00:00.002',"
                        + " TIMESTAMP '2024-01-01 10:00:00.001'",
                "TO_TIMESTAMP_LTZ(1000, 3), TO_TIMESTAMP_LTZ(2000, 3), TO_TIMESTAMP_LTZ(1000, 3)",
                "INTERVAL '1' MONTH, INTERVAL '2' MONTH, INTERVAL '1' MONTH",
                "INTERVAL '1' SECOND, INTERVAL '2' SECOND, INTERVAL '1' SECOND"
            })
    void everyScalarType(String values) {
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        batch.createTemporarySystemFunction(
                ApproxCountDistinctFunction.NAME, ApproxCountDistinctFunction.create());
        String rows = "(" + String.join("), (", values.split(", (?![^(]*\\))")) + ")";
        List<Row> result =
                CollectionUtil.iteratorToList(
                        batch.executeSql(
                                        "SELECT APPROX_COUNT_DISTINCT(x) FROM (VALUES "
                                                + rows
                                                + ") AS t(x)")
                                .collect());
        assertThat(result).containsExactly(Row.of(2L));
    }

    /** KDA's one row per item: UNNEST of the array; an element's fields by name. */
    @Test
    void unnestGivesOneRowPerItem() {
        List<String> rows =
                rows(
                        false,
                        "SELECT window_start, window_end, t.ITEM, t.ITEM_COUNT, w.top3[1].ITEM"
                                + " FROM (SELECT window_start, window_end, TOP_K_ITEMS(ticker, 3)"
                                + " AS top3 FROM TABLE(%s) GROUP BY window_start, window_end) AS w"
                                + " CROSS JOIN UNNEST(w.top3) AS t(ITEM, ITEM_COUNT)",
                        "TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '10' SECOND)");
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "0-10: A 3 A",
                        "0-10: B 2 A",
                        "0-10: C 1 A",
                        "10-20: B 2 B",
                        "10-20: C 2 B",
                        "10-20: E 1 B");
    }

    /**
     * A group whose rows can be retracted needs {@code retract}, which a sketch cannot offer; an
     * insert-only input grouped without a window needs none.
     */
    @Test
    void retractionIsNotSupported() {
        StreamTableEnvironment tEnv = environment(false);
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "SELECT APPROX_COUNT_DISTINCT(c) FROM (SELECT ticker,"
                                                + " COUNT(*) AS c FROM trades GROUP BY ticker)"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("retract");
        List<Row> changes =
                CollectionUtil.iteratorToList(
                        tEnv.executeSql(
                                        "SELECT APPROX_COUNT_DISTINCT(ticker) FROM trades WHERE ts <"
                                                + " TIMESTAMP '2024-01-01 00:00:03'")
                                .collect());
        assertThat(changes.get(changes.size() - 1).getField(0)).isEqualTo(2L); // A, B
    }

    @Test
    void badK() {
        for (String k :
                new String[] {"0", "-1", "100001", "NULL", "CAST(NULL AS INT)", "n", "2.5"}) {
            assertThatThrownBy(() -> plan("SELECT TOP_K_ITEMS(ticker, " + k + ") FROM trades"))
                    .as("k = %s", k)
                    .isInstanceOf(ValidationException.class)
                    .hasStackTraceContaining(
                            "TOP_K_ITEMS: argument 2 (k) must be an integer constant");
        }
    }

    /** The message names the function as it was called (the module's KDA_ alias, say). */
    @Test
    void messagesUseTheNameCalled() {
        StreamTableEnvironment tEnv = environment(false);
        tEnv.createTemporarySystemFunction("KDA_TOP_K_ITEMS", TopKItemsFunction.create());
        assertThatThrownBy(() -> tEnv.sqlQuery("SELECT KDA_TOP_K_ITEMS(ticker, 0) FROM trades"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "KDA_TOP_K_ITEMS: argument 2 (k) must be an integer constant between 1 and"
                                + " 100000; it is 0");
    }

    @Test
    void badItems() {
        assertThatThrownBy(() -> plan("SELECT TOP_K_ITEMS(CAST(n AS DOUBLE), 3) FROM trades"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "TOP_K_ITEMS: argument 1 (the item) must be a character string or an integer, not DOUBLE");
        assertThatThrownBy(() -> plan("SELECT APPROX_COUNT_DISTINCT(ARRAY[n]) FROM trades"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining(
                        "APPROX_COUNT_DISTINCT: argument 1 (the item) must be a scalar");
    }

    private static StreamTableEnvironment environment(boolean twoPhase) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        if (twoPhase) {
            tEnv.getConfig().set("table.optimizer.agg-phase-strategy", "TWO_PHASE");
        }
        tEnv.createTemporarySystemFunction(
                ApproxCountDistinctFunction.NAME, ApproxCountDistinctFunction.create());
        tEnv.createTemporarySystemFunction(TopKItemsFunction.NAME, TopKItemsFunction.create());
        tEnv.executeSql(
                "CREATE TEMPORARY TABLE trades (ts TIMESTAMP(3), ticker VARCHAR(4), n INT,"
                        + " WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = '"
                        + tradesFile()
                        + "', 'format' = 'csv', 'csv.null-literal' = '')");
        return tEnv;
    }

    @TempDir static Path directory;

    /**
     * The table's rows as a CSV file (an empty field is NULL), read in order by one reader: a table
     * of a DataStream, with its rows spread over watermark assigners, had rows come after their
     * windows fired in a CI run on 2 cores.
     */
    private static String tradesFile() {
        Path file = directory.resolve("trades.csv");
        if (!Files.exists(file)) {
            String rows =
                    String.join(
                            "\n",
                            row(1, "A", 1),
                            row(2, "B", 2),
                            row(3, "A", 1),
                            row(4, "C", 3),
                            row(5, "A", 1),
                            row(6, "B", 2),
                            row(7, null, null),
                            row(8, "D", 2),
                            row(11, "B", 5),
                            row(12, "B", 5),
                            row(13, "C", 6),
                            row(14, "C", 6),
                            row(15, "E", 5),
                            row(25, null, 7));
            try {
                Files.writeString(file, rows + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file.toString();
    }

    private static String row(int second, String ticker, Integer n) {
        return MIDNIGHT.plusSeconds(second)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                + ","
                + (ticker == null ? "" : ticker)
                + ","
                + (n == null ? "" : n);
    }

    private static void plan(String sql) {
        environment(false).sqlQuery(sql).explain();
    }

    /** "start-end: values… [item=count, …]", start and end in seconds after midnight. */
    private static List<String> rows(boolean twoPhase, String query, String window) {
        List<Row> rows =
                CollectionUtil.iteratorToList(
                        environment(twoPhase).executeSql(String.format(query, window)).collect());
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            StringBuilder s =
                    new StringBuilder()
                            .append(seconds(r.getField(0)))
                            .append('-')
                            .append(seconds(r.getField(1)))
                            .append(':');
            for (int i = 2; i < r.getArity(); i++) {
                Object value = r.getField(i);
                s.append(' ')
                        .append(
                                value instanceof Row[]
                                        ? top((Row[]) value)
                                        : String.valueOf(value));
            }
            out.add(s.toString());
        }
        out.sort((a, b) -> Long.compare(start(a), start(b)));
        return out;
    }

    private static String top(Row[] rows) {
        List<String> items = new ArrayList<>();
        for (Row r : rows) {
            items.add(r.getField("ITEM") + "=" + r.getField("ITEM_COUNT"));
        }
        return items.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    private static long seconds(Object time) {
        return java.time.Duration.between(MIDNIGHT, (LocalDateTime) time).getSeconds();
    }

    private static long start(String row) {
        return Long.parseLong(row.substring(0, row.indexOf('-', 1)));
    }
}
