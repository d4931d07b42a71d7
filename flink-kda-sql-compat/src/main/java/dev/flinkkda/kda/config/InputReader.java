package dev.flinkkda.kda.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads an {@code Input} of a {@code CreateApplication} request or an {@code InputDescription} of a
 * describe-application output (the same fields, the nested ones named {@code …Description}).
 */
final class InputReader {

    /**
     * {@code Input}; {@code InputStartingPositionConfiguration} is StartApplication's, accepted
     * here too.
     */
    static final List<String> INPUT =
            List.of(
                    "NamePrefix",
                    "InputProcessingConfiguration",
                    "KinesisStreamsInput",
                    "KinesisFirehoseInput",
                    "InputParallelism",
                    "InputSchema",
                    "InputStartingPositionConfiguration");

    static final List<String> INPUT_DESCRIPTION =
            List.of(
                    "InputId",
                    "NamePrefix",
                    "InAppStreamNames",
                    "InputProcessingConfigurationDescription",
                    "KinesisStreamsInputDescription",
                    "KinesisFirehoseInputDescription",
                    "InputSchema",
                    "InputParallelism",
                    "InputStartingPositionConfiguration");

    /** AWS's InputParallelism.Count: 1 to 64. */
    static final int MAX_PARALLELISM = 64;

    /** AWS's InAppStreamName: 1 to 32 characters. */
    static final int MAX_STREAM_NAME = 32;

    private InputReader() {}

    static Optional<ConfiguredInput> read(ConfigObject input, ConfigDialect dialect) {
        boolean description = dialect.description();
        if (description) {
            input.ignored("InputId");
        }
        Optional<Located<String>> prefix =
                input.requiredString("NamePrefix").filter(p -> checkName(input, "NamePrefix", p));
        OptionalInt count =
                input.object("InputParallelism", false, "InputParallelism", List.of("Count"))
                        .map(
                                p ->
                                        p.optionalInt(
                                                "Count",
                                                1,
                                                MAX_PARALLELISM,
                                                " (KDA's InputParallelism limit); Flink's"
                                                        + " parallelism is --parallelism"))
                        .orElse(OptionalInt.empty());
        Optional<InputSource> source = source(input, dialect);
        Optional<Located<String>> lambda = lambda(input, dialect);
        Optional<Located<StartingPosition>> start = startingPosition(input);
        Optional<ConfiguredSchema> schema = SourceSchemaReader.read(input, "InputSchema");
        List<Located<String>> listed = description ? input.strings("InAppStreamNames") : List.of();
        if (prefix.isEmpty() || source.isEmpty() || schema.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = streamNames(input, prefix.get().value(), count, listed);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ConfiguredInput(
                        prefix.get(),
                        names,
                        source.get(),
                        start,
                        schema.get(),
                        lambda,
                        input.path()));
    }

