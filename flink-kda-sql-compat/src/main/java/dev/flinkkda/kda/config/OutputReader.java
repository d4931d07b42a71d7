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

    private static final List<String> RESOURCE_AND_ROLE = List.of("ResourceARN", "RoleARN");

    private OutputReader() {}

    static Optional<ConfiguredOutput> read(ConfigObject output, boolean description) {
        String suffix = description ? "Description" : "";
        if (description) {
            output.ignored("OutputId");
        }
        Optional<Located<String>> name =
                output.requiredString("Name").filter(n -> InputReader.checkName(output, "Name", n));
        Optional<OutputDestination> destination = destination(output, suffix);
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

    private static Optional<OutputDestination> destination(ConfigObject output, String suffix) {
        String kinesis = "KinesisStreamsOutput" + suffix;
        String firehose = "KinesisFirehoseOutput" + suffix;
        String lambda = "LambdaOutput" + suffix;
        boolean roleRequired = suffix.isEmpty();
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
                            + " {ResourceARN, RoleARN}");
            return Optional.empty();
        }
        ConfigObject target =
                output.object(given.get(0), true, given.get(0), RESOURCE_AND_ROLE).orElseThrow();
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
