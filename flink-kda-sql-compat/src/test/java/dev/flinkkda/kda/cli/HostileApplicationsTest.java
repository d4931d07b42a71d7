package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.sql.parser.KdaSqlParser;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application files written to break the command: too deep, not UTF-8, literals and names Flink
 * cannot take. Each ends in a message naming {@code file:line:column} (or the byte), never in a
 * stack trace; and what {@code validate} accepts, {@code run} runs.
 */
class HostileApplicationsTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String SCHEMA = "TICKER VARCHAR(4), PRICE DOUBLE";

    private static final String INPUT =
            "{\"ROWTIME\": \"2018-08-01 11:00:20\", \"TICKER\": \"AMZN\", \"PRICE\": 1.5}\n"
                    + "{\"ROWTIME\": \"2018-08-01 11:00:30\", \"TICKER\": \"INTC\", \"PRICE\": 2}\n";

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A pump writing {@code expression AS V} (a DOUBLE) for every input row. */
    private static String pumpSelecting(String expression) {
        return "CREATE STREAM \"DESTINATION_SQL_STREAM\" (V DOUBLE);\n"
                + "CREATE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                + "SELECT STREAM "
                + expression
                + " AS V FROM \"SOURCE_SQL_STREAM_001\";\n";
    }

    private Path write(String sql) throws Exception {
        return Files.writeString(dir.resolve("app.sql"), sql);
    }

    private int validate(Path app) throws Exception {
        return command("validate", app.toString(), "--schema", SCHEMA);
    }

    private int run(Path app) throws Exception {
        Path input = Files.writeString(dir.resolve("input.jsonl"), INPUT);
        Path output = dir.resolve("output.jsonl");
        Files.deleteIfExists(output);
        return command(
                "run",
                app.toString(),
                "--input",
                input.toString(),
                "--schema",
                SCHEMA,
                "--output",
                output.toString());
    }

    private int command(String... args) throws Exception {
        out.reset();
        err.reset();
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** {@code command} on a thread of 512 KB of stack, the smallest JVM default. */
    private static int onSmallStack(java.util.concurrent.Callable<Integer> command)
            throws Exception {
        java.util.concurrent.FutureTask<Integer> task =
                new java.util.concurrent.FutureTask<>(command);
        Thread thread = new Thread(null, task, "small stack", 512 * 1024);
        thread.start();
        return task.get();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sevenHundredFiftyNestedParenthesesAreTooDeepAtTheFirstTooMany() throws Exception {
        Path app = write(pumpSelecting("(".repeat(750) + "PRICE" + ")".repeat(750)));
        assertThat(validate(app)).as(err()).isEqualTo(1);
        // SELECT STREAM starts line 3; the 101st parenthesis is column 15 + 100.
        assertThat(err()).isEqualTo("app.sql:3:115: expression nested deeper than 100\n");
    }

    @Test
    void aTwoThousandTermSumIsTooDeep() throws Exception {
        Path app = write(pumpSelecting("PRICE" + " + PRICE".repeat(1999)));
        assertThat(validate(app)).as(err()).isEqualTo(1);
        assertThat(err()).matches("app\\.sql:3:\\d+: expression nested deeper than 100\n");
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorAtItsByte() throws Exception {
        byte[] latin1 =
                pumpSelecting("'caf\u00e9' || TICKER").getBytes(StandardCharsets.ISO_8859_1);
        Path app = Files.write(dir.resolve("app.sql"), latin1);
        int offset = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('\u00e9');
        assertThat(validate(app)).as(err()).isEqualTo(1);
        assertThat(err())
                .isEqualTo("app.sql: not UTF-8 at byte " + offset + " (line 3, column 19)\n");
        assertThat(run(app)).isEqualTo(1);
        assertThat(err()).startsWith("app.sql: not UTF-8 at byte " + offset);
    }

    @Test
    void aByteOrderMarkIsSkipped() throws Exception {
        Path app = write("\uFEFF" + pumpSelecting("PRICE"));
        assertThat(validate(app)).as(err()).isZero();
    }

    @Test
    void aNumberWithMoreDigitsThanDecimalHoldsIsAnErrorAtValidate() throws Exception {
        String digits = "1".repeat(45);
        Path app = write(pumpSelecting("PRICE + " + digits));
        assertThat(validate(app)).as(err()).isEqualTo(1);
        assertThat(err()).startsWith("app.sql:3:23: ");
    }

    @Test
    void aDoubleThatOverflowsIsAnErrorAtValidate() throws Exception {
        Path app = write(pumpSelecting("PRICE + 1e999"));
        assertThat(validate(app)).as(err()).isEqualTo(1);
        assertThat(err()).startsWith("app.sql:3:23: ");
    }

    /**
     * Flink's validator rejects an exact literal whose digits do not fit a BIGINT, which a DECIMAL
     * of up to 38 digits holds: validate said so without a position, run failed with a trace.
     */
    @Test
    void numbersOfTwentyToThirtyEightDigitsValidateAndRun() throws Exception {
        for (String number :
                List.of("9223372036854775808", "9".repeat(38), "0.12345678901234567890")) {
            Path app = write(pumpSelecting("PRICE + " + number));
            assertThat(validate(app)).as(err()).isZero();
            assertThat(run(app)).as(err()).isZero();
            assertThat(Files.readAllLines(dir.resolve("output.jsonl"))).hasSize(2);
        }
    }

    @Test
    void aNewlineInAQuotedIdentifierIsAnErrorAtValidate() throws Exception {
        Path app =
                write(
                        "CREATE STREAM \"DESTINATION\nSTREAM\" (V DOUBLE);\n"
                                + "CREATE PUMP \"P\" AS INSERT INTO \"DESTINATION\nSTREAM\"\n"
                                + "SELECT STREAM PRICE AS V FROM \"SOURCE_SQL_STREAM_001\";\n");
        assertThat(validate(app)).as(err()).isEqualTo(1);
        assertThat(err()).startsWith("app.sql:1:15: ");
    }

    /**
     * Code as deep as the limit allows, in each of the shapes that cost the most stack, passes
     * every stage on a thread with the smallest default stack: validate (Flink's planner included)
     * and a run (Flink's code generation).
     */
    @Test
    void codeAtTheNestingLimitValidatesAndRuns() throws Exception {
        int n = KdaSqlParser.MAX_NESTING_DEPTH;
        List<String> deepest =
                List.of(
                        "(".repeat(n) + "PRICE" + ")".repeat(n),
                        "PRICE" + " + PRICE".repeat(n),
                        "CAST(CHAR_LENGTH(TICKER" + " || TICKER".repeat(n - 2) + ") AS DOUBLE)",
                        "CASE WHEN PRICE > 0 THEN ".repeat(n) + "PRICE" + " END".repeat(n),
                        "CASE WHEN " + "NOT ".repeat(n - 2) + "(PRICE > 0) THEN 1 ELSE 0 END",
                        "- ".repeat(n) + "PRICE",
                        "ABS(".repeat(n) + "PRICE" + ")".repeat(n),
                        "CASE WHEN PRICE > 0" + " AND PRICE > 0".repeat(n - 1) + " THEN 1 END");
        for (String expression : deepest) {
            Path app = write(pumpSelecting(expression));
            assertThat(onSmallStack(() -> validate(app))).as(err()).isZero();
            assertThat(onSmallStack(() -> run(app))).as(err()).isZero();
            assertThat(Files.readAllLines(dir.resolve("output.jsonl"))).hasSize(2);
            String tooDeep =
                    expression.startsWith("(") ? "(" + expression + ")" : "- " + expression;
            assertThat(validate(write(pumpSelecting(tooDeep)))).as(err()).isEqualTo(1);
            assertThat(err()).contains(": expression nested deeper than " + n);
        }
    }

    /**
     * The longest names, and queries nested in FROM under the longest aliases: the planner's view
     * names, made of them, stay within what Flink takes.
     */
    @Test
    void theLongestNamesValidate() throws Exception {
        String pump = "\"" + "\uD83D\uDE00".repeat(KdaSqlParser.MAX_NAME_LENGTH) + "\"";
        String alias = "a".repeat(KdaSqlParser.MAX_NAME_LENGTH - 1); // and a digit
        String from = "\"SOURCE_SQL_STREAM_001\"";
        for (int i = 0; i < 5; i++) {
            from = "(SELECT STREAM PRICE FROM " + from + ") AS " + alias + i % 2;
        }
        Path app =
                write(
                        "CREATE STREAM \"DESTINATION_SQL_STREAM\" (V DOUBLE);\n"
                                + "CREATE PUMP "
                                + pump
                                + " AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                                + "SELECT STREAM PRICE AS V FROM "
                                + from
                                + ";\n");
        assertThat(validate(app)).as(err()).isZero();
    }

    /**
     * Found by TranslatorFuzzTest's planning: Flink reads an interval's first field with two
     * digits, so {@code INTERVAL '100' SECOND} failed in Flink's planner, as a value and as a
     * window's size.
     */
    @Test
    void intervalsOfMoreThan99UnitsValidateAndRun() throws Exception {
        Path step =
                write(
                        "CREATE STREAM \"DESTINATION_SQL_STREAM\" (V DOUBLE);\n"
                                + "CREATE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                                + "SELECT STREAM COUNT(*) AS V FROM \"SOURCE_SQL_STREAM_001\"\n"
                                + "GROUP BY STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL"
                                + " '100' SECOND);\n");
        assertThat(validate(step)).as(err()).isZero();
        assertThat(run(step)).as(err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("output.jsonl"))).hasSize(1);
        for (String interval :
                List.of(
                        "INTERVAL '3600' SECOND",
                        "INTERVAL '999' DAY",
                        "INTERVAL '100:30' HOUR TO MINUTE")) {
            Path value =
                    write(
                            pumpSelecting(
                                    "CASE WHEN ROWTIME - "
                                            + interval
                                            + " < ROWTIME THEN PRICE END"));
            assertThat(validate(value)).as(interval + err()).isZero();
            assertThat(run(value)).as(interval + err()).isZero();
            assertThat(Files.readAllLines(dir.resolve("output.jsonl"))).hasSize(2);
        }
    }

    /**
     * Found by TranslatorFuzzTest's planning: ROWTIME as a sort key kept a second event-time
     * attribute ("more than one rowtime attribute column").
     */
    @Test
    void rowtimeAsASortKeyValidatesAndRuns() throws Exception {
        Path app =
                write(
                        "CREATE STREAM \"DESTINATION_SQL_STREAM\" (V DOUBLE);\n"
                                + "CREATE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                                + "SELECT STREAM PRICE AS V FROM \"SOURCE_SQL_STREAM_001\"\n"
                                + "ORDER BY FLOOR(\"SOURCE_SQL_STREAM_001\".ROWTIME TO MINUTE),"
                                + " ROWTIME DESC;\n");
        assertThat(validate(app)).as(err()).isZero();
        assertThat(run(app)).as(err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("output.jsonl")))
                .hasSize(2)
                .first()
                .asString()
                .contains("\"V\":2.0");
    }

    /**
     * Found by TranslatorFuzzTest's planning: a division by the constant 0 inside another
     * expression; error_stream's check of it was simplified by Flink's planner into another type
     * ("Cannot add expression of different type to set"). Every row goes to error_stream.
     */
    @Test
    void aDivisionByTheConstantZeroInsideAnExpressionValidatesAndRuns() throws Exception {
        Path app =
                write(
                        "CREATE STREAM \"DESTINATION_SQL_STREAM\" (V DOUBLE);\n"
                                + "CREATE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                                + "SELECT STREAM PRICE AS V FROM \"SOURCE_SQL_STREAM_001\"\n"
                                + "WHERE (ABS(PRICE / ((PRICE / 0) - PRICE)) * 100) > 1;\n");
        assertThat(validate(app)).as(err()).isZero();
        assertThat(run(app)).as(err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("output.jsonl"))).isEmpty();
        assertThat(err()).contains("DIVISION_BY_ZERO");
    }
}
