package dev.flinkkda.kda.options;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatException;
import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record formats of inputs and outputs: defaults as before, mappings checked when made. */
class RecordFormatSpecTest {

    private static final KdaSchema SCHEMA = KdaSchema.parse("SENSOR VARCHAR(4), TEMP DOUBLE");
    private static final StreamLocation FILE = new StreamLocation.File(Path.of("in.jsonl"));

    @Test
    void inputsAndOutputsDefaultToJson() {
        assertThat(InputSpec.of("S", FILE, SCHEMA).format()).isEqualTo(RecordFormat.jsonLines());
        assertThat(
                        new InputSpec(
                                        "S",
                                        FILE,
                                        SCHEMA,
                                        RowtimeMode.processing(),
                                        Duration.ZERO,
                                        ArrivalTimeMode.rowtime())
                                .format())
                .isEqualTo(RecordFormat.jsonLines());
        assertThat(new OutputSpec("D", new StreamLocation.Stdout()).format())
                .isEqualTo(RecordFormatType.JSON);
        assertThat(new OutputSpec("D", new StreamLocation.Stdout(), true).format())
                .isEqualTo(RecordFormatType.JSON);
        assertThat(
                        new OutputSpec("D", new StreamLocation.Stdout())
                                .withFormat(RecordFormatType.CSV)
                                .format())
                .isEqualTo(RecordFormatType.CSV);
    }

    @Test
    void anInputsMappingsAreCheckedWhenTheInputIsMade() {
        RecordFormat twoArrays =
                RecordFormat.json(
                        JsonPath.root(),
                        Map.of(
                                "SENSOR", JsonPath.parse("$.a[0:].s"),
                                "TEMP", JsonPath.parse("$.b[0:].t")));
        InputSpec input = InputSpec.of("SOURCE_SQL_STREAM_001", FILE, SCHEMA);
        assertThatThrownBy(() -> input.withFormat(twoArrays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("input SOURCE_SQL_STREAM_001: column ")
                .hasMessageContaining("only one array can be flattened")
                .hasCauseInstanceOf(RecordFormatException.class);
        assertThatThrownBy(() -> input.withFormat(RecordFormat.csv(",", "\n")))
                .as("a file's default ROWTIME is the field ROWTIME, which a CSV record lacks")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "input SOURCE_SQL_STREAM_001: ROWTIME field ROWTIME: a CSV record has no"
                                + " field names; name one of the columns [SENSOR, TEMP], or take"
                                + " ROWTIME from the arrival or processing time");
    }

    @Test
    void csvDelimitersMustBeUsable() {
        assertThatThrownBy(() -> RecordFormat.csv("", "\n"))
                .hasMessage("RecordColumnDelimiter: must be at least one character");
        assertThatThrownBy(() -> RecordFormat.csv(",", ""))
                .hasMessage("RecordRowDelimiter: must be at least one character");
        assertThatThrownBy(() -> RecordFormat.csv("\r\n", "\n"))
                .hasMessage(
                        "RecordColumnDelimiter \"\\r\\n\" and RecordRowDelimiter \"\\n\": one must"
                                + " not contain the other");
        assertThatThrownBy(() -> RecordFormat.csv("\"", "\n"))
                .hasMessage("a delimiter must not contain '\"', the quote of a quoted field");
        assertThat(RecordFormat.csv("\t", "\r\n").toString())
                .isEqualTo("Csv[columnDelimiter=\"\\t\", rowDelimiter=\"\\r\\n\"]");
    }
}
