package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSONPath mappings of nested fields in a script: the getting-started filter over a file of nested
 * records, its columns mapped as KDA's {@code RecordColumns} would ({@code $.ticker.symbol}, {@code
 * $.quote.price} …). Flink's json format reads the nested objects as {@code ROW}s, the stream's
 * view takes the fields out; a path that finds nothing is NULL, as in KDA. Run to the end of the
 * file, the rows are checked against the records by hand.
 */
class JsonPathInputScriptTest {

    private static final List<String> RECORDS =
            List.of(
                    // in: TECHNOLOGY
                    "{\"ticker\":{\"symbol\":\"MJN\"},\"sector\":\"TECHNOLOGY\","
                            + "\"quote\":{\"change\":0.25,\"price\":84.5},\"ROWTIME\":\"2018-08-01 11:00:00\"}",
                    // out: HEALTHCARE
                    "{\"ticker\":{\"symbol\":\"QXZ\"},\"sector\":\"HEALTHCARE\","
                            + "\"quote\":{\"change\":-0.5,\"price\":12.75},\"ROWTIME\":\"2018-08-01 11:00:01\"}",
                    // in, without a quote: CHANGE and PRICE are NULL
                    "{\"ticker\":{\"symbol\":\"NUL\"},\"sector\":\"FINTECH\",\"ROWTIME\":\"2018-08-01 11:00:02\"}");

    @Test
    void nestedFieldsAreReadByTheirPaths(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("quotes.jsonl");
        Files.writeString(input, String.join("\n", RECORDS) + "\n");
        Path out = dir.resolve("out");
        ScriptSettings settings =
                new ScriptSettings(
                        List.of(
                                InputSpec.of(
                                                "SOURCE_SQL_STREAM_001",
                                                StreamLocation.parse(input.toString()),
                                                KdaSchema.parse(
                                                        "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE"))
                                        .withFormat(
                                                RecordFormat.json(
                                                        JsonPath.root(),
                                                        Map.of(
                                                                "TICKER_SYMBOL",
                                                                JsonPath.parse("$.ticker.symbol"),
                                                                "SECTOR",
                                                                JsonPath.parse("$.sector"),
                                                                "CHANGE",
                                                                JsonPath.parse("$.quote.change"),
                                                                "PRICE",
                                                                JsonPath.parse("$.quote.price"))))),
                        List.of(
                                new OutputSpec(
                                        "DESTINATION_SQL_STREAM",
                                        StreamLocation.parse(out.toString()))),
                        List.of(),
                        Optional.empty());
        String script =
                SqlClientScript.render(ScriptCases.plan("script-filter", settings), settings);

        assertThat(script).contains("`quote` ROW<`change` DOUBLE, `price` DOUBLE>");
        LocalScriptRun.run(script);

        assertThat(LocalScriptRun.partFileLines(out))
                .containsExactly(
                        "{\"ROWTIME\":\"2018-08-01 11:00:00\",\"TICKER_SYMBOL\":\"MJN\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":0.25,\"PRICE\":84.5}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:02\",\"TICKER_SYMBOL\":\"NUL\",\"SECTOR\":\"FINTECH\",\"CHANGE\":null,\"PRICE\":null}");
    }

    /**
     * A {@code [0:]} row path: each element of a record's {@code trades} array is a row; a value
     * outside the array ({@code $.desk}) repeats on each; an empty or missing array gives one row
     * of NULLs (KDA: "an array is always flattened to at least one row"), as flink-kda's reader.
     */
    @Test
    void aFlattenedArrayIsUnnested(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("batches.jsonl");
        Files.writeString(
                input,
                String.join(
                                "\n",
                                "{\"desk\":\"EU\",\"trades\":[{\"symbol\":\"MJN\","
                                        + "\"quote\":{\"price\":84.5}},{\"symbol\":\"QXZ\","
                                        + "\"quote\":{\"price\":12.75}}],"
                                        + "\"ROWTIME\":\"2018-08-01 11:00:00\"}",
                                "{\"desk\":\"US\",\"trades\":[],"
                                        + "\"ROWTIME\":\"2018-08-01 11:00:01\"}",
                                "{\"desk\":\"JP\",\"ROWTIME\":\"2018-08-01 11:00:02\"}")
                        + "\n");
        Path out = dir.resolve("out");
        ScriptSettings settings =
                new ScriptSettings(
                        List.of(
                                InputSpec.of(
                                                "SOURCE_SQL_STREAM_001",
                                                StreamLocation.parse(input.toString()),
                                                KdaSchema.parse(
                                                        "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE"))
                                        .withFormat(
                                                RecordFormat.json(
                                                        JsonPath.parse("$.trades[0:]"),
                                                        Map.of(
                                                                "TICKER_SYMBOL",
                                                                JsonPath.parse(
                                                                        "$.trades[0:].symbol"),
                                                                "SECTOR",
                                                                JsonPath.parse("$.desk"),
                                                                "PRICE",
                                                                JsonPath.parse(
                                                                        "$.trades[0:].quote.price"))))),
                        List.of(
                                new OutputSpec(
                                        "DESTINATION_SQL_STREAM",
                                        StreamLocation.parse(out.toString()))),
                        List.of(),
                        Optional.empty());
        String all =
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker_symbol VARCHAR(4),"
                        + " sector VARCHAR(16), change DOUBLE, price DOUBLE);\n"
                        + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\""
                        + " SELECT STREAM ticker_symbol, sector, change, price"
                        + " FROM \"SOURCE_SQL_STREAM_001\";";
        String script =
                SqlClientScript.render(
                        KdaTranslator.translate(
                                all,
                                "all.sql",
                                Map.of("SOURCE_SQL_STREAM_001", settings.inputs().get(0).schema()),
                                Map.of()),
                        settings);

        // the element's fields in the order the mappings name them
        assertThat(script)
                .containsPattern("`trades` ARRAY<ROW<[^\\n]*`quote` ROW<`price` DOUBLE>[^\\n]*>>,")
                .containsPattern(
                        "LEFT JOIN UNNEST\\(`r`\\.`trades`\\) AS `e` \\([^)]*\\) ON TRUE;");
        LocalScriptRun.run(script);

        assertThat(LocalScriptRun.partFileLines(out))
                .containsExactly(
                        "{\"ROWTIME\":\"2018-08-01 11:00:00\",\"TICKER_SYMBOL\":\"MJN\",\"SECTOR\":\"EU\",\"CHANGE\":null,\"PRICE\":84.5}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:00\",\"TICKER_SYMBOL\":\"QXZ\",\"SECTOR\":\"EU\",\"CHANGE\":null,\"PRICE\":12.75}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:01\",\"TICKER_SYMBOL\":null,\"SECTOR\":\"US\",\"CHANGE\":null,\"PRICE\":null}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:02\",\"TICKER_SYMBOL\":null,\"SECTOR\":\"JP\",\"CHANGE\":null,\"PRICE\":null}");
    }
}
