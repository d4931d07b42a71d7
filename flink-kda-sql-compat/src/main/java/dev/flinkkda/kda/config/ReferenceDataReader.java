package dev.flinkkda.kda.config;

import java.util.List;
import java.util.Optional;

/** Reads a {@code ReferenceDataSource} or a {@code ReferenceDataSourceDescription}. */
final class ReferenceDataReader {

    static final List<String> REFERENCE_DATA_SOURCE =
            List.of("TableName", "S3ReferenceDataSource", "ReferenceSchema");

    static final List<String> REFERENCE_DATA_SOURCE_DESCRIPTION =
            List.of(
                    "ReferenceId",
                    "TableName",
                    "S3ReferenceDataSourceDescription",
                    "ReferenceSchema");

    private ReferenceDataReader() {}

    static Optional<ConfiguredReferenceData> read(ConfigObject reference, ConfigDialect dialect) {
        String s3Field = "S3ReferenceDataSource" + dialect.suffix();
        if (dialect.description()) {
            reference.requiredString("ReferenceId");
        }
        Optional<Located<String>> table =
                reference
                        .requiredString("TableName")
                        .filter(t -> InputReader.checkName(reference, "TableName", t));
        Optional<ConfiguredS3Object> s3 =
                reference
                        .object(s3Field, true, s3Field, dialect.s3ReferenceFields())
                        .flatMap(
                                s -> {
                                    ArnField.role(
                                            s, "ReferenceRoleARN", dialect.referenceRoleRequired());
                                    Optional<Located<String>> bucket =
                                            ArnField.bucket(s, "BucketARN");
                                    Optional<Located<String>> key = s.requiredString("FileKey");
                                    if (bucket.isEmpty() || key.isEmpty()) {
                                        return Optional.empty();
                                    }
                                    return Optional.of(
                                            new ConfiguredS3Object(
                                                    bucket.get().value(),
                                                    Located.at(
                                                            s.pathOf("BucketARN"),
                                                            s.requiredString("BucketARN")
                                                                    .orElseThrow()
                                                                    .value()),
                                                    key.get()));
                                });
        Optional<ConfiguredSchema> schema = SourceSchemaReader.read(reference, "ReferenceSchema");
        if (table.isEmpty() || s3.isEmpty() || schema.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new ConfiguredReferenceData(table.get(), s3.get(), schema.get(), reference.path()));
    }
}
