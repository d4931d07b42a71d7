package dev.flinkkda.kda.options;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.aws.S3ObjectLocation;
import dev.flinkkda.kda.config.ApplicationConfig;
import dev.flinkkda.kda.config.ApplicationConfigReader;
import dev.flinkkda.kda.config.ConfigException;
import dev.flinkkda.kda.config.ConfigRunOptions;
import dev.flinkkda.kda.config.ConfiguredOutput;
import dev.flinkkda.kda.config.ConfiguredReferenceData;
import dev.flinkkda.kda.errorstream.ErrorStream;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.kinesis.CommandLineCredentials;
import dev.flinkkda.kda.reference.ReferenceFileTableFactory;
import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.reference.ReferenceSource;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.schema.KdaSchemaException;

import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code flink-kda run} ({@link #HELP} has the details).
 *
 * @param application the application's SQL file, or with {@link #code} the configuration file
 * @param inputs the inputs, each with its schema, ROWTIME, watermark delay and arrival time
 * @param outputs the outputs, in the order given; may be empty
 * @param references the reference tables the application joins
 * @param parallelism the job's parallelism, if given
 * @param randomSeed the seed of RANDOM_CUT_FOREST's forests, if given
 * @param checkpoints where and how often the job checkpoints, and whether it resumes, if asked
 * @param code the application's SQL when it comes from the {@code ApplicationCode} of {@code
 *     --config}; {@link #application} is then the configuration file
 */
public record RunOptions(
        Path application,
        List<InputSpec> inputs,
        List<OutputSpec> outputs,
        List<ReferenceSpec> references,
        OptionalInt parallelism,
        OptionalLong randomSeed,
        Optional<CheckpointOptions> checkpoints,
        Optional<ApplicationCode> code) {

    /**
     * Why a Firehose delivery stream cannot be an input: Flink has no Firehose source, and a
     * delivery stream cannot be read, only written (KDA read it through its own integration).
     */
    public static final String FIREHOSE_INPUT_REFUSED =
            "a Firehose delivery stream cannot be an input (Flink has no Firehose source; a"
                    + " delivery stream is written, not read). Have the producers write to a"
                    + " Kinesis data stream (or add one as the delivery stream's source) and give"
                    + " --input kinesis:NAME";

    /** The output stream of {@code --output FILE} without {@code STREAM=}. */
    public static final String DEFAULT_OUTPUT_STREAM = "DESTINATION_SQL_STREAM";

    /** The help text of {@code flink-kda run --help}. */
    public static final String HELP =
            """
            usage: flink-kda run APP.sql --input [STREAM=]LOCATION --schema [STREAM=]COLUMNS
                                 [--output [STREAM=]LOCATION]... [--overwrite]
                                 [--rowtime [STREAM=]MODE]
                                 [--watermark-delay [STREAM=]DURATION]
                                 [--arrival-time [STREAM=]MODE] [--parallelism N]
                                 [--random-seed N]
                                 [--checkpoint-dir DIR [--checkpoint-interval D]]
                   flink-kda run --config application.json [APP.sql] [--input STREAM=LOCATION]...
                                 [--output STREAM=LOCATION]... [other options as above]
                   flink-kda run --resume DIR [--checkpoint-interval D]

            Runs a Kinesis Data Analytics for SQL application on embedded Flink.

              --config FILE                 the application as AWS describes it: the output of
                                            aws kinesisanalytics describe-application, or the
                                            CreateApplication request JSON. Its inputs (Kinesis
                                            streams, columns, starting position), outputs
                                            (Kinesis streams) and SQL (ApplicationCode, unless
                                            APP.sql is given) are used; --input STREAM=…,
                                            --schema STREAM=…, --output STREAM=… and
                                            --reference TABLE=FILE replace that stream's or
                                            table's location or columns. Problems are reported
                                            as FILE: $.JSON.PATH: what is wrong.

              --input [STREAM=]LOCATION     an input of in-application stream STREAM (by default
                                            SOURCE_SQL_STREAM_001), one JSON object per line or
                                            record. LOCATION is a file (FILE.jsonl) or
                                            kinesis:NAME[?key=value&...] with the keys
                                              endpoint=http://127.0.0.1:4567  (e.g. Kinesalite)
                                              region=us-east-1                ($AWS_REGION)
                                              start=TRIM_HORIZON|LATEST       (LATEST, KDA's NOW)
                                              profile=NAME    (an AWS profile; else the default
                                                              chain, or none for 127.0.0.1)
                                            Keys and secrets are refused: the AWS default chain
                                            or a profile gives the credentials.
                                            Repeatable, one per stream.
              --schema [STREAM=]COLUMNS     the input's columns, as in CREATE STREAM:
                                            "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE"; or
                                            @FILE, a file with that text (comments allowed).
                                            One per input.
              --output [STREAM=]LOCATION    writes in-application stream STREAM (by default
                                            DESTINATION_SQL_STREAM) as JSON lines with ROWTIME to
                                            a file, to - (stdout), to kinesis:NAME[?...]
                                            (partitionKey=COLUMN, else a hash of the row) or to
                                            a Firehose delivery stream firehose:NAME[?endpoint=
                                            …&region=…&profile=…], one JSON object per record.
                                            error_stream=LOCATION writes KDA's error_stream:
                                            records that cannot be read, late rows, rows a
                                            pump's expression fails on (else: stderr).
                                            Repeatable. A file is written as .FILE.JOB.partial
                                            and renamed to FILE when its stream ends; an output
                                            must not be an input, the application, a schema or
                                            reference file, or another output's file.
              --overwrite                   lets a file output replace a file that exists.
              --reference NAME=FILE[?...]   a reference table the application joins: a CSV or
                                            JSON-lines file (by its extension, or format=csv|json),
                                            or an S3 object s3://BUCKET/KEY[?endpoint=…&region=…
                                            &profile=…&format=…] (read with the AWS SDK),
                                            loaded when the job starts; for CSV also
                                            csv.header=true, csv.field-delimiter=; and
                                            csv.quote-character=' (the options of the
                                            kda-reference-file table connector). Its columns
                                            come from --schema NAME=COLUMNS. Repeatable.
              --rowtime [STREAM=]MODE       where ROWTIME comes from: arrival (the Kinesis
                                            arrival time; Kinesis inputs), field:NAME (a JSON
                                            field, e.g. field:ROWTIME of a recorded file) or
                                            processing (processing time). By default arrival for
                                            Kinesis inputs, field:ROWTIME for files.
              --watermark-delay [STREAM=]D  how far ROWTIME may go back before rows are late,
                                            e.g. 5s, 500ms, 2min (default 0). Late rows go
                                            to error_stream.
              --arrival-time [STREAM=]MODE  where the input's system column
                                            APPROXIMATE_ARRIVAL_TIME comes from: arrival (the
                                            Kinesis arrival time; Kinesis inputs), field:NAME (a
                                            JSON field; a record without it takes its ROWTIME)
                                            or rowtime (the ROWTIME). By default arrival for
                                            Kinesis inputs, field:APPROXIMATE_ARRIVAL_TIME for
                                            files. Not in SELECT * unless --schema declares it.
              --parallelism N               the job's parallelism (inputs are read with 1).
              --random-seed N               seeds RANDOM_CUT_FOREST's forests, so that runs over
                                            the same rows give the same scores (by default
                                            random, as in KDA).
              --checkpoint-dir DIR          checkpoints the job into DIR (created if missing)
                                            every --checkpoint-interval (default 10s): input
                                            positions, window and forest state, and the length
                                            of each file output's partial file. A run killed
                                            (even by kill -9) is resumed with --resume DIR.
              --checkpoint-interval D       how often to checkpoint, e.g. 2s, 500ms, 1min.
              --resume DIR                  goes on from the latest checkpoint in DIR, with the
                                            arguments of the run that made it (given again, or
                                            left out), from the same working directory; a file
                                            output is cut back to its length at the checkpoint
                                            and written on, so it ends as the uninterrupted run's
                                            would. Keeps checkpointing into DIR.
              --help                        this text.

            Stream names follow KDA: unquoted names are upper-cased, "Quoted" ones kept as they
            are. Records that cannot be read go to error_stream with their file:line, and the
            run goes on.
            """;

    private static final Pattern DURATION =
            Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min|h)", Pattern.CASE_INSENSITIVE);

    public RunOptions {
        Objects.requireNonNull(application, "application");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(randomSeed, "randomSeed");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(code, "code");
    }

    /** Options of an application in a file ({@link #application}), without {@code --config}. */
    public RunOptions(
            Path application,
            List<InputSpec> inputs,
            List<OutputSpec> outputs,
            List<ReferenceSpec> references,
            OptionalInt parallelism,
            OptionalLong randomSeed,
            Optional<CheckpointOptions> checkpoints) {
        this(
                application,
                inputs,
                outputs,
                references,
                parallelism,
                randomSeed,
                checkpoints,
                Optional.empty());
    }

    /** Whether the arguments ask for the help text ({@code --help} or {@code -h} anywhere). */
    public static boolean isHelpRequest(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses the arguments after {@code run}, reads the schemas, and checks that the files exist.
     *
     * @throws RunOptionsException naming the argument that cannot be used
     */
    public static RunOptions parse(String... args) {
        Arguments arguments = Arguments.read(args);
        Optional<ApplicationConfig> config = arguments.readConfig();
        List<Assignment> inputs = arguments.inputs();
        List<Assignment> schemas = arguments.schemas();
        List<Assignment> outputs = arguments.outputs();
        List<Assignment> rowtimes = arguments.rowtimes();
        List<Assignment> delays = arguments.delays();
        List<Assignment> arrivalTimes = arguments.arrivalTimes();
        List<Assignment> references = arguments.references();
        OptionalInt parallelism = arguments.parallelism();
        Map<String, ConfigRunOptions.ConfiguredStream> configuredInputs =
                config.map(ConfigRunOptions::inputStreams).orElse(Map.of());
        Map<String, ConfiguredReferenceData> configuredTables =
                config.map(ConfigRunOptions::referenceTables).orElse(Map.of());
        if (inputs.isEmpty() && configuredInputs.isEmpty()) {
            throw new RunOptionsException(
                    config.isPresent()
                            ? config.get().file()
                                    + " has no input and no --input is given: expected e.g."
                                    + " --input SOURCE_SQL_STREAM_001=trades.jsonl"
                            : "no --input: expected e.g. --input trades.jsonl or --input"
                                    + " SOURCE_SQL_STREAM_001=kinesis:trades");
        }

        Map<String, Assignment> inputByStream = unique(inputs, "--input");
        Map<String, Assignment> schemaByStream = unique(schemas, "--schema");
        Map<String, Assignment> referenceByTable = unique(references, "--reference");
        // The configuration's input streams, in its order, then the streams only --input names.
        Set<String> streams = new LinkedHashSet<>(configuredInputs.keySet());
        streams.addAll(inputByStream.keySet());
        for (Assignment schema : schemas) {
            if (!streams.contains(schema.stream())
                    && !referenceByTable.containsKey(schema.stream())
                    && !configuredTables.containsKey(schema.stream())) {
                throw new RunOptionsException(
                        schema
                                + ": there is no --input or --reference of "
                                + KdaNames.toSql(schema.stream()));
            }
        }
        Map<String, RowtimeMode> rowtimeByStream = perStream(rowtimes, streams, "--rowtime");
        Map<String, ArrivalTimeMode> arrivalByStream =
                perStream(arrivalTimes, streams, "--arrival-time", ArrivalTimeMode::parse);
        Map<String, Duration> delayByStream = new LinkedHashMap<>();
        perStreamAssignments(delays, streams, "--watermark-delay")
                .forEach((stream, delay) -> delayByStream.put(stream, duration(delay)));

        List<InputSpec> inputSpecs = new ArrayList<>();
        for (String stream : streams) {
            Assignment input = inputByStream.get(stream);
            ConfigRunOptions.ConfiguredStream configured = configuredInputs.get(stream);
            String label = input != null ? input.toString() : configured.label(config.get());
            StreamLocation location =
                    input != null
                            ? location(input)
                            : ConfigRunOptions.inputLocation(
                                    config.get(), configured, inputByStream.keySet());
            if (location instanceof StreamLocation.Stdout) {
                throw new RunOptionsException(
                        label + ": reading stdin is not supported; give a file");
            }
            if (location instanceof StreamLocation.Firehose) {
                throw new RunOptionsException(input + ": " + FIREHOSE_INPUT_REFUSED);
            }
            if (location instanceof StreamLocation.File file && !Files.isRegularFile(file.path())) {
                throw new RunOptionsException(
                        label + ": file not found (" + file.path().toAbsolutePath() + ")");
            }
            Assignment schemaArg = schemaByStream.get(stream);
            if (schemaArg == null && configured == null) {
                throw new RunOptionsException(
                        label
                                + ": no --schema for stream "
                                + KdaNames.toSql(stream)
                                + "; give its columns, e.g. --schema "
                                + (stream.equals(KdaNames.DEFAULT_INPUT_STREAM)
                                        ? ""
                                        : KdaNames.toSql(stream) + "=")
                                + "\"TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE\"");
            }
            KdaSchema schema;
            RecordFormat format = RecordFormat.jsonLines();
            if (schemaArg != null) {
                schema = schema(schemaArg);
            } else {
                schema = configured.input().schema().schema();
                format =
                        ConfigRunOptions.inputRecordFormat(
                                config.get(), configured.input().schema());
            }
            RowtimeMode rowtime =
                    rowtimeByStream.getOrDefault(stream, RowtimeMode.defaultFor(location));
            Duration delay = delayByStream.getOrDefault(stream, Duration.ZERO);
            ArrivalTimeMode arrival =
                    arrivalByStream.getOrDefault(stream, ArrivalTimeMode.defaultFor(location));
            checkArrivalColumn(stream, schema);
            if (arrival.kind() == ArrivalTimeMode.Kind.ARRIVAL
                    && !(location instanceof StreamLocation.Kinesis)) {
                throw new RunOptionsException(
                        "--arrival-time arrival: input "
                                + KdaNames.toSql(stream)
                                + " is the file "
                                + location
                                + ", which has no Kinesis arrival time; use --arrival-time"
                                + " field:NAME or rowtime");
            }
            try {
                inputSpecs.add(
                        new InputSpec(stream, location, schema, rowtime, delay, arrival, format));
            } catch (IllegalArgumentException e) {
                throw new RunOptionsException("--rowtime " + rowtime + ": " + e.getMessage(), e);
            }
        }

        // Every file the run reads, by the argument that names it: no output may replace one.
        Path application =
                arguments.application().orElseGet(() -> arguments.config().orElseThrow());
        Map<String, Path> readFiles = new LinkedHashMap<>();
        readFiles.put("the application file " + application, application);
        arguments
                .config()
                .ifPresent(file -> readFiles.put("the configuration --config " + file, file));
        for (InputSpec input : inputSpecs) {
            if (input.location() instanceof StreamLocation.File file) {
                readFiles.put(inputByStream.get(input.streamName()).toString(), file.path());
            }
        }
        for (Assignment schema : schemas) {
            if (schema.value().startsWith("@")) {
                readFiles.put(schema.toString(), Path.of(schema.value().substring(1)));
            }
        }
        List<ReferenceSpec> referenceSpecs = new ArrayList<>();
        for (Assignment reference : references) {
            if (reference.stream() == null) {
                throw new RunOptionsException(
                        reference
                                + ": expected NAME=FILE, e.g. --reference CompanyName=companies.csv");
            }
            if (streams.contains(reference.stream())) {
                throw new RunOptionsException(
                        reference
                                + ": "
                                + KdaNames.toSql(reference.stream())
                                + " is also an --input");
            }
            Assignment schemaArg = schemaByStream.get(reference.stream());
            ConfiguredReferenceData configured = configuredTables.get(reference.stream());
            if (schemaArg == null && configured == null) {
                throw new RunOptionsException(
                        reference
                                + ": no --schema for reference table "
                                + KdaNames.toSql(reference.stream())
                                + "; give its columns, e.g. --schema "
                                + KdaNames.toSql(reference.stream())
                                + "=\"TICKER VARCHAR(4), COMPANY VARCHAR(64)\"");
            }
            ReferenceSpec spec =
                    reference(
                            reference,
                            schemaArg != null ? schema(schemaArg) : configured.schema().schema());
            if (configured != null && schemaArg == null && !setsFormat(reference.value())) {
                // another copy of the configured object: its records as ReferenceSchema says
                spec =
                        new ReferenceSpec(
                                spec.tableName(),
                                spec.source(),
                                spec.schema(),
                                ConfigRunOptions.referenceFormat(
                                        config.get(), configured.schema()));
            }
            referenceSpecs.add(spec);
            if (spec.file() != null) {
                readFiles.put(reference.toString(), spec.file());
            }
        }
        for (ConfiguredReferenceData table : configuredTables.values()) {
            if (!referenceByTable.containsKey(table.tableName().value())) {
                referenceSpecs.add(ConfigRunOptions.s3ReferenceData(config.get(), table));
            }
        }
        List<OutputArgument> outputArguments = new ArrayList<>();
        Map<String, Assignment> outputByStream = new LinkedHashMap<>();
        outputs.forEach(output -> outputByStream.putIfAbsent(outputKey(output.stream()), output));
        if (config.isPresent()) {
            // The configuration's outputs in its order; --output STREAM=… replaces the
            // destinations of STREAM (all of them, in the place of the first).
            Set<String> placed = new LinkedHashSet<>();
            for (ConfiguredOutput output : config.get().outputs()) {
                String stream = outputKey(output.streamName().value());
                if (outputByStream.containsKey(stream)) {
                    if (placed.add(stream)) {
                        List<ConfiguredOutput> destinations =
                                config.get().outputs().stream()
                                        .filter(
                                                o ->
                                                        outputKey(o.streamName().value())
                                                                .equals(stream))
                                        .toList();
                        int k = 0;
                        for (Assignment replacement : outputs) {
                            if (outputKey(replacement.stream()).equals(stream)) {
                                // the configured records (DestinationSchema), elsewhere: the k-th
                                // --output of a stream takes its k-th destination's, one more the
                                // first's
                                ConfiguredOutput replaced =
                                        k < destinations.size() ? destinations.get(k) : output;
                                outputArguments.add(
                                        OutputArgument.of(replacement)
                                                .withFormat(replaced.format().value()));
                                k++;
                            }
                        }
                    }
                    continue;
                }
                outputArguments.add(
                        new OutputArgument(
                                config.get().file() + ": " + output.jsonPath(),
                                output.streamName().value(),
                                ConfigRunOptions.outputLocation(config.get(), output),
                                output.format().value()));
            }
            for (Assignment output : outputs) {
                if (!placed.contains(outputKey(output.stream()))) {
                    outputArguments.add(OutputArgument.of(output));
                }
            }
        } else {
            outputs.forEach(output -> outputArguments.add(OutputArgument.of(output)));
        }
        List<OutputSpec> outputSpecs =
                checkedOutputs(outputArguments, readFiles, arguments.overwrite());
        Optional<ApplicationCode> code =
                arguments.application().isPresent()
                        ? Optional.empty()
                        : Optional.of(ConfigRunOptions.applicationCode(config.get()));
        return new RunOptions(
                application,
                inputSpecs,
                outputSpecs,
                referenceSpecs,
                parallelism,
                arguments.randomSeed(),
                checkpoints(arguments, args),
                code);
    }

    /**
     * The name by which an output's stream is matched between the configuration and {@code
     * --output}: the stream's name, {@code error_stream} in any case as one (KDA spells it in lower
     * case, an unquoted {@code --output error_stream=…} folds to upper case).
     */
    private static String outputKey(String stream) {
        return ErrorStream.isErrorStream(stream) ? ErrorStream.NAME : stream;
    }

    /** {@code --checkpoint-dir} or {@code --resume}, with {@code --checkpoint-interval}. */
    private static Optional<CheckpointOptions> checkpoints(Arguments arguments, String[] args) {
        Optional<Path> checkpointDir = arguments.checkpointDir();
        Optional<Path> resume = arguments.resume();
        if (checkpointDir.isPresent() && resume.isPresent()) {
            throw new RunOptionsException(
                    "--checkpoint-dir and --resume are both given: a resumed run goes on"
                            + " checkpointing into the directory of --resume");
        }
        Optional<Path> directory = resume.or(() -> checkpointDir);
        if (directory.isEmpty()) {
            if (arguments.checkpointInterval().isPresent()) {
                throw new RunOptionsException(
                        "--checkpoint-interval needs --checkpoint-dir DIR (or --resume DIR)");
            }
            return Optional.empty();
        }
        Duration interval =
                arguments.checkpointInterval().orElse(CheckpointOptions.DEFAULT_INTERVAL);
        if (interval.compareTo(CheckpointOptions.MIN_INTERVAL) < 0) {
            throw new RunOptionsException(
                    "--checkpoint-interval "
                            + interval.toMillis()
                            + "ms: expected at least "
                            + CheckpointOptions.MIN_INTERVAL.toMillis()
                            + "ms");
        }
        if (Files.exists(directory.get()) && !Files.isDirectory(directory.get())) {
            throw new RunOptionsException(
                    (resume.isPresent() ? "--resume " : "--checkpoint-dir ")
                            + directory.get()
                            + ": not a directory");
        }
        return Optional.of(
                new CheckpointOptions(
                        directory.get(),
                        interval,
                        resume.isPresent(),
                        CheckpointOptions.withoutCheckpointOptions(List.of(args))));
    }

    /**
     * The arguments of {@code run}, {@code translate} and {@code validate}, read alike: the
     * application file and each option's values, in order.
     */
    private record Arguments(
            Optional<Path> application,
            List<Assignment> inputs,
            List<Assignment> schemas,
            List<Assignment> outputs,
            List<Assignment> rowtimes,
            List<Assignment> delays,
            List<Assignment> arrivalTimes,
            List<Assignment> references,
            OptionalInt parallelism,
            OptionalLong randomSeed,
            boolean overwrite,
            Optional<Path> checkpointDir,
            Optional<Duration> checkpointInterval,
            Optional<Path> resume,
            Optional<Path> config) {

        static Arguments read(String... args) {
            Path application = null;
            List<Assignment> inputs = new ArrayList<>();
            List<Assignment> schemas = new ArrayList<>();
            List<Assignment> outputs = new ArrayList<>();
            List<Assignment> rowtimes = new ArrayList<>();
            List<Assignment> delays = new ArrayList<>();
            List<Assignment> arrivalTimes = new ArrayList<>();
            List<Assignment> references = new ArrayList<>();
            OptionalInt parallelism = OptionalInt.empty();
            OptionalLong randomSeed = OptionalLong.empty();
            boolean overwrite = false;
            Optional<Path> checkpointDir = Optional.empty();
            Optional<Duration> checkpointInterval = Optional.empty();
            Optional<Path> resume = Optional.empty();
            Optional<Path> config = Optional.empty();

            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--overwrite")) {
                    overwrite = true;
                    continue;
                }
                if (!arg.startsWith("--")) {
                    if (application != null) {
                        throw new RunOptionsException(
                                "unexpected argument '"
                                        + CommandLineCredentials.redact(arg)
                                        + "': the application is "
                                        + application
                                        + " already; options start with --");
                    }
                    application = Path.of(arg);
                    continue;
                }
                int eq = arg.indexOf('=');
                String option = eq < 0 ? arg : arg.substring(0, eq);
                String value;
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new RunOptionsException(option + " needs a value (see --help)");
                }
                switch (option) {
                    case "--input" ->
                            inputs.add(Assignment.of(option, value, KdaNames.DEFAULT_INPUT_STREAM));
                    case "--schema" ->
                            schemas.add(
                                    Assignment.of(option, value, KdaNames.DEFAULT_INPUT_STREAM));
                    case "--output" ->
                            outputs.add(Assignment.of(option, value, DEFAULT_OUTPUT_STREAM));
                    case "--rowtime" -> rowtimes.add(Assignment.of(option, value, null));
                    case "--watermark-delay" -> delays.add(Assignment.of(option, value, null));
                    case "--arrival-time" -> arrivalTimes.add(Assignment.of(option, value, null));
                    case "--reference" -> references.add(Assignment.of(option, value, null));
                    case "--parallelism" -> {
                        if (parallelism.isPresent()) {
                            throw new RunOptionsException("--parallelism is given twice");
                        }
                        parallelism = OptionalInt.of(RunOptions.parallelism(value));
                    }
                    case "--random-seed" -> {
                        if (randomSeed.isPresent()) {
                            throw new RunOptionsException("--random-seed is given twice");
                        }
                        randomSeed = OptionalLong.of(RunOptions.randomSeed(value));
                    }
                    case "--checkpoint-dir" -> checkpointDir = once(option, checkpointDir, value);
                    case "--resume" -> resume = once(option, resume, value);
                    case "--config" -> {
                        if (config.isPresent()) {
                            throw new RunOptionsException("--config is given twice");
                        }
                        if (value.isBlank()) {
                            throw new RunOptionsException(
                                    "--config needs a file, e.g. --config application.json");
                        }
                        config = Optional.of(Path.of(value));
                    }
                    case "--checkpoint-interval" -> {
                        if (checkpointInterval.isPresent()) {
                            throw new RunOptionsException(option + " is given twice");
                        }
                        checkpointInterval =
                                Optional.of(duration(Assignment.of(option, value, null)));
                    }
                    default ->
                            throw new RunOptionsException(
                                    "unknown option " + option + " (see flink-kda run --help)");
                }
            }
            if (application == null && config.isEmpty()) {
                throw new RunOptionsException(
                        "no application: expected APP.sql before the options, or --config"
                                + " application.json");
            }
            if (application != null && !Files.isRegularFile(application)) {
                throw new RunOptionsException(
                        application
                                + ": application file not found ("
                                + application.toAbsolutePath()
                                + ")");
            }
            if (config.isPresent() && !Files.isRegularFile(config.get())) {
                throw new RunOptionsException(
                        "--config "
                                + config.get()
                                + ": file not found ("
                                + config.get().toAbsolutePath()
                                + ")");
            }
            return new Arguments(
                    Optional.ofNullable(application),
                    inputs,
                    schemas,
                    outputs,
                    rowtimes,
                    delays,
                    arrivalTimes,
                    references,
                    parallelism,
                    randomSeed,
                    overwrite,
                    checkpointDir,
                    checkpointInterval,
                    resume,
                    config);
        }

        /**
         * The configuration of {@code --config}, read and checked.
         *
         * @throws ConfigException listing its problems
         */
        Optional<ApplicationConfig> readConfig() {
            if (config.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(ApplicationConfigReader.read(config.get()));
            } catch (IOException e) {
                throw new RunOptionsException(
                        "--config " + config.get() + ": cannot read it: " + e.getMessage(), e);
            }
        }

        /** A directory option's value, refused when given twice. */
        private static Optional<Path> once(String option, Optional<Path> given, String value) {
            if (given.isPresent()) {
                throw new RunOptionsException(option + " is given twice");
            }
            if (value.isBlank()) {
                throw new RunOptionsException(option + " needs a directory");
            }
            return Optional.of(Path.of(value));
        }
    }

    /**
     * The outputs, each file output checked: its directory exists; it is not a directory, not a
     * file the run reads (following symbolic links, and hard links), not another output's file; and
     * it does not exist unless {@code --overwrite} is given.
     *
     * @param readFiles the files the run reads, by the argument that names them
     */
    private static List<OutputSpec> checkedOutputs(
            List<OutputArgument> outputs, Map<String, Path> readFiles, boolean overwrite) {
        Map<String, RealFile> read = new LinkedHashMap<>();
        readFiles.forEach((argument, path) -> read.put(argument, realFile(argument, path)));
        Map<String, RealFile> written = new LinkedHashMap<>();
        List<OutputSpec> specs = new ArrayList<>();
        for (OutputArgument output : outputs) {
            StreamLocation location = output.location();
            if (location instanceof StreamLocation.File file) {
                Path directory = file.path().toAbsolutePath().getParent();
                if (directory != null && !Files.isDirectory(directory)) {
                    throw new RunOptionsException(
                            output + ": directory not found (" + directory + ")");
                }
                if (Files.isDirectory(file.path())) {
                    throw new RunOptionsException(output + ": is a directory; give a file name");
                }
                RealFile target = realFile(output.toString(), file.path());
                refuseSameFile(
                        output, target, read, "an output must not replace a file the run reads");
                refuseSameFile(output, target, written, "give each output its own file");
                if (target.exists() && !target.isSpecial() && !overwrite) {
                    throw new RunOptionsException(
                            output
                                    + ": "
                                    + target
                                    + " exists; give --overwrite to replace it (it is replaced"
                                    + " when the run has written the stream whole)");
                }
                written.put(output.toString(), target);
            }
            specs.add(new OutputSpec(output.stream(), location, overwrite, output.format()));
        }
        return specs;
    }

    /**
     * An output to check: an {@code --output} argument, or an output of the configuration.
     *
     * @param label what messages call it: the argument, or {@code application.json: $.Outputs[0]}
     */
    private record OutputArgument(
            String label, String stream, StreamLocation location, RecordFormatType format) {

        static OutputArgument of(Assignment output) {
            return new OutputArgument(
                    output.toString(),
                    output.stream(),
                    RunOptions.location(output),
                    RecordFormatType.JSON);
        }

        OutputArgument withFormat(RecordFormatType recordFormat) {
            return new OutputArgument(label, stream, location, recordFormat);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Refuses an output whose file is one of {@code files} (by the argument naming each). */
    private static void refuseSameFile(
            OutputArgument output, RealFile target, Map<String, RealFile> files, String advice) {
        for (Map.Entry<String, RealFile> other : files.entrySet()) {
            boolean same;
            try {
                same = target.isSameFileAs(other.getValue());
            } catch (IOException e) {
                throw new RunOptionsException(
                        output + ": cannot tell whether it is " + other.getValue() + ": " + e, e);
            }
            if (same) {
                throw new RunOptionsException(
                        output
                                + ": is the same file as "
                                + other.getKey()
                                + " ("
                                + other.getValue()
                                + "); "
                                + advice);
            }
        }
    }

    private static RealFile realFile(String argument, Path path) {
        try {
            return RealFile.of(path);
        } catch (IOException e) {
            throw new RunOptionsException(
                    argument + ": cannot resolve " + path.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * Parses the arguments of {@code translate} and {@code validate}: those of {@code run}, where
     * inputs need only their {@code --schema} and reference tables no file ({@code --reference
     * NAME} with {@code --schema NAME=…}); files other than the application are not read.
     *
     * @throws RunOptionsException naming the argument that cannot be used
     */
    public static TranslationOptions parseForTranslation(String... args) {
        Arguments arguments = Arguments.read(args);
        Optional<ApplicationConfig> config = arguments.readConfig();
        Map<String, Assignment> inputByStream = unique(arguments.inputs(), "--input");
        Map<String, Assignment> schemaByStream = unique(arguments.schemas(), "--schema");
        Map<String, Assignment> referenceByTable = new LinkedHashMap<>();
        for (Assignment reference : arguments.references()) {
            String table =
                    reference.stream() == null
                            ? KdaNames.normalize(reference.value())
                            : reference.stream();
            if (referenceByTable.put(table, reference) != null) {
                throw new RunOptionsException(
                        "--reference is given twice for table " + KdaNames.toSql(table));
            }
        }
        Map<String, KdaSchema> inputs = new LinkedHashMap<>();
        Map<String, KdaSchema> references = new LinkedHashMap<>();
        // The configuration's columns; a --schema replaces a stream's or table's.
        config.map(ConfigRunOptions::inputStreams)
                .orElse(Map.of())
                .forEach(
                        (stream, configured) -> {
                            ConfigRunOptions.inputRecordFormat(
                                    config.get(), configured.input().schema()); // checks it
                            inputs.put(stream, configured.input().schema().schema());
                        });
        config.map(ConfigRunOptions::referenceTables)
                .orElse(Map.of())
                .forEach(
                        (table, configured) -> references.put(table, configured.schema().schema()));
        Set<String> streams = new LinkedHashSet<>(inputs.keySet());
        streams.addAll(inputByStream.keySet());
        perStream(arguments.rowtimes(), streams, "--rowtime");
        perStream(arguments.arrivalTimes(), streams, "--arrival-time", ArrivalTimeMode::parse);
        arguments.delays().forEach(RunOptions::duration);
        arguments.outputs().forEach(RunOptions::location);
        for (Map.Entry<String, Assignment> schema : schemaByStream.entrySet()) {
            if (referenceByTable.containsKey(schema.getKey())
                    || references.containsKey(schema.getKey())) {
                references.put(schema.getKey(), schema(schema.getValue()));
            } else {
                inputs.put(schema.getKey(), schema(schema.getValue()));
            }
        }
        inputs.forEach(RunOptions::checkArrivalColumn);
        for (Map.Entry<String, Assignment> input : inputByStream.entrySet()) {
            location(input.getValue());
            if (!inputs.containsKey(input.getKey())) {
                throw new RunOptionsException(
                        input.getValue()
                                + ": no --schema for stream "
                                + KdaNames.toSql(input.getKey()));
            }
        }
        for (Map.Entry<String, Assignment> reference : referenceByTable.entrySet()) {
            if (!references.containsKey(reference.getKey())) {
                throw new RunOptionsException(
                        reference.getValue()
                                + ": no --schema for reference table "
                                + KdaNames.toSql(reference.getKey())
                                + "; give its columns, e.g. --schema "
                                + KdaNames.toSql(reference.getKey())
                                + "=\"TICKER VARCHAR(4), COMPANY VARCHAR(64)\"");
            }
            if (reference.getValue().stream() != null) {
                settings(reference.getValue(), reference.getValue().value(), false);
            }
        }
        Optional<ApplicationCode> code =
                arguments.application().isPresent()
                        ? Optional.empty()
                        : Optional.of(ConfigRunOptions.applicationCode(config.get()));
        return new TranslationOptions(
                arguments.application().orElseGet(() -> arguments.config().orElseThrow()),
                inputs,
                references,
                code);
    }

    /**
     * {@code FILE[?format=csv|json&csv.field-delimiter=;&csv.quote-character='&csv.header=true]} or
     * {@code s3://BUCKET/KEY[?endpoint=…&region=…&profile=…&format=…&csv.…]}.
     */
    /** Whether a {@code --reference} value sets its format ({@code format=…}, {@code csv.…}). */
    private static boolean setsFormat(String value) {
        int query = value.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : value.substring(query + 1).split("&")) {
            if (pair.startsWith("format=") || pair.startsWith("csv.")) {
                return true;
            }
        }
        return false;
    }

    private static ReferenceSpec reference(Assignment reference, KdaSchema schema) {
        ReferenceSettings settings = settings(reference, reference.value(), true);
        return new ReferenceSpec(reference.stream(), settings.source(), schema, settings.format());
    }

    /** The source and format of {@code FILE[?key=value&…]} or {@code s3://BUCKET/KEY[?…]}. */
    private record ReferenceSettings(ReferenceSource source, ReferenceFormat format) {}

    /**
     * @param mustExist whether a file must exist ({@code run}); an S3 object is never looked at
     *     here: {@code run} reads it when it registers the table, before the job starts
     */
    private static ReferenceSettings settings(
            Assignment reference, String value, boolean mustExist) {
        int query = value.indexOf('?');
        String location = query < 0 ? value : value.substring(0, query);
        String queryString = query < 0 ? "" : value.substring(query + 1);
        if (S3ObjectLocation.isS3(location)) {
            return s3Settings(reference, location, queryString);
        }
        Path file = Path.of(location);
        if (mustExist && !Files.isRegularFile(file)) {
            throw new RunOptionsException(
                    reference + ": file not found (" + file.toAbsolutePath() + ")");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : queryString.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (!REFERENCE_SETTINGS.contains(key)) {
                    throw new RunOptionsException(
                            reference
                                    + ": unknown setting '"
                                    + key
                                    + "' (the table connector's: "
                                    + String.join(", ", REFERENCE_SETTINGS)
                                    + ")");
                }
                options.put(key, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return new ReferenceSettings(
                ReferenceSource.file(file),
                referenceFormat(reference, options, file.getFileName().toString()));
    }

    /**
     * {@code s3://BUCKET/KEY} with the settings {@code endpoint}, {@code region}, {@code profile}
     * ({@link AwsSettings}) and the format's ({@link #REFERENCE_SETTINGS}).
     */
    private static ReferenceSettings s3Settings(
            Assignment reference, String location, String queryString) {
        try {
            Map<String, String> pairs = AwsSettings.queryPairs(queryString);
            Map<String, String> formatOptions = new LinkedHashMap<>();
            Map<String, String> awsPairs = new LinkedHashMap<>();
            pairs.forEach(
                    (key, value) ->
                            (REFERENCE_SETTINGS.contains(key) ? formatOptions : awsPairs)
                                    .put(key, value));
            S3ObjectLocation object =
                    S3ObjectLocation.parse(
                            location,
                            AwsSettings.of(awsPairs, false, Set.copyOf(REFERENCE_SETTINGS)));
            String keyName = object.key().substring(object.key().lastIndexOf('/') + 1);
            return new ReferenceSettings(
                    ReferenceSource.s3(object), referenceFormat(reference, formatOptions, keyName));
        } catch (IllegalArgumentException e) {
            throw new RunOptionsException(reference + ": " + e.getMessage(), e);
        }
    }

    /**
     * The format the options give, by default JSON lines for a {@code .json}/{@code .jsonl} name.
     */
    private static ReferenceFormat referenceFormat(
            Assignment reference, Map<String, String> options, String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        Map<String, String> withDefault = new LinkedHashMap<>(options);
        if (!withDefault.containsKey(ReferenceFileTableFactory.FORMAT.key())
                && (name.endsWith(".json") || name.endsWith(".jsonl"))) {
            withDefault.put(ReferenceFileTableFactory.FORMAT.key(), "json");
        }
        try {
            return ReferenceFileTableFactory.format(Configuration.fromMap(withDefault));
        } catch (IllegalArgumentException e) {
            throw new RunOptionsException(reference + ": " + e.getMessage(), e);
        }
    }

    /** The settings a reference file takes: the options of its table connector. */
    private static final List<String> REFERENCE_SETTINGS =
            List.of(
                    ReferenceFileTableFactory.FORMAT.key(),
                    ReferenceFileTableFactory.CSV_FIELD_DELIMITER.key(),
                    ReferenceFileTableFactory.CSV_QUOTE_CHARACTER.key(),
                    ReferenceFileTableFactory.CSV_HEADER.key());

    /** One {@code [STREAM=]VALUE} argument. */
    private record Assignment(String option, String text, String stream, String value) {

        /**
         * Splits off a leading {@code STREAM=} when what precedes the first {@code =} is a KDA
         * identifier; else the whole text is the value and the stream is {@code defaultStream}.
         */
        static Assignment of(String option, String text, String defaultStream) {
            Optional<int[]> split = streamPrefix(text);
            if (split.isPresent()) {
                int end = split.get()[0];
                return new Assignment(
                        option,
                        text,
                        KdaNames.normalize(text.substring(0, end)),
                        text.substring(end + 1));
            }
            return new Assignment(option, text, defaultStream, text);
        }

        /** The index of the {@code =} after a leading identifier, if there is one. */
        private static Optional<int[]> streamPrefix(String text) {
            int end;
            if (text.startsWith("\"")) {
                int i = 1;
                while (true) {
                    int quote = text.indexOf('"', i);
                    if (quote < 0) {
                        return Optional.empty();
                    }
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        i = quote + 2;
                        continue;
                    }
                    end = quote + 1;
                    break;
                }
            } else {
                end = text.indexOf('=');
            }
            if (end <= 0 || end >= text.length() || text.charAt(end) != '=') {
                return Optional.empty();
            }
            return KdaNames.isIdentifier(text.substring(0, end))
                    ? Optional.of(new int[] {end})
                    : Optional.empty();
        }

        /** The argument as given, the values of credentials masked: for messages. */
        String shown() {
            return CommandLineCredentials.redact(text);
        }

        @Override
        public String toString() {
            return option + " " + shown();
        }
    }

    private static Map<String, Assignment> unique(List<Assignment> assignments, String option) {
        Map<String, Assignment> byStream = new LinkedHashMap<>();
        for (Assignment assignment : assignments) {
            Assignment previous = byStream.put(assignment.stream(), assignment);
            if (previous != null) {
                throw new RunOptionsException(
                        option
                                + " is given twice for stream "
                                + KdaNames.toSql(assignment.stream())
                                + ": '"
                                + previous.shown()
                                + "' and '"
                                + assignment.shown()
                                + "'");
            }
        }
        return byStream;
    }

    /**
     * The per-stream values of an option that may be given once for all inputs ({@code VALUE}) and
     * once per stream ({@code STREAM=VALUE}); a per-stream value wins.
     */
    private static Map<String, Assignment> perStreamAssignments(
            List<Assignment> assignments, Set<String> inputs, String option) {
        Assignment global = null;
        Map<String, Assignment> byStream = new LinkedHashMap<>();
        for (Assignment assignment : assignments) {
            if (assignment.stream() == null) {
                if (global != null) {
                    throw new RunOptionsException(
                            option
                                    + " is given twice: '"
                                    + global.shown()
                                    + "' and '"
                                    + assignment.shown()
                                    + "'");
                }
                global = assignment;
            } else if (!inputs.contains(assignment.stream())) {
                throw new RunOptionsException(
                        assignment
                                + ": there is no --input of stream "
                                + KdaNames.toSql(assignment.stream()));
            } else if (byStream.put(assignment.stream(), assignment) != null) {
                throw new RunOptionsException(
                        option
                                + " is given twice for stream "
                                + KdaNames.toSql(assignment.stream()));
            }
        }
        Map<String, Assignment> result = new LinkedHashMap<>();
        for (String stream : inputs) {
            Assignment value = byStream.getOrDefault(stream, global);
            if (value != null) {
                result.put(stream, value);
            }
        }
        return result;
    }

    private static Map<String, RowtimeMode> perStream(
            List<Assignment> assignments, Set<String> inputs, String option) {
        return perStream(assignments, inputs, option, RowtimeMode::parse);
    }

    private static <M> Map<String, M> perStream(
            List<Assignment> assignments,
            Set<String> inputs,
            String option,
            Function<String, M> parse) {
        for (Assignment assignment : assignments) {
            // every value is checked, also one no input takes
            try {
                parse.apply(assignment.value());
            } catch (IllegalArgumentException e) {
                throw new RunOptionsException(assignment + ": " + e.getMessage(), e);
            }
        }
        Map<String, M> modes = new LinkedHashMap<>();
        for (Map.Entry<String, Assignment> e :
                perStreamAssignments(assignments, inputs, option).entrySet()) {
            try {
                modes.put(e.getKey(), parse.apply(e.getValue().value()));
            } catch (IllegalArgumentException ex) {
                throw new RunOptionsException(e.getValue() + ": " + ex.getMessage(), ex);
            }
        }
        return modes;
    }

    /** A declared {@code APPROXIMATE_ARRIVAL_TIME} must be the system column's type. */
    private static void checkArrivalColumn(String stream, KdaSchema schema) {
        try {
            ArrivalTimeMode.declaredColumn(schema);
        } catch (IllegalArgumentException e) {
            throw new RunOptionsException(
                    "--schema " + KdaNames.toSql(stream) + ": " + e.getMessage(), e);
        }
    }

    private static StreamLocation location(Assignment assignment) {
        try {
            return StreamLocation.parse(assignment.value());
        } catch (IllegalArgumentException e) {
            throw new RunOptionsException(assignment + ": " + e.getMessage(), e);
        }
    }

    private static KdaSchema schema(Assignment assignment) {
        String value = assignment.value();
        try {
            if (value.startsWith("@")) {
                Path file = Path.of(value.substring(1));
                if (!Files.isRegularFile(file)) {
                    throw new RunOptionsException(
                            assignment + ": schema file not found (" + file.toAbsolutePath() + ")");
                }
                return KdaSchema.fromFile(file);
            }
            return KdaSchema.parse(value);
        } catch (KdaSchemaException e) {
            throw new RunOptionsException(
                    "--schema " + KdaNames.toSql(assignment.stream()) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RunOptionsException(
                    assignment + ": cannot read the schema file: " + e.getMessage(), e);
        }
    }

    private static long randomSeed(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new RunOptionsException(
                    "--random-seed " + value + ": expected a whole number (a 64-bit integer)");
        }
    }

    private static int parallelism(String value) {
        try {
            int parallelism = Integer.parseInt(value.trim());
            if (parallelism >= 1) {
                return parallelism;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RunOptionsException(
                "--parallelism " + value + ": expected a whole number of at least 1");
    }

    /**
     * {@code 0}, or a whole number with a unit: {@code 500ms}, {@code 5s}, {@code 2min}, {@code
     * 1h}.
     */
    static Duration duration(Assignment assignment) {
        String text = assignment.value().trim();
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new RunOptionsException(
                    assignment + ": expected a duration such as 0, 500ms, 5s, 2min or 1h");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new RunOptionsException(assignment + ": too large", e);
        }
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "sec" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
