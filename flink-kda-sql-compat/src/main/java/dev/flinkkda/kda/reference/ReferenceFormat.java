package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.format.RecordFormat;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a reference table's file is written: CSV (a delimiter, a quote character, an optional header
 * line) or JSON lines (one JSON object per line).
 *
 * <p>Immutable: {@code ReferenceFormat.csv().withFieldDelimiter(';').withHeader(true)}. {@link
 * #options()} gives the {@value ReferenceFileTableFactory#IDENTIFIER} connector options that stand
 * for it.
 */
public final class ReferenceFormat implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The syntaxes of a reference file. */
    public enum Kind {
        /** Comma (or other) separated values, one record per line; quoted fields may span lines. */
        CSV,
        /** JSON lines: one JSON object per line, a key per column. */
        JSON,
        /**
         * KDA's {@code ReferenceSchema} record format ({@link RecordFormat}): JSON with a {@code
         * RecordRowPath} and JSONPath mappings, or CSV with its column and row delimiters.
         */
        RECORDS
    }

    private static final ReferenceFormat JSON_FORMAT =
            new ReferenceFormat(Kind.JSON, ',', '"', false, null);

    private final Kind kind;
    private final char fieldDelimiter;
    private final char quoteCharacter;
    private final boolean header;
    private final RecordFormat records;

    private ReferenceFormat(
            Kind kind,
            char fieldDelimiter,
            char quoteCharacter,
            boolean header,
            RecordFormat records) {
        this.kind = kind;
        this.fieldDelimiter = fieldDelimiter;
        this.quoteCharacter = quoteCharacter;
        this.header = header;
        this.records = records;
    }

    /** CSV with {@code ,} between fields, {@code "} around quoted fields and no header line. */
    public static ReferenceFormat csv() {
        return new ReferenceFormat(Kind.CSV, ',', '"', false, null);
    }

    /**
     * CSV with the given characters.
     *
     * @param header whether the first record is a header, skipped
     * @throws IllegalArgumentException for a line break, or both characters the same
     */
    public static ReferenceFormat csv(char fieldDelimiter, char quoteCharacter, boolean header) {
        checkCharacters(fieldDelimiter, quoteCharacter);
        return new ReferenceFormat(Kind.CSV, fieldDelimiter, quoteCharacter, header, null);
    }

    /** JSON lines. */
    public static ReferenceFormat json() {
        return JSON_FORMAT;
    }

    /**
     * Records as KDA's {@code ReferenceSchema} maps them: for CSV the file is one record, its rows
     * split at the row delimiter; for JSON each line is a record, unless the row path flattens an
     * array ({@code $[0:]}, {@code $.items[0:]}), which reads the whole file as one document.
     */
    public static ReferenceFormat records(RecordFormat records) {
        return new ReferenceFormat(
                Kind.RECORDS, ',', '"', false, Objects.requireNonNull(records, "records"));
    }

    /** The KDA record format of a {@link Kind#RECORDS} format. */
    public Optional<RecordFormat> recordFormat() {
        return Optional.ofNullable(records);
    }

    /**
     * This CSV format with another field delimiter.
     *
     * @throws IllegalArgumentException for a line break or the quote character
     * @throws IllegalStateException if this format is not CSV
     */
    public ReferenceFormat withFieldDelimiter(char delimiter) {
        requireCsv(ReferenceFileTableFactory.CSV_FIELD_DELIMITER.key());
        checkCharacters(delimiter, quoteCharacter);
        return new ReferenceFormat(kind, delimiter, quoteCharacter, header, null);
    }

    /**
     * This CSV format with another quote character.
     *
     * @throws IllegalArgumentException for a line break or the field delimiter
     * @throws IllegalStateException if this format is not CSV
     */
    public ReferenceFormat withQuoteCharacter(char quote) {
        requireCsv(ReferenceFileTableFactory.CSV_QUOTE_CHARACTER.key());
        checkCharacters(fieldDelimiter, quote);
        return new ReferenceFormat(kind, fieldDelimiter, quote, header, null);
    }

    /**
     * This CSV format, its first line skipped as a header or not.
     *
     * @throws IllegalStateException if this format is not CSV
     */
    public ReferenceFormat withHeader(boolean skipFirstLine) {
        requireCsv(ReferenceFileTableFactory.CSV_HEADER.key());
        return new ReferenceFormat(kind, fieldDelimiter, quoteCharacter, skipFirstLine, null);
    }

    /** CSV or JSON lines. */
    public Kind kind() {
        return kind;
    }

    /** The character between CSV fields; {@code ,} for JSON lines, where it plays no part. */
    public char fieldDelimiter() {
        return fieldDelimiter;
    }

    /** The character around quoted CSV fields; {@code "} for JSON lines. */
    public char quoteCharacter() {
        return quoteCharacter;
    }

    /** Whether the first CSV record is a header, skipped; false for JSON lines. */
    public boolean header() {
        return header;
    }

    /**
     * The connector options of this format: {@code format}, and for CSV {@code
     * csv.field-delimiter}, {@code csv.quote-character} and {@code csv.header}.
     */
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ReferenceFileTableFactory.FORMAT.key(), formatName(kind));
        if (kind == Kind.CSV) {
            options.put(
                    ReferenceFileTableFactory.CSV_FIELD_DELIMITER.key(),
                    String.valueOf(fieldDelimiter));
            options.put(
                    ReferenceFileTableFactory.CSV_QUOTE_CHARACTER.key(),
                    String.valueOf(quoteCharacter));
            options.put(ReferenceFileTableFactory.CSV_HEADER.key(), String.valueOf(header));
        }
        if (kind == Kind.RECORDS) {
            options.put(
                    ReferenceFileTableFactory.RECORD_FORMAT.key(), RecordFormatText.write(records));
        }
        return options;
    }

    /** The value of the {@code format} option: {@code csv}, {@code json} or {@code kda-records}. */
    static String formatName(Kind kind) {
        switch (kind) {
            case CSV:
                return "csv";
            case JSON:
                return "json";
            default:
                return "kda-records";
        }
    }

    /**
     * The character an option's value stands for: one character, or {@code \t} for a tab.
     *
     * @throws IllegalArgumentException naming the option
     */
    static char optionCharacter(String option, String value) {
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw new IllegalArgumentException(
                    "option '"
                            + option
                            + "' must be one character (or \\t for a tab), was '"
                            + value
                            + "'");
        }
        return value.charAt(0);
    }

    private void requireCsv(String option) {
        if (kind != Kind.CSV) {
            throw new IllegalStateException(
                    "option '"
                            + option
                            + "' applies to format 'csv' only, not '"
                            + formatName(kind)
                            + "'");
        }
    }

    /**
     * @throws IllegalArgumentException if a character is a line break (which ends a record) or both
     *     are the same (a field could not say where it ends)
     */
    static void checkCharacters(char delimiter, char quote) {
        if (isLineBreak(delimiter)) {
            throw new IllegalArgumentException(
                    "option '"
                            + ReferenceFileTableFactory.CSV_FIELD_DELIMITER.key()
                            + "' cannot be a line break");
        }
        if (isLineBreak(quote)) {
            throw new IllegalArgumentException(
                    "option '"
                            + ReferenceFileTableFactory.CSV_QUOTE_CHARACTER.key()
                            + "' cannot be a line break");
        }
        if (delimiter == quote) {
            throw new IllegalArgumentException(
                    "options '"
                            + ReferenceFileTableFactory.CSV_FIELD_DELIMITER.key()
                            + "' and '"
                            + ReferenceFileTableFactory.CSV_QUOTE_CHARACTER.key()
                            + "' cannot be the same character: '"
                            + delimiter
                            + "'");
        }
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceFormat other
                && kind == other.kind
                && fieldDelimiter == other.fieldDelimiter
                && quoteCharacter == other.quoteCharacter
                && header == other.header
                && Objects.equals(records, other.records);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, fieldDelimiter, quoteCharacter, header, records);
    }

    /** The options, e.g. {@code format=csv, csv.field-delimiter=;, …}. */
    @Override
    public String toString() {
        return options().toString();
    }
}
