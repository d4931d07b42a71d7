package dev.flinkkda.kda.format;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the records of an input (or a reference table) hold their rows: KDA's {@code RecordFormat} of
 * an {@code InputSchema} or {@code ReferenceSchema}, with its {@code RecordColumns}' {@code
 * Mapping}s.
 *
 * <ul>
 *   <li>{@link Json}: a JSON document per record; {@code RecordRowPath} and a JSONPath per column.
 *   <li>{@link Csv}: delimited text; columns by position; a record may hold several rows.
 * </ul>
 *
 * <p>{@link #jsonLines()} is what flink-kda read before formats could be given, and still reads by
 * default: one row per JSON object, each column the value of the key of its name.
 */
public sealed interface RecordFormat extends Serializable {

    /** {@code RecordFormatType}. */
    RecordFormatType type();

    /**
     * KDA's JSON records ({@code JSONMappingParameters}).
     *
     * @param recordRowPath where the rows are: {@code $} (the record is one row, or each element of
     *     the one array that the mappings flatten is), or a path ending in {@code [0:]} (each
     *     element of that array is a row), or a path to an object that holds the row (the base of
     *     the columns without a mapping)
     * @param columnMappings per column name (as {@link dev.flinkkda.kda.schema.KdaColumn#name}),
     *     the JSONPath of its value, from the record's root ({@code $}); a column without one takes
     *     the key equal to its name (else equal ignoring case) in the row's object
     */
    record Json(JsonPath recordRowPath, Map<String, JsonPath> columnMappings)
            implements RecordFormat {

        private static final long serialVersionUID = 1L;

        public Json {
            Objects.requireNonNull(recordRowPath, "recordRowPath");
            columnMappings = unmodifiableCopy(columnMappings);
        }

        @Override
        public RecordFormatType type() {
            return RecordFormatType.JSON;
        }
    }

    /**
     * KDA's CSV records ({@code CSVMappingParameters}).
     *
     * @param columnDelimiter between the fields of a row, e.g. {@code ","}; one or more characters
     * @param rowDelimiter between the rows of a record, e.g. {@code "\n"}; one or more characters
     */
    record Csv(String columnDelimiter, String rowDelimiter) implements RecordFormat {

        private static final long serialVersionUID = 1L;

        public Csv {
            Objects.requireNonNull(columnDelimiter, "columnDelimiter");
            Objects.requireNonNull(rowDelimiter, "rowDelimiter");
            if (columnDelimiter.isEmpty()) {
                throw new IllegalArgumentException(
                        "RecordColumnDelimiter: must be at least one character");
            }
            if (rowDelimiter.isEmpty()) {
                throw new IllegalArgumentException(
                        "RecordRowDelimiter: must be at least one character");
            }
            if (columnDelimiter.contains(rowDelimiter) || rowDelimiter.contains(columnDelimiter)) {
                throw new IllegalArgumentException(
                        "RecordColumnDelimiter "
                                + shown(columnDelimiter)
                                + " and RecordRowDelimiter "
                                + shown(rowDelimiter)
                                + ": one must not contain the other");
            }
            if (columnDelimiter.indexOf('"') >= 0 || rowDelimiter.indexOf('"') >= 0) {
                throw new IllegalArgumentException(
                        "a delimiter must not contain '\"', the quote of a quoted field");
            }
        }

        @Override
        public RecordFormatType type() {
            return RecordFormatType.CSV;
        }

        @Override
        public String toString() {
            return "Csv[columnDelimiter="
                    + shown(columnDelimiter)
                    + ", rowDelimiter="
                    + shown(rowDelimiter)
                    + "]";
        }
    }

    /**
     * flink-kda's default: one JSON object per record, one row per record ({@code RecordRowPath}
     * {@code $}), each column the value of the key of its name.
     */
    static Json jsonLines() {
        return new Json(JsonPath.root(), Map.of());
    }

    /** JSON records with a row path and mappings per column name. */
    static Json json(JsonPath recordRowPath, Map<String, JsonPath> columnMappings) {
        return new Json(recordRowPath, columnMappings);
    }

    /** CSV records with these delimiters. */
    static Csv csv(String columnDelimiter, String rowDelimiter) {
        return new Csv(columnDelimiter, rowDelimiter);
    }

    private static Map<String, JsonPath> unmodifiableCopy(Map<String, JsonPath> mappings) {
        Objects.requireNonNull(mappings, "columnMappings");
        Map<String, JsonPath> copy = new LinkedHashMap<>();
        mappings.forEach(
                (name, path) ->
                        copy.put(
                                Objects.requireNonNull(name, "column name"),
                                Objects.requireNonNull(path, "mapping of " + name)));
        return Collections.unmodifiableMap(copy);
    }

    /** A delimiter as Java would write it in a string literal, e.g. {@code "\r\n"}. */
    private static String shown(String delimiter) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < delimiter.length(); i++) {
            char c = delimiter.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"').toString();
    }
}
