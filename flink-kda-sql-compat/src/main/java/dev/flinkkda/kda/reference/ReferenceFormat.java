package dev.flinkkda.kda.reference;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    /** The two syntaxes of a reference file. */
    public enum Kind {
        /** Comma (or other) separated values, one record per line; quoted fields may span lines. */
        CSV,
        /** JSON lines: one JSON object per line, a key per column. */
        JSON
    }

    private static final ReferenceFormat JSON_FORMAT =
            new ReferenceFormat(Kind.JSON, ',', '"', false);

    private final Kind kind;
    private final char fieldDelimiter;
    private final char quoteCharacter;
    private final boolean header;

    private ReferenceFormat(Kind kind, char fieldDelimiter, char quoteCharacter, boolean header) {
        this.kind = kind;
        this.fieldDelimiter = fieldDelimiter;
        this.quoteCharacter = quoteCharacter;
        this.header = header;
    }

    /** CSV with {@code ,} between fields, {@code "} around quoted fields and no header line. */
    public static ReferenceFormat csv() {
        return new ReferenceFormat(Kind.CSV, ',', '"', false);
    }

    /**
     * CSV with the given characters.
     *
     * @param header whether the first record is a header, skipped
     * @throws IllegalArgumentException for a line break, or both characters the same
     */
    public static ReferenceFormat csv(char fieldDelimiter, char quoteCharacter, boolean header) {
        checkCharacters(fieldDelimiter, quoteCharacter);
        return new ReferenceFormat(Kind.CSV, fieldDelimiter, quoteCharacter, header);
    }

    /** JSON lines. */
    public static ReferenceFormat json() {
        return JSON_FORMAT;
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
        return new ReferenceFormat(kind, delimiter, quoteCharacter, header);
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
        return new ReferenceFormat(kind, fieldDelimiter, quote, header);
    }

    /**
     * This CSV format, its first line skipped as a header or not.
     *
     * @throws IllegalStateException if this format is not CSV
     */
    public ReferenceFormat withHeader(boolean skipFirstLine) {
        requireCsv(ReferenceFileTableFactory.CSV_HEADER.key());
        return new ReferenceFormat(kind, fieldDelimiter, quoteCharacter, skipFirstLine);
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
        return options;
    }

    /** The value of the {@code format} option: {@code csv} or {@code json}. */
    static String formatName(Kind kind) {
        return kind == Kind.CSV ? "csv" : "json";
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
                    "option '" + option + "' applies to format 'csv' only, not 'json'");
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
                && header == other.header;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, fieldDelimiter, quoteCharacter, header);
    }

    /** The options, e.g. {@code format=csv, csv.field-delimiter=;, …}. */
    @Override
    public String toString() {
        return options().toString();
    }
}
