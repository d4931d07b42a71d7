package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
        assertThat(LocalScriptRun.partFileLines(out))
                .containsExactly(
                        "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"TICKER_SYMBOL\":\"AMZN\",\"INVERSE\":0.25}");
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
        LocalScriptRun.run(
                SqlClientScript.render(ScriptCases.plan("script-row-errors", settings), settings));
    }
}
