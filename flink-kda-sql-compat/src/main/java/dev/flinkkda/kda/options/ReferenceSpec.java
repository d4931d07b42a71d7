package dev.flinkkda.kda.options;

import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.schema.KdaSchema;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A reference table: {@code --reference NAME=FILE[?format=csv|json&csv.header=true&…]} with its
 * columns from {@code --schema NAME=…}. The settings are the options of the {@code
 * kda-reference-file} table connector.
 *
 * @param tableName the table's name as the application's SQL names it (KDA rules)
 * @param file the file; {@code null} for {@code translate} and {@code validate}, which need the
 *     columns only
 * @param format the file's format; by default from the file's extension
 */
public record ReferenceSpec(String tableName, Path file, KdaSchema schema, ReferenceFormat format) {
    public ReferenceSpec {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(format, "format");
    }
}
