package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.ReferenceSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The applications of the SQL-client script tests ({@code golden/script-NAME.sql}), each with the
 * inputs, outputs and reference tables it is connected to.
 */
final class ScriptCases {

    static final List<String> NAMES =
            List.of(
                    "script-filter",
                    "script-step",
                    "script-stagger",
                    "script-reference",
                    "script-row-errors",
                    "script-functions");

    private static final String TICKERS =
            "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE";

    /** The input of {@code script-functions}. */
    private static final String FUNCTION_INPUT =
            "TICKER_SYMBOL VARCHAR(4), COMPANY VARCHAR(16), EVENT_TIME TIMESTAMP, TRADED_AT VARCHAR(16)";

    private ScriptCases() {}

    /** The case's application translated with its settings' schemas. */
    static ApplicationPlan plan(String name, ScriptSettings settings) throws IOException {
        return plan(name, settings, name + ".sql");
    }

    /** The application of the resource {@code golden/…} {@code file} translated. */
    static ApplicationPlan plan(String name, ScriptSettings settings, String file)
            throws IOException {
        Map<String, KdaSchema> inputs = new LinkedHashMap<>();
        settings.inputs().forEach(i -> inputs.put(i.streamName(), i.schema()));
        Map<String, KdaSchema> references = new LinkedHashMap<>();
        settings.references().forEach(r -> references.put(r.tableName(), r.schema()));
        String resource = file.startsWith("golden/") ? file.substring("golden/".length()) : file;
        return KdaTranslator.translate(resource(resource), name + ".sql", inputs, references);
    }

    /** The case's script. */
    static String script(String name) throws IOException {
        ScriptSettings settings = settings(name);
        return SqlClientScript.render(plan(name, settings), settings);
    }

    static ScriptSettings settings(String name) {
        return switch (name) {
            case "script-filter" ->
                    // the getting-started demo stream, from Kinesis to Kinesis
                    new ScriptSettings(
                            List.of(
                                    InputSpec.of(
                                            "SOURCE_SQL_STREAM_001",
                                            StreamLocation.parse(
                                                    "kinesis:ExampleInputStream?region=us-east-1&start=TRIM_HORIZON"),
                                            KdaSchema.parse(
                                                    "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE REAL"))),
                            List.of(
                                    new OutputSpec(
                                            "DESTINATION_SQL_STREAM",
                                            StreamLocation.parse(
                                                    "kinesis:ExampleOutputStream?region=us-east-1"))),
                            List.of(),
                            Optional.empty());
            case "script-step" ->
                    // a replayed file of nested JSON, mapped by JSONPath; CSV out
                    new ScriptSettings(
                            List.of(
                                    new InputSpec(
                                                    "SOURCE_SQL_STREAM_001",
                                                    StreamLocation.parse("/data/trades.jsonl"),
                                                    KdaSchema.parse(TICKERS),
                                                    RowtimeMode.field("ROWTIME"),
                                                    Duration.ofSeconds(5),
                                                    ArrivalTimeMode.field(
                                                            "APPROXIMATE_ARRIVAL_TIME"))
                                            .withFormat(
                                                    RecordFormat.json(
                                                            JsonPath.root(),
                                                            Map.of(
                                                                    "TICKER_SYMBOL",
                                                                    JsonPath.parse(
                                                                            "$.ticker.symbol"),
                                                                    "PRICE",
                                                                    JsonPath.parse(
                                                                            "$.trade.price"))))),
                            List.of(
                                    new OutputSpec(
                                                    "DESTINATION_SQL_STREAM",
                                                    StreamLocation.parse("/data/minutes.csv"))
                                            .withFormat(RecordFormatType.CSV)),
                            List.of(),
                            Optional.of("/opt/flink-kda/flink-kda-0.1.0-SNAPSHOT.jar"));
            case "script-stagger" ->
                    // the stagger window needs the runner: no statement set
                    new ScriptSettings(
                            List.of(
                                    InputSpec.of(
                                            "SOURCE_SQL_STREAM_001",
                                            StreamLocation.parse(
                                                    "kinesis:trades?region=eu-west-1&profile=analytics"),
                                            KdaSchema.parse(TICKERS))),
                            List.of(
                                    new OutputSpec(
                                            "DESTINATION_SQL_STREAM",
                                            StreamLocation.parse(
                                                    "kinesis:results?region=eu-west-1&partitionKey=TICKER_SYMBOL"))),
                            List.of(),
                            Optional.empty());
            case "script-reference" ->
                    // the developer guide's reference data example: CSV file of companies
                    new ScriptSettings(
                            List.of(
                                    InputSpec.of(
                                            "SOURCE_SQL_STREAM_001",
                                            StreamLocation.parse(
                                                    "kinesis:ExampleInputStream?region=us-east-1&start=LATEST"),
                                            KdaSchema.parse(
                                                    "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(12), CHANGE DOUBLE, PRICE DOUBLE"))),
                            List.of(
                                    new OutputSpec(
                                            "DESTINATION_SQL_STREAM", new StreamLocation.Stdout())),
                            List.of(
                                    new ReferenceSpec(
                                            "CompanyName",
                                            Path.of("/data/companies.csv"),
                                            KdaSchema.parse(
                                                    "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(20)"),
                                            ReferenceFormat.csv().withHeader(true))),
                            Optional.empty());
            case "script-row-errors" ->
                    // Kinesalite on this machine; processing time; CSV records in, three outputs
                    new ScriptSettings(
                            List.of(
                                    new InputSpec(
                                                    "SOURCE_SQL_STREAM_001",
                                                    StreamLocation.parse(
                                                            "kinesis:ticks?endpoint=http://127.0.0.1:4567&region=us-east-1&start=TRIM_HORIZON&flink.shard.getrecords.intervalmillis=200"),
                                                    KdaSchema.parse(TICKERS),
                                                    RowtimeMode.processing(),
                                                    Duration.ZERO,
                                                    ArrivalTimeMode.arrival())
                                            .withFormat(RecordFormat.csv(";", "\n"))),
                            List.of(
                                    new OutputSpec(
                                            "RATIOS",
                                            StreamLocation.parse(
                                                    "kinesis:ratios?endpoint=http://127.0.0.1:4567&region=us-east-1")),
                                    new OutputSpec("PER_MINUTE", new StreamLocation.Stdout()),
                                    new OutputSpec(
                                            "PLAIN", StreamLocation.parse("/data/plain.jsonl")),
                                    new OutputSpec(
                                            "error_stream",
                                            StreamLocation.parse("/data/errors.jsonl"))),
                            List.of(),
                            Optional.empty());
            case "script-functions" ->
                    // flink-kda's functions: LOAD MODULE kda after the ADD JAR
                    functionSettings(
                            "/data/trades.jsonl",
                            "/data/out",
                            Optional.of("/opt/flink-kda/flink-kda-0.1.0-SNAPSHOT.jar"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * The connections of {@code script-functions}: a file of JSON records with a ROWTIME field in,
     * {@code output} a directory of JSON part files.
     */
    static ScriptSettings functionSettings(String input, String output, Optional<String> jar) {
        return new ScriptSettings(
                List.of(
                        new InputSpec(
                                "SOURCE_SQL_STREAM_001",
                                StreamLocation.parse(input),
                                KdaSchema.parse(FUNCTION_INPUT),
                                RowtimeMode.field("ROWTIME"),
                                Duration.ZERO,
                                ArrivalTimeMode.rowtime())),
                List.of(new OutputSpec("DESTINATION_SQL_STREAM", StreamLocation.parse(output))),
                List.of(),
                jar);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ScriptCases.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                return "(missing golden file " + name + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
