package dev.flinkkda.kda.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code Input} ({@code InputDescription}): a streaming source and the in-application streams it
 * feeds.
 *
 * @param namePrefix {@code NamePrefix}, e.g. {@code SOURCE_SQL_STREAM}
 * @param streamNames the in-application streams: {@code <prefix>_001 … <prefix>_00n} for {@code
 *     InputParallelism.Count} n (KDA's naming: the API reference's {@code NamePrefix}), or the
 *     {@code InAppStreamNames} a describe-application output lists
 * @param source the Kinesis data stream or Firehose delivery stream
 * @param startingPosition {@code InputStartingPositionConfiguration}, if given
 * @param schema {@code InputSchema}
 * @param lambdaPreprocessor the ARN of {@code InputProcessingConfiguration}'s {@code
 *     InputLambdaProcessor}, if any ({@code run} refuses it)
 * @param jsonPath where the input is, e.g. {@code $.Inputs[0]}
 */
public record ConfiguredInput(
        Located<String> namePrefix,
        List<String> streamNames,
        InputSource source,
        Optional<Located<StartingPosition>> startingPosition,
        ConfiguredSchema schema,
        Optional<Located<String>> lambdaPreprocessor,
        String jsonPath) {
    public ConfiguredInput {
        Objects.requireNonNull(namePrefix, "namePrefix");
        streamNames = List.copyOf(streamNames);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(startingPosition, "startingPosition");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(lambdaPreprocessor, "lambdaPreprocessor");
        Objects.requireNonNull(jsonPath, "jsonPath");
    }
}
