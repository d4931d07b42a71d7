package dev.flinkkda.kda.options;

import dev.flinkkda.kda.schema.KdaSchema;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A reference table of {@code flink-kda run}: {@code --reference NAME=FILE[?format=csv|json
 * &header=true&delimiter=;&quote="]} with its columns from {@code --schema NAME=…}.
 *
 * @param tableName the table's name as the application's SQL names it (KDA rules)
 * @param json whether the file holds JSON lines (else CSV); by default from the file's extension
 * @param delimiter the CSV field delimiter
 * @param quote the CSV quote character
 * @param header whether the CSV file's first line is a header to skip
 */
public record ReferenceSpec(
        String tableName,
        Path file,
        KdaSchema schema,
        boolean json,
        char delimiter,
        char quote,
        boolean header) {
    public ReferenceSpec {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema");
    }
}
