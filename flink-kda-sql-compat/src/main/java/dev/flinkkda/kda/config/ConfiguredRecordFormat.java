package dev.flinkkda.kda.config;

import dev.flinkkda.kda.format.RecordFormatType;

import java.util.Objects;

/**
 * A {@code RecordFormat} of an input or reference data: JSON with its {@code RecordRowPath}, or CSV
 * with its column and row delimiters. Without {@code MappingParameters}, JSON rows are at {@code $}
 * and CSV rows are delimited by {@code \n}, columns by {@code ,} (the values AWS's examples use);
 * the located values then carry the path where the parameter would be.
 */
public sealed interface ConfiguredRecordFormat {

    /** The JSON path of the {@code RecordFormat}. */
    String jsonPath();

    /** The format's type. */
    RecordFormatType type();

    /** JSON records; each row at {@code RecordRowPath} (e.g. {@code $}, {@code $.readings[0:]}). */
    record Json(Located<String> recordRowPath, String jsonPath) implements ConfiguredRecordFormat {
        public Json {
            Objects.requireNonNull(recordRowPath, "recordRowPath");
            Objects.requireNonNull(jsonPath, "jsonPath");
        }

        @Override
        public RecordFormatType type() {
            return RecordFormatType.JSON;
        }
    }

    /** Delimited records: columns by position. */
    record Csv(Located<String> columnDelimiter, Located<String> rowDelimiter, String jsonPath)
            implements ConfiguredRecordFormat {
        public Csv {
            Objects.requireNonNull(columnDelimiter, "columnDelimiter");
            Objects.requireNonNull(rowDelimiter, "rowDelimiter");
            Objects.requireNonNull(jsonPath, "jsonPath");
        }

        @Override
        public RecordFormatType type() {
            return RecordFormatType.CSV;
        }
    }
}
