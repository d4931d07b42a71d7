package dev.flinkkda.kda.config;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.aws.S3ObjectLocation;
import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.JsonPathException;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatException;
import dev.flinkkda.kda.json.RecordMapper;
import dev.flinkkda.kda.kinesis.KinesisSettings;
import dev.flinkkda.kda.kinesis.ShardSubset;
import dev.flinkkda.kda.options.ApplicationCode;
import dev.flinkkda.kda.options.ReferenceSpec;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.reference.ReferenceSource;
import dev.flinkkda.kda.schema.KdaNames;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code flink-kda run|translate|validate --config} takes from an {@link ApplicationConfig}:
 * the SQL, each in-application input stream with its columns and Kinesis location, each output's
 * Kinesis location. Flags replace single settings ({@code --input STREAM=…}, {@code --output
 * STREAM=…}, {@code --reference TABLE=…}); what is neither expressible by the runtime nor replaced
 * is refused here, before the job starts, with what to do instead.
 *
 * <p>Reference data takes its {@code ReferenceSchema}'s record format ({@link #referenceFormat}).
 */
public final class ConfigRunOptions {

    private ConfigRunOptions() {}

    /**
     * One in-application input stream of the configuration.
     *
     * @param streamName e.g. {@code SOURCE_SQL_STREAM_001}
     * @param input the input that makes it
     */
    public record ConfiguredStream(String streamName, ConfiguredInput input) {
        /** {@code application.json: $.Inputs[0] (SOURCE_SQL_STREAM_001)}: for messages. */
        public String label(ApplicationConfig config) {
            return config.file()
                    + ": "
                    + input.jsonPath()
                    + " ("
                    + KdaNames.toSql(streamName)
                    + ")";
        }
    }

    /** The in-application input streams, in the order of the file, by name. */
    public static Map<String, ConfiguredStream> inputStreams(ApplicationConfig config) {
        Map<String, ConfiguredStream> streams = new LinkedHashMap<>();
        for (ConfiguredInput input : config.inputs()) {
            for (String stream : input.streamNames()) {
                streams.put(stream, new ConfiguredStream(stream, input));
            }
        }
        return streams;
    }

    /** The reference tables, in the order of the file, by name. */
    public static Map<String, ConfiguredReferenceData> referenceTables(ApplicationConfig config) {
        Map<String, ConfiguredReferenceData> tables = new LinkedHashMap<>();
        for (ConfiguredReferenceData reference : config.referenceData()) {
            tables.put(reference.tableName().value(), reference);
        }
        return tables;
    }

    /**
     * The application's SQL from {@code ApplicationCode}, for a run without {@code APP.sql}.
     *
     * @throws ConfigException if the file has none
     */
    public static ApplicationCode applicationCode(ApplicationConfig config) {
        String path = config.applicationCodePath();
        Located<String> code =
                config.applicationCode()
                        .filter(c -> !c.value().isBlank())
                        .orElseThrow(
                                () ->
                                        ConfigException.of(
                                                config.file()
                                                        + ": "
                                                        + path
                                                        + ": "
                                                        + (config.applicationCode().isPresent()
                                                                ? "is empty"
                                                                : "missing")
                                                        + "; give the application's SQL there, or"
                                                        + " as APP.sql before the options"));
        return new ApplicationCode(code.value(), config.file() + ": " + code.jsonPath());
    }

