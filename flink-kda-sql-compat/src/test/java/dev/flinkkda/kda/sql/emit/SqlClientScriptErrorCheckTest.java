package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A script's error check at work: {@code golden/script-row-errors.sql} over a file whose second row
 * has {@code PRICE} 0, on which {@code MINUTE_PUMP}'s {@code SUM(1 / PRICE)} fails. The job the
 * script's statements make (run here in a local environment) stops naming the pump and KDA's error,
 * instead of dropping the row or summing a changed value; without that row it runs to the end and
 * writes its rows.
 */
class SqlClientScriptErrorCheckTest {

    private static final Pattern SET = Pattern.compile("SET '([^']+)' = '([^']*)'");

    private static final String FINE =
            "{\"TICKER_SYMBOL\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01 11:00:00\",\"PRICE\":4.0,\"ROWTIME\":\"2018-08-01 11:00:10\"}";
    private static final String ZERO =
            "{\"TICKER_SYMBOL\":\"AMZN\",\"EVENT_TIME\":\"2018-08-01 11:00:00\",\"PRICE\":0,\"ROWTIME\":\"2018-08-01 11:00:20\"}";

    @Test
    void aRowThePumpFailsOnStopsTheJobNamingTheError(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, FINE + "\n" + ZERO + "\n");

        assertThatThrownBy(() -> run(input, dir.resolve("out")))
                .hasStackTraceContaining(
                        "flink-kda: pump \"MINUTE_PUMP\": DIVISION_BY_ZERO|division by zero");
    }

    @Test
    void withoutSuchARowTheJobEnds(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, FINE + "\n");
        Path out = dir.resolve("out");

        run(input, out);

        // PER_MINUTE: one window [11:00, 11:01) of AMZN, SUM(1 / 4.0) = 0.25, ROWTIME its end
        try (Stream<Path> files = Files.walk(out)) {
            List<String> lines =
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .flatMap(SqlClientScriptErrorCheckTest::lines)
                            .toList();
            assertThat(lines)
                    .containsExactly(
                            "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"TICKER_SYMBOL\":\"AMZN\",\"INVERSE\":0.25}");
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the script's statements to the end of the (bounded) file input. */
    private static void run(Path input, Path out) throws Exception {
        ScriptSettings settings =
                new ScriptSettings(
                        List.of(
                                InputSpec.of(
                                        "SOURCE_SQL_STREAM_001",
                                        StreamLocation.parse(input.toString()),
                                        KdaSchema.parse(
                                                "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE"))),
                        List.of(new OutputSpec("PER_MINUTE", StreamLocation.parse(out.toString()))),
                        List.of(),
                        Optional.empty());
        String script =
                SqlClientScript.render(ScriptCases.plan("script-row-errors", settings), settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        for (String statement : ScriptStatements.of(script)) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                tables.getConfig().getConfiguration().setString(set.group(1), set.group(2));
                continue;
            }
            if (statement.startsWith("ADD JAR ")) {
                continue; // the jar's classes are on the test class path
            }
            if (statement.startsWith("EXECUTE STATEMENT SET")) {
                StatementSet inserts = tables.createStatementSet();
                ScriptStatements.inserts(statement).forEach(inserts::addInsertSql);
                inserts.execute().await();
            } else {
                tables.executeSql(statement);
            }
        }
    }
}
