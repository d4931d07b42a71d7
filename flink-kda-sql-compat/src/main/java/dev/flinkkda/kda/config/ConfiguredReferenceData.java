package dev.flinkkda.kda.config;

import java.util.Objects;

/**
 * A {@code ReferenceDataSource} ({@code ReferenceDataSourceDescription}): an S3 object loaded into
 * an in-application table when the application starts.
 *
 * @param tableName {@code TableName}, as written (e.g. {@code CompanyName})
 * @param s3Object the bucket and key
 * @param schema {@code ReferenceSchema}
 * @param jsonPath where it is, e.g. {@code $.ReferenceDataSources[0]}
 */
public record ConfiguredReferenceData(
        Located<String> tableName,
        ConfiguredS3Object s3Object,
        ConfiguredSchema schema,
        String jsonPath) {
    public ConfiguredReferenceData {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(s3Object, "s3Object");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(jsonPath, "jsonPath");
    }
}
