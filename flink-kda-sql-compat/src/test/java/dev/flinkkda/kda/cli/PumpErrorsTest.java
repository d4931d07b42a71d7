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
}