    /**
     * {@code <prefix>_001 … <prefix>_00n} (the API reference's NamePrefix:
     * "MyInApplicationStream_001, MyInApplicationStream_002, and so on"); a describe output's
     * {@code InAppStreamNames} must be those.
     */
    private static List<String> streamNames(
            ConfigObject input, String prefix, OptionalInt count, List<Located<String>> listed) {
        int n = count.orElse(listed.isEmpty() ? 1 : listed.size());
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add(String.format("%s_%03d", prefix, i));
        }
        if (!listed.isEmpty() && !listed.stream().map(Located::value).toList().equals(names)) {
            input.problem(
                    "InAppStreamNames",
                    "lists "
                            + listed.stream().map(l -> Shown.quoted(l.value())).toList()
                            + ", but NamePrefix "
                            + Shown.quoted(prefix)
                            + " with InputParallelism.Count "
                            + n
                            + " makes "
                            + names
                            + "; KDA names its in-application streams <NamePrefix>_001 …");
            return List.of();
        }
        String longest = names.get(names.size() - 1);
        if (longest.length() > MAX_STREAM_NAME) {
            input.problem(
                    "NamePrefix",
                    "the in-application stream name "
                            + Shown.quoted(longest)
                            + " has "
                            + longest.length()
                            + " characters; KDA allows "
                            + MAX_STREAM_NAME);
            return List.of();
        }
        return names;
    }

    private static Optional<InputSource> source(ConfigObject input, ConfigDialect dialect) {
        String kinesis = "KinesisStreamsInput" + dialect.suffix();
        String firehose = "KinesisFirehoseInput" + dialect.suffix();
        boolean required = dialect.roleRequired();
        if (input.has(kinesis) && input.has(firehose)) {
            input.problem(
                    "has both " + kinesis + " and " + firehose + "; an input reads one stream");
            return Optional.empty();
        }
        if (input.has(firehose)) {
            return input.object(firehose, true, firehose, dialect.resourceFields())
                    .flatMap(
                            f -> {
                                ArnField.role(f, "RoleARN", required);
                                return ArnField.firehoseDeliveryStream(f, "ResourceARN", true);
                            })
                    .map(InputSource.FirehoseDeliveryStream::new);
        }
        if (!input.has(kinesis)) {
            input.problem(
                    kinesis,
                    "missing; an input needs "
                            + kinesis
                            + " {"
                            + String.join(", ", dialect.resourceFields())
                            + "} (or "
                            + firehose
                            + ")");
            return Optional.empty();
        }
        return input.object(kinesis, true, kinesis, dialect.resourceFields())
                .flatMap(
                        k -> {
                            ArnField.role(k, "RoleARN", required);
                            return ArnField.kinesisStream(k, "ResourceARN", true);
                        })
                .map(InputSource.KinesisStream::new);
    }

    private static Optional<Located<String>> lambda(ConfigObject input, ConfigDialect dialect) {
        String suffix = dialect.suffix();
        boolean description = dialect.description();
        return input.object(
                        "InputProcessingConfiguration" + suffix,
                        false,
                        "InputProcessingConfiguration" + suffix,
                        List.of("InputLambdaProcessor" + suffix))
                .flatMap(
                        p ->
                                p.object(
                                        "InputLambdaProcessor" + suffix,
                                        !description,
                                        "InputLambdaProcessor" + suffix,
                                        dialect.resourceFields()))
                .flatMap(
                        l -> {
                            ArnField.role(l, "RoleARN", dialect.roleRequired());
                            return ArnField.lambdaFunction(l, "ResourceARN", true);
                        });
    }

    private static Optional<Located<StartingPosition>> startingPosition(ConfigObject input) {
        return input.object(
                        "InputStartingPositionConfiguration",
                        false,
                        "InputStartingPositionConfiguration",
                        List.of("InputStartingPosition"))
                .flatMap(
                        s ->
                                s.optionalString("InputStartingPosition")
                                        .flatMap(
                                                text -> {
                                                    try {
                                                        return Optional.of(
                                                                Located.at(
                                                                        text.jsonPath(),
                                                                        StartingPosition.valueOf(
                                                                                text.value())));
                                                    } catch (IllegalArgumentException e) {
                                                        s.problem(
                                                                "InputStartingPosition",
                                                                Shown.quoted(text.value())
                                                                        + " is not a starting"
                                                                        + " position; expected NOW,"
                                                                        + " TRIM_HORIZON or"
                                                                        + " LAST_STOPPED_POINT");
                                                        return Optional.empty();
                                                    }
                                                }));
    }

    /** An in-application stream or table name: 1 to 32 characters, no line break. */
    static boolean checkName(ConfigObject object, String field, Located<String> name) {
        String text = name.value();
        if (text.length() > MAX_STREAM_NAME
                || text.isBlank()
                || text.contains("\n")
                || text.contains("\r")) {
            object.problem(
                    field,
                    Shown.quoted(text)
                            + ": expected an in-application name of 1 to "
                            + MAX_STREAM_NAME
                            + " characters without line breaks");
            return false;
        }
        return true;
    }
}
