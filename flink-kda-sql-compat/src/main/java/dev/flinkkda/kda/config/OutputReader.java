package dev.flinkkda.kda.config;

import dev.flinkkda.kda.format.RecordFormatType;

import java.util.List;
import java.util.Optional;

/** Reads an {@code Output} or an {@code OutputDescription}. */
final class OutputReader {

    static final List<String> OUTPUT =
            List.of(
                    "Name",
                    "KinesisStreamsOutput",
                    "KinesisFirehoseOutput",
                    "LambdaOutput",
                    "DestinationSchema");

    static final List<String> OUTPUT_DESCRIPTION =
            List.of(
                    "OutputId",
                    "Name",
                    "KinesisStreamsOutputDescription",
                    "KinesisFirehoseOutputDescription",
                    "LambdaOutputDescription",
                    "DestinationSchema");

    private OutputReader() {}

    static Optional<ConfiguredOutput> read(ConfigObject output, ConfigDialect dialect) {
        if (dialect.description()) {
            output.ignored("OutputId");
        }
        Optional<Located<String>> name =
                output.requiredString("Name").filter(n -> InputReader.checkName(output, "Name", n));
        Optional<OutputDestination> destination = destination(output, dialect);
        Optional<RecordFormatType> format =
                output.object(
                                "DestinationSchema",
                                true,
                                "DestinationSchema",
                                List.of("RecordFormatType"))
                        .flatMap(d -> SourceSchemaReader.recordFormatType(d, "RecordFormatType"));
        if (name.isEmpty() || destination.isEmpty() || format.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ConfiguredOutput(
                        name.get(),
                        destination.get(),
                        Located.at(
                                output.pathOf("DestinationSchema") + ".RecordFormatType",
                                format.get()),
                        output.path()));
    }

    private static Optional<OutputDestination> destination(
            ConfigObject output, ConfigDialect dialect) {
        String kinesis = "KinesisStreamsOutput" + dialect.suffix();
        String firehose = "KinesisFirehoseOutput" + dialect.suffix();
        String lambda = "LambdaOutput" + dialect.suffix();
        boolean roleRequired = dialect.roleRequired();
        List<String> given =
                List.of(kinesis, firehose, lambda).stream().filter(output::has).toList();
        if (given.size() != 1) {
            output.problem(
                    (given.isEmpty() ? "has no destination" : "has " + String.join(" and ", given))
                            + "; an output needs exactly one of "
                            + kinesis
                            + ", "
                            + firehose
                            + " or "
                            + lambda
                            + " {"
                            + String.join(", ", dialect.resourceFields())
                            + "}");
            return Optional.empty();
        }
        ConfigObject target =
                output.object(given.get(0), true, given.get(0), dialect.resourceFields())
                        .orElseThrow();
        ArnField.role(target, "RoleARN", roleRequired);
        if (given.get(0).equals(kinesis)) {
            return ArnField.kinesisStream(target, "ResourceARN", true)
                    .map(OutputDestination.KinesisStream::new);
        }
        if (given.get(0).equals(firehose)) {
            return ArnField.firehoseDeliveryStream(target, "ResourceARN", true)
                    .map(OutputDestination.FirehoseDeliveryStream::new);
        }
        return ArnField.lambdaFunction(target, "ResourceARN", true)
                .map(OutputDestination.LambdaFunction::new);
    }
}
