package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV input in a script: the getting-started filter over a file of {@code ;}-delimited rows,
 * columns by position, ROWTIME from a column; an empty field is NULL, as flink-kda reads it. Run to
 * the end of the file, the rows are checked against the file by hand.
 */
class CsvInputScriptTest {

    @Test
    void columnsByPositionAndEmptyFieldsNull(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("quotes.csv");
        Files.writeString(
                input,
                String.join(
                                "\n",
                                "MJN;TECHNOLOGY;0.25;84.5;2018-08-01 11:00:00",
                                "QXZ;HEALTHCARE;-0.5;12.75;2018-08-01 11:00:01",
                                "NUL;FINTECH;;7.5;2018-08-01 11:00:02")
                        + "\n");
        Path out = dir.resolve("out");
        ScriptSettings settings =
                new ScriptSettings(
                        List.of(
                                new InputSpec(
                                                "SOURCE_SQL_STREAM_001",
                                                StreamLocation.parse(input.toString()),
                                                KdaSchema.parse(
                                                        "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE, EVENT_TIME TIMESTAMP"),
                                                RowtimeMode.field("EVENT_TIME"),
                                                Duration.ZERO,
                                                ArrivalTimeMode.rowtime())
                                        .withFormat(RecordFormat.csv(";", "\n"))),
                        List.of(
                                new OutputSpec(
                                        "DESTINATION_SQL_STREAM",
                                        StreamLocation.parse(out.toString()))),
                        List.of(),
                        Optional.empty());

        LocalScriptRun.run(
                SqlClientScript.render(ScriptCases.plan("script-filter", settings), settings));

        assertThat(LocalScriptRun.partFileLines(out))
                .containsExactly(
                        "{\"ROWTIME\":\"2018-08-01 11:00:00\",\"TICKER_SYMBOL\":\"MJN\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":0.25,\"PRICE\":84.5}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:02\",\"TICKER_SYMBOL\":\"NUL\",\"SECTOR\":\"FINTECH\",\"CHANGE\":null,\"PRICE\":7.5}");
    }
}
