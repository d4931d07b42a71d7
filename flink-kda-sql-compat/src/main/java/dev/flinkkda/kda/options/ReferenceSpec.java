package dev.flinkkda.kda.options;

import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.reference.ReferenceSource;
import dev.flinkkda.kda.schema.KdaSchema;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A reference table: {@code --reference NAME=FILE[?format=csv|json&csv.header=true&…]} or {@code
 * --reference NAME=s3://BUCKET/KEY[?endpoint=…&region=…&profile=…&format=…]}, with its columns from
 * {@code --schema NAME=…}. The format settings are the options of the {@code kda-reference-file}
 * table connector.
 *
 * @param tableName the table's name as the application's SQL names it (KDA rules)
 * @param source the file or S3 object; {@code null} for {@code translate} and {@code validate},
 *     which need the columns only
 * @param format the format; by default from the file's (or key's) extension
 */
public record ReferenceSpec(
        String tableName, ReferenceSource source, KdaSchema schema, ReferenceFormat format) {

    public ReferenceSpec {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(format, "format");
    }

    /**
     * A reference table read from a local file.
     *
     * @param file the file; {@code null} for {@code translate} and {@code validate}
     */
    public ReferenceSpec(String tableName, Path file, KdaSchema schema, ReferenceFormat format) {
        this(tableName, file == null ? null : ReferenceSource.file(file), schema, format);
    }

    /**
     * The local file the table is read from; {@code null} when it is read from S3 (or given no
     * source): for the checks that no output replaces a file the run reads.
     */
    public Path file() {
        return source instanceof ReferenceSource.FileSource file ? Path.of(file.path()) : null;
    }
}