    /**
     * Where an input stream's records come from when no {@code --input} replaces it: its Kinesis
     * data stream, in the region of its ARN, from KDA's starting position ({@code NOW} is {@code
     * LATEST}; without a starting position, {@code NOW}, as KDA's console starts).
     *
     * @param replaced the input streams {@code --input} replaces
     * @throws ConfigException for what the runtime cannot read: a Firehose delivery stream, Lambda
     *     preprocessing, {@code LAST_STOPPED_POINT}
     */
    public static StreamLocation inputLocation(
            ApplicationConfig config, ConfiguredStream stream, Set<String> replaced) {
        ConfiguredInput input = stream.input();
        if (input.lambdaPreprocessor().isPresent()) {
            throw ConfigException.of(
                    input.lambdaPreprocessor()
                            .get()
                            .problem(
                                    config.file(),
                                    "Lambda preprocessing (InputProcessingConfiguration) is not"
                                            + " supported: run the Lambda's transformation before"
                                            + " the stream (write its output to a Kinesis stream"
                                            + " the application reads) or as an expression in a"
                                            + " pump of the application's SQL; or replay records"
                                            + " as the Lambda returns them with --input "
                                            + KdaNames.toSql(stream.streamName())
                                            + "=FILE.jsonl"));
        }
        if (input.source() instanceof InputSource.FirehoseDeliveryStream firehose) {
            throw ConfigException.of(
                    firehose.stream()
                            .arn()
                            .problem(
                                    config.file(),
                                    "a Firehose delivery stream cannot be read (Flink has no"
                                            + " Firehose source): point the application at the"
                                            + " Kinesis data stream the delivery stream reads"
                                            + " (KinesisStreamsInput), or replay a recording with"
                                            + " --input "
                                            + KdaNames.toSql(stream.streamName())
                                            + "=FILE.jsonl"));
        }
        String start = KinesisSettings.LATEST;
        if (input.startingPosition().isPresent()) {
            Located<StartingPosition> position = input.startingPosition().get();
            switch (position.value()) {
                case NOW -> start = KinesisSettings.LATEST;
                case TRIM_HORIZON -> start = KinesisSettings.TRIM_HORIZON;
                case LAST_STOPPED_POINT ->
                        throw ConfigException.of(
                                position.problem(
                                        config.file(),
                                        "LAST_STOPPED_POINT is where the KDA application last"
                                                + " stopped, which only KDA knows; use TRIM_HORIZON"
                                                + " or NOW, and resume flink-kda runs from their"
                                                + " checkpoints (--checkpoint-dir, --resume)"));
            }
        }
        StreamArn arn = input.source().stream();
        KinesisSettings settings =
                new KinesisSettings(
                        Optional.empty(),
                        arn.region(),
                        start,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of());
        int count = input.streamNames().size();
        if (count > 1) {
            // KDA splits the stream's shards among its in-application streams
            settings =
                    settings.withShards(
                            new ShardSubset(
                                    input.streamNames().indexOf(stream.streamName()) + 1, count));
        }
        return new StreamLocation.Kinesis(arn.name(), settings);
    }

    /**
     * How the input's records become rows, as its {@code InputSchema} says: JSON with its {@code
     * RecordRowPath} and each column's {@code Mapping} (a column without one takes the key of its
     * name), or CSV with its delimiters. Checked against the columns here, so that a bad path or
     * mapping is named by its place in the configuration.
     *
     * @throws ConfigException for a JSONPath that does not parse, a mapping the rows cannot have
     *     (two flattened arrays, a column not in the schema) or a delimiter that cannot be one
     */
    public static RecordFormat inputRecordFormat(
            ApplicationConfig config, ConfiguredSchema schema) {
        RecordFormat format;
        if (schema.recordFormat() instanceof ConfiguredRecordFormat.Csv csv) {
            try {
                format =
                        RecordFormat.csv(csv.columnDelimiter().value(), csv.rowDelimiter().value());
            } catch (IllegalArgumentException e) {
                throw ConfigException.of(
                        config.file() + ": " + csv.jsonPath() + ": " + e.getMessage());
            }
        } else {
            ConfiguredRecordFormat.Json json = (ConfiguredRecordFormat.Json) schema.recordFormat();
            JsonPath rowPath = jsonPath(config, json.recordRowPath());
            Map<String, JsonPath> mappings = new LinkedHashMap<>();
            for (ConfiguredColumn column : schema.columns()) {
                if (column.mapping().isPresent()) {
                    mappings.put(column.column().name(), jsonPath(config, column.mapping().get()));
                }
            }
            format = RecordFormat.json(rowPath, mappings);
        }
        try {
            RecordMapper.of(schema.schema(), format);
        } catch (RecordFormatException e) {
            String where =
                    e.columnName()
                            .flatMap(
                                    name ->
                                            schema.columns().stream()
                                                    .filter(c -> c.column().name().equals(name))
                                                    .findFirst())
                            .flatMap(ConfiguredColumn::mapping)
                            .map(Located::jsonPath)
                            .orElse(
                                    schema.recordFormat()
                                                    instanceof ConfiguredRecordFormat.Json json
                                            ? json.recordRowPath().jsonPath()
                                            : schema.recordFormat().jsonPath());
            throw ConfigException.of(config.file() + ": " + where + ": " + e.getMessage());
        }
        return format;
    }

    /** A JSONPath of the configuration, parsed; its errors name where it is. */
    private static JsonPath jsonPath(ApplicationConfig config, Located<String> path) {
        try {
            return JsonPath.parse(path.value());
        } catch (JsonPathException e) {
            throw ConfigException.of(
                    path.problem(
                            config.file(), Shown.quoted(path.value()) + ": " + e.getMessage()));
        }
    }

