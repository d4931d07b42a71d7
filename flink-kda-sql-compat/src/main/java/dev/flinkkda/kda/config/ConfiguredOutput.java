package dev.flinkkda.kda.config;

import dev.flinkkda.kda.format.RecordFormatType;

import java.util.Objects;

/**
 * An {@code Output} ({@code OutputDescription}): an in-application stream written to a destination.
 *
 * @param streamName {@code Name}: the in-application stream, as written (e.g. {@code
 *     DESTINATION_SQL_STREAM}, {@code error_stream})
 * @param destination the Kinesis stream, Firehose delivery stream or Lambda function
 * @param format {@code DestinationSchema.RecordFormatType}
 * @param jsonPath where the output is, e.g. {@code $.Outputs[0]}
 */
public record ConfiguredOutput(
        Located<String> streamName,
        OutputDestination destination,
        Located<RecordFormatType> format,
        String jsonPath) {
    public ConfiguredOutput {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(jsonPath, "jsonPath");
    }
}
