package dev.flinkkda.kda.config;

import dev.flinkkda.kda.schema.KdaSchema;

import java.util.List;
import java.util.Objects;

/**
 * A {@code SourceSchema} ({@code InputSchema} of an input, {@code ReferenceSchema} of reference
 * data): how records become rows, and the rows' columns.
 *
 * @param recordFormat JSON or CSV, with its mapping parameters
 * @param recordEncoding {@code RecordEncoding}; AWS allows only {@code UTF-8}, the default
 * @param columns the {@code RecordColumns}, in order
 * @param schema the same columns as a schema of the runtime
 * @param jsonPath where the {@code SourceSchema} is
 */
public record ConfiguredSchema(
        ConfiguredRecordFormat recordFormat,
        String recordEncoding,
        List<ConfiguredColumn> columns,
        KdaSchema schema,
        String jsonPath) {
    public ConfiguredSchema {
        Objects.requireNonNull(recordFormat, "recordFormat");
        Objects.requireNonNull(recordEncoding, "recordEncoding");
        columns = List.copyOf(columns);
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(jsonPath, "jsonPath");
    }
}
