package dev.flinkkda.kda.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pump's expression that fails on a row sends the row to {@code error_stream} and the job goes
 * on, as in KDA; an application that guards its expressions itself gets no errors.
 */
class PumpErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "TICKER VARCHAR(4), PRICE DOUBLE, QTY INTEGER";

    /** PRICE, QTY per row: two rows with QTY 0. */
    private static final int[][] ROWS = {{10, 2}, {30, 0}, {12, 3}, {50, 0}, {8, 4}};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /**
     * {@code flink-kda run app} over {@code input} with {@link #SCHEMA}, writing {@code output}
     * and, when not null, {@code error_stream} to {@code errors}.
     */
    private int runApp(Path app, Path input, Path output, Path errors) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                app.toString(),
                                "--input",
                                input.toString(),
                                "--schema",
                                SCHEMA,
                                "--output",
                                output.toString()));
        if (errors != null) {
            args.addAll(List.of("--output", "error_stream=" + errors));
        }
        return run(args.toArray(new String[0]));
    }

    private static Path input(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS.length; i++) {
            lines.add(
                    String.format(
                            "{\"ROWTIME\": \"2024-05-01 10:00:0%d\", \"TICKER\": \"T%d\","
                                    + " \"PRICE\": %d.0, \"QTY\": %d}",
                            i, i, ROWS[i][0], ROWS[i][1]));
        }
        return Files.write(dir.resolve("input.jsonl"), lines);
    }

    /**
     * The ways an application guards a division itself — CASE, AND after the test, COALESCE, NULLIF
     * — raise no error on the rows with QTY 0; the values are those of SQL's rules.
     */
    @Test
    void guardsWrittenInTheApplicationStillGuard(@TempDir Path dir) throws Exception {
        Path app =
                Files.writeString(
                        dir.resolve("app.sql"),
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "TICKER" VARCHAR(4), "BY_CASE" DOUBLE, "BY_NULLIF" DOUBLE,
                            "BY_COALESCE" DOUBLE);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM "TICKER",
                                CASE WHEN "QTY" = 0 THEN -1 ELSE "PRICE" / "QTY" END,
                                "PRICE" / NULLIF("QTY", 0),
                                COALESCE(CAST(NULLIF("QTY", 0) AS DOUBLE), "PRICE" / 1)
                            FROM "SOURCE_SQL_STREAM_001"
                            WHERE "QTY" = 0 OR "PRICE" / "QTY" > 3;
                        """);
        Path output = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.jsonl");
        int exit = runApp(app, input(dir), output, errors);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readAllLines(errors)).isEmpty();
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            JsonNode row = JSON.readTree(line);
            rows.add(
                    row.get("TICKER").asText()
                            + " "
                            + row.get("BY_CASE").asDouble()
                            + " "
                            + row.get("BY_NULLIF")
                            + " "
                            + row.get("BY_COALESCE").asDouble());
        }
        // kept: QTY 0 (T1, T3) and PRICE / QTY > 3 (T0 10/2, T2 12/3); T4 8/4 = 2 is left out
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "T0 5.0 5.0 2.0",
                        "T1 -1.0 null 30.0",
                        "T2 4.0 4.0 3.0",
                        "T3 -1.0 null 50.0");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(", 0 errors");
    }

    /**
     * Without {@code --output error_stream=…} each error is a line on stderr naming the pump; a
     * window's aggregate leaves the failing rows out.
     */
    @Test
    void aWindowLeavesTheFailingRowsOutAndStderrNamesThem(@TempDir Path dir) throws Exception {
        Path app =
                Files.writeString(
                        dir.resolve("app.sql"),
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "UNITS" DOUBLE, "N" BIGINT);
                        CREATE OR REPLACE PUMP "UNIT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM SUM("PRICE" / "QTY"), COUNT(*)
                            FROM "SOURCE_SQL_STREAM_001"
                            GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
                        """);
        Path output = dir.resolve("out.jsonl");
        int exit = runApp(app, input(dir), output, null);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isZero();
        JsonNode window = JSON.readTree(Files.readAllLines(output).get(0));
        // 10/2 + 12/3 + 8/4 over the three rows without error
        assertThat(window.get("UNITS").asDouble()).isEqualTo(11.0);
        assertThat(window.get("N").asLong()).isEqualTo(3);
        assertThat(stderr.lines().filter(l -> l.startsWith("pump \"UNIT_PUMP\": division by zero")))
                .containsExactly(
                        "pump \"UNIT_PUMP\": division by zero, row 2024-05-01 10:00:01"
                                + " {\"TICKER\":\"T1\",\"PRICE\":30.0,\"QTY\":0,"
                                + "\"APPROXIMATE_ARRIVAL_TIME\":\"2024-05-01 10:00:01\"}",
                        "pump \"UNIT_PUMP\": division by zero, row 2024-05-01 10:00:03"
                                + " {\"TICKER\":\"T3\",\"PRICE\":50.0,\"QTY\":0,"
                                + "\"APPROXIMATE_ARRIVAL_TIME\":\"2024-05-01 10:00:03\"}");
        assertThat(stderr).contains("2 errors (DIVISION_BY_ZERO 2)");
    }

    /** An error's DATA_ROW is the pump's input row as JSON, hex-encoded as KDA encodes it. */
    @Test
    void anErrorCarriesTheRowAndItsRowtime(@TempDir Path dir) throws Exception {
        Path app =
                Files.writeString(
                        dir.resolve("app.sql"),
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("Q" INTEGER);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM MOD(7, "QTY") FROM "SOURCE_SQL_STREAM_001";
                        """);
        Path errors = dir.resolve("errors.jsonl");
        int exit = runApp(app, input(dir), dir.resolve("out.jsonl"), errors);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(errors);
        assertThat(lines).hasSize(2);
        JsonNode error = JSON.readTree(lines.get(0));
        assertThat(error.get("ERROR_NAME").asText()).isEqualTo("DIVISION_BY_ZERO");
        assertThat(error.get("MESSAGE").asText()).isEqualTo("MOD by zero");
        assertThat(error.get("PUMP_NAME").asText()).isEqualTo("P");
        assertThat(error.get("DATA_ROWTIME").asText()).startsWith("2024-05-01 10:00:01");
        JsonNode row =
                JSON.readTree(
                        new String(
                                HexFormat.of().parseHex(error.get("DATA_ROW").asText()),
                                StandardCharsets.UTF_8));
        assertThat(row.get("TICKER").asText()).isEqualTo("T1");
        assertThat(row.get("PRICE").asDouble()).isEqualTo(30.0);
        assertThat(row.get("QTY").asInt()).isZero();
    }

    /**
     * A real into an INTEGER rounds half away from zero (KDA's CAST); the values that round beyond
     * the type are NUMERIC_OVERFLOW errors, not wrapped round.
     */
    @Test
    void aRealThatRoundsBeyondAnIntegerIsAnOverflow(@TempDir Path dir) throws Exception {
        Path app =
                Files.writeString(
                        dir.resolve("app.sql"),
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("N" INTEGER);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM CAST("PRICE" AS INTEGER) FROM "SOURCE_SQL_STREAM_001";
                        """);
        List<String> lines = new ArrayList<>();
        String[] prices = {
            "2147483647.4", "2147483647.5", "-2147483648.4", "-2147483648.5", "1e300"
        };
        for (int i = 0; i < prices.length; i++) {
            lines.add(
                    "{\"ROWTIME\": \"2024-05-01 10:00:0"
                            + i
                            + "\", \"TICKER\": \"T\", \"PRICE\": "
                            + prices[i]
                            + ", \"QTY\": 1}");
        }
        Path input = Files.write(dir.resolve("input.jsonl"), lines);
        Path output = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.jsonl");
        int exit = runApp(app, input, output, errors);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<Long> values = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            values.add(JSON.readTree(line).get("N").asLong());
        }
        assertThat(values).containsExactly(2147483647L, -2147483648L);
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(errors)) {
            names.add(JSON.readTree(line).get("ERROR_NAME").asText());
        }
        assertThat(names)
                .containsExactly("NUMERIC_OVERFLOW", "NUMERIC_OVERFLOW", "NUMERIC_OVERFLOW");
    }

    /** {@code flink-kda run} of {@code sql} over {@link #ROWS}; the output and error_stream. */
    private Outcome runSql(Path dir, String sql, String... extra) throws Exception {
        Path app = Files.writeString(dir.resolve("app.sql"), sql);
        Path output = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.jsonl");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                app.toString(),
                                "--input",
                                input(dir).toString(),
                                "--schema",
                                SCHEMA,
                                "--output",
                                output.toString(),
                                "--output",
                                "error_stream=" + errors));
        args.addAll(List.of(extra));
        int exit = run(args.toArray(new String[0]));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            rows.add(JSON.readTree(line));
        }
        List<JsonNode> errorRows = new ArrayList<>();
        for (String line : Files.readAllLines(errors)) {
            errorRows.add(JSON.readTree(line));
        }
        return new Outcome(rows, errorRows);
    }

    private record Outcome(List<JsonNode> rows, List<JsonNode> errors) {
        /** {@code column=value} of each output row, e.g. {@code T0=5.0}. */
        List<String> values(String key, String value) {
            return rows.stream()
                    .map(r -> r.get(key).asText() + "=" + r.get(value).asText())
                    .toList();
        }

        /** {@code ERROR_NAME column=value} of each error's DATA_ROW. */
        List<String> errorValues(String key) {
            List<String> described = new ArrayList<>();
            for (JsonNode error : errors) {
                assertThat(error.get("PUMP_NAME").asText()).isEqualTo("P");
                try {
                    JsonNode row =
                            JSON.readTree(
                                    new String(
                                            HexFormat.of().parseHex(error.get("DATA_ROW").asText()),
                                            StandardCharsets.UTF_8));
                    described.add(error.get("ERROR_NAME").asText() + " " + row.get(key).asText());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return described;
        }
    }

    /**
     * What a window computes from its aggregates is checked after it: a group whose quantities sum
     * to 0 goes to error_stream with the window's row, also when the division is in HAVING; the
     * others go on. T0 10/2 = 5, T2 12/3 = 4, T4 8/4 = 2; T1 and T3 have QTY 0.
     */
    @Test
    void whatAWindowComputesFromItsAggregatesIsChecked(@TempDir Path dir) throws Exception {
        Outcome outcome =
                runSql(
                        dir,
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "TICKER" VARCHAR(4), "AVG_PRICE" DOUBLE);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM "TICKER", SUM("PRICE") / SUM("QTY")
                            FROM "SOURCE_SQL_STREAM_001"
                            GROUP BY "TICKER",
                                STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE)
                            HAVING SUM("PRICE") / SUM("QTY") > 3;
                        """);
        assertThat(outcome.values("TICKER", "AVG_PRICE"))
                .containsExactlyInAnyOrder("T0=5.0", "T2=4.0");
        assertThat(outcome.errorValues("TICKER"))
                .containsExactlyInAnyOrder("DIVISION_BY_ZERO T1", "DIVISION_BY_ZERO T3");
        assertThat(outcome.errors().get(0).get("DATA_ROWTIME").asText())
                .startsWith("2024-05-01 10:01:00");
    }

    /** The same for a stagger window: its result row is checked after the operator. */
    @Test
    void whatAStaggerWindowComputesIsChecked(@TempDir Path dir) throws Exception {
        Outcome outcome =
                runSql(
                        dir,
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "TICKER" VARCHAR(4), "AVG_PRICE" DOUBLE, "PER_UNIT" INTEGER);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM "TICKER", SUM("PRICE") / SUM("QTY"),
                                100 / MIN("QTY")
                            FROM "SOURCE_SQL_STREAM_001"
                            WINDOWED BY STAGGER (
                                PARTITION BY "TICKER" RANGE INTERVAL '1' MINUTE);
                        """);
        assertThat(outcome.values("TICKER", "PER_UNIT"))
                .containsExactlyInAnyOrder("T0=50", "T2=33", "T4=25");
        assertThat(outcome.errorValues("TICKER"))
                .containsExactlyInAnyOrder("DIVISION_BY_ZERO T1", "DIVISION_BY_ZERO T3");
    }

    /**
     * An analytic query's own expressions and what it computes from its windows' aggregates are
     * checked: {@code PRICE / QTY} on the row, and a per-ticker ratio of two sums.
     */
    @Test
    void anAnalyticQuerysExpressionsAreChecked(@TempDir Path dir) throws Exception {
        Outcome outcome =
                runSql(
                        dir,
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "TICKER" VARCHAR(4), "UNIT" DOUBLE, "RATIO" DOUBLE);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM "TICKER", "PRICE" / "QTY",
                                SUM("PRICE") OVER W / SUM("QTY") OVER W
                            FROM "SOURCE_SQL_STREAM_001"
                            WINDOW W AS (PARTITION BY "TICKER"
                                RANGE INTERVAL '1' MINUTE PRECEDING);
                        """);
        assertThat(outcome.values("TICKER", "RATIO"))
                .containsExactlyInAnyOrder("T0=5.0", "T2=4.0", "T4=2.0");
        assertThat(outcome.errorValues("TICKER"))
                .containsExactlyInAnyOrder("DIVISION_BY_ZERO T1", "DIVISION_BY_ZERO T3");
    }

    /**
     * The rows of a join are checked after the join: a reference weight of 0 sends the joined row
     * to error_stream. Weights T0 2, T1 0, T2 4, T3 1, T4 0.
     */
    @Test
    void theRowsOfAJoinAreChecked(@TempDir Path dir) throws Exception {
        Path weights =
                Files.writeString(
                        dir.resolve("weights.csv"),
                        "TICKER,WEIGHT\nT0,2\nT1,0\nT2,4\nT3,1\nT4,0\n");
        Outcome outcome =
                runSql(
                        dir,
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "TICKER" VARCHAR(4), "WEIGHTED" DOUBLE);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM s."TICKER", s."PRICE" / w."WEIGHT"
                            FROM "SOURCE_SQL_STREAM_001" AS s
                            JOIN "WEIGHTS" AS w ON s."TICKER" = w."TICKER";
                        """,
                        "--reference",
                        "WEIGHTS=" + weights + "?csv.header=true",
                        "--schema",
                        "WEIGHTS=TICKER VARCHAR(4), WEIGHT INTEGER");
        assertThat(outcome.values("TICKER", "WEIGHTED"))
                .containsExactlyInAnyOrder("T0=5.0", "T2=3.0", "T3=50.0");
        assertThat(outcome.errorValues("TICKER"))
                .containsExactlyInAnyOrder("DIVISION_BY_ZERO T1", "DIVISION_BY_ZERO T4");
    }

    /**
     * flink-kda's functions that fail on a row's values: SUBSTRING with a negative length (QTY - 1
     * on the rows with QTY 0: T1, T3) and CHAR_TO_TIME of a text its format does not match (hours
     * 30 and 40: T2, T4). Only T0 (QTY 2: 'T', 20:00) is written.
     */
    @Test
    void flinkKdaFunctionsThatFailOnARowAreChecked(@TempDir Path dir) throws Exception {
        Outcome outcome =
                runSql(
                        dir,
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            "TICKER" VARCHAR(4), "PREFIX" VARCHAR(4), "AT" TIME);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM "TICKER", SUBSTRING("TICKER", 1, "QTY" - 1),
                                CHAR_TO_TIME('H', CAST("QTY" * 10 AS VARCHAR(8)))
                            FROM "SOURCE_SQL_STREAM_001";
                        """);
        assertThat(outcome.values("PREFIX", "AT")).containsExactly("T=20:00:00");
        assertThat(outcome.errorValues("TICKER"))
                .containsExactlyInAnyOrder(
                        "FUNCTION_ERROR T1",
                        "FUNCTION_ERROR T2",
                        "FUNCTION_ERROR T3",
                        "FUNCTION_ERROR T4");
        assertThat(outcome.errors().stream().map(e -> e.get("MESSAGE").asText()))
                .containsExactlyInAnyOrder(
                        "SUBSTRING with a negative length",
                        "CHAR_TO_TIME: '30' does not match 'H'",
                        "SUBSTRING with a negative length",
                        "CHAR_TO_TIME: '40' does not match 'H'");
    }

    /**
     * The rows of a stream-to-stream join are checked after the join (the stream-join example's
     * orders and trades): ORDERID / (TRADEID - 12) divides by zero on the row of order 1 and trade
     * 12 only; order 1 with trade 11 gives -1, order 4 with trade 14 gives 2, the orders without a
     * trade NULL.
     */
    @Test
    void theRowsOfAStreamJoinAreChecked(@TempDir Path dir) throws Exception {
        Path example = Path.of("..", "examples", "stream-join");
        Path app =
                Files.writeString(
                        dir.resolve("app.sql"),
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                            order_id INTEGER, ratio INTEGER);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                        SELECT STREAM o.orderId, o.orderId / (t.tradeId - 12)
                        FROM OrderStream AS o
                        LEFT OUTER JOIN TradeStream OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
                        ON o.orderId = t.orderId;
                        """);
        Path output = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.jsonl");
        int exit =
                run(
                        "run",
                        app.toString(),
                        "--input",
                        "ORDERSTREAM=" + example.resolve("orders.jsonl"),
                        "--schema",
                        "ORDERSTREAM=@" + example.resolve("orders-schema.txt"),
                        "--input",
                        "TRADESTREAM=" + example.resolve("trades.jsonl"),
                        "--schema",
                        "TRADESTREAM=@" + example.resolve("trades-schema.txt"),
                        "--output",
                        output.toString(),
                        "--output",
                        "error_stream=" + errors);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            JsonNode row = JSON.readTree(line);
            rows.add(row.get("ORDER_ID").asText() + "=" + row.get("RATIO").asText());
        }
        assertThat(rows).containsExactlyInAnyOrder("1=-1", "2=null", "3=null", "4=2");
        List<String> errorLines = Files.readAllLines(errors);
        assertThat(errorLines).hasSize(1);
        JsonNode error = JSON.readTree(errorLines.get(0));
        assertThat(error.get("ERROR_NAME").asText()).isEqualTo("DIVISION_BY_ZERO");
        assertThat(error.get("DATA_ROWTIME").asText()).startsWith("2018-08-01 10:00:30");
        JsonNode row =
                JSON.readTree(
                        new String(
                                HexFormat.of().parseHex(error.get("DATA_ROW").asText()),
                                StandardCharsets.UTF_8));
        assertThat(row.get("ORDER_ID").asInt()).isEqualTo(1);
    }
}