    /**
     * Where an output's rows go when no {@code --output} replaces it: its Kinesis data stream, in
     * the region of its ARN.
     *
     * @throws ConfigException for a Lambda, and (not yet supported) for a Firehose delivery stream
     */
    public static StreamLocation outputLocation(ApplicationConfig config, ConfiguredOutput output) {
        OutputDestination destination = output.destination();
        if (destination instanceof OutputDestination.KinesisStream kinesis) {
            return new StreamLocation.Kinesis(
                    kinesis.stream().name(),
                    new KinesisSettings(
                            Optional.empty(),
                            kinesis.stream().region(),
                            KinesisSettings.LATEST,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Map.of()));
        }
        if (destination instanceof OutputDestination.FirehoseDeliveryStream firehose) {
            return firehoseOutput(config, output, firehose);
        }
        throw ConfigException.of(
                destination
                        .arn()
                        .problem(
                                config.file(),
                                "Lambda outputs (LambdaOutput) are not supported: write to a"
                                        + " Kinesis stream that the Lambda reads"
                                        + " (KinesisStreamsOutput, with the stream as the Lambda's"
                                        + " event source), or give --output "
                                        + KdaNames.toSql(output.streamName().value())
                                        + "=LOCATION"));
    }

    /** The Firehose location of the delivery stream, in the region of its ARN. */
    public static StreamLocation firehoseOutput(
            ApplicationConfig config,
            ConfiguredOutput output,
            OutputDestination.FirehoseDeliveryStream firehose) {
        return new StreamLocation.Firehose(
                firehose.deliveryStream().name(),
                new AwsSettings(null, firehose.deliveryStream().region(), null, Map.of()));
    }

    /**
     * The reference table read from its S3 object when the job starts, with its {@code
     * ReferenceSchema}'s columns and record format. An S3 bucket's ARN names no region: the object
     * is read in the application's (its streams' ARNs'), as KDA reads it.
     *
     * @throws ConfigException for a record format the reference reader does not take
     */
    public static ReferenceSpec s3ReferenceData(
            ApplicationConfig config, ConfiguredReferenceData reference) {
        S3ObjectLocation object =
                new S3ObjectLocation(
                        reference.s3Object().bucket(),
                        reference.s3Object().fileKey().value(),
                        new AwsSettings(null, applicationRegion(config), null, Map.of()));
        return new ReferenceSpec(
                reference.tableName().value(),
                ReferenceSource.s3(object),
                reference.schema().schema(),
                referenceFormat(config, reference.schema()));
    }

    /** The region of the application's streams; the default region if it has none. */
    private static String applicationRegion(ApplicationConfig config) {
        for (ConfiguredInput input : config.inputs()) {
            if (input.source() instanceof InputSource.KinesisStream kinesis) {
                return kinesis.stream().region();
            }
        }
        for (ConfiguredOutput output : config.outputs()) {
            if (output.destination() instanceof OutputDestination.KinesisStream kinesis) {
                return kinesis.stream().region();
            }
            if (output.destination() instanceof OutputDestination.FirehoseDeliveryStream firehose) {
                return firehose.deliveryStream().region();
            }
        }
        return AwsSettings.defaults().region();
    }

    /**
     * A {@code ReferenceSchema}'s record format as the reference reader takes it: CSV rows ending
     * at a line break with a one-character column delimiter as plain CSV, JSON objects a line each
     * with the columns at their top-level keys as JSON lines, anything else (JSONPath mappings, a
     * row path, other delimiters) as KDA's record format ({@link ReferenceFormat#records}).
     *
     * @throws ConfigException for a JSONPath that does not parse or a mapping the rows cannot have,
     *     at its JSON path
     */
    public static ReferenceFormat referenceFormat(
            ApplicationConfig config, ConfiguredSchema schema) {
        if (schema.recordFormat() instanceof ConfiguredRecordFormat.Csv csv) {
            String row = csv.rowDelimiter().value();
            String column = csv.columnDelimiter().value();
            if ((row.equals("\n") || row.equals("\r\n"))
                    && column.length() == 1
                    && column.charAt(0) != '"') {
                return ReferenceFormat.csv(column.charAt(0), '"', false);
            }
        } else {
            ConfiguredRecordFormat.Json json = (ConfiguredRecordFormat.Json) schema.recordFormat();
            boolean byName =
                    json.recordRowPath().value().equals("$")
                            && schema.columns().stream()
                                    .allMatch(
                                            c ->
                                                    c.mapping().isEmpty()
                                                            || c.mapping()
                                                                    .get()
                                                                    .value()
                                                                    .equals(
                                                                            "$."
                                                                                    + c.column()
                                                                                            .name()));
            if (byName) {
                return ReferenceFormat.json();
            }
        }
        return ReferenceFormat.records(inputRecordFormat(config, schema));
    }
}
