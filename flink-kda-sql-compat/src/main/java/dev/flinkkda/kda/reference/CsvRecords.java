package dev.flinkkda.kda.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits CSV text into records of fields, as RFC 4180 describes with a configurable delimiter and
 * quote character.
 *
 * <ul>
 *   <li>Records end at {@code \n}, {@code \r\n} or {@code \r}; empty lines are no records.
 *   <li>A field that starts with the quote character is quoted: it ends at the next single quote
 *       character, may contain the delimiter and line breaks, and writes the quote character twice
 *       for one. After its closing quote comes the delimiter or the end of the record.
 *   <li>Other fields are taken as written, spaces included, up to the delimiter or the end of the
 *       record; a quote character inside them is an ordinary character.
 *   <li>An empty unquoted field is {@code null} (SQL {@code NULL}); a quoted empty field ({@code
 *       ""}) is the empty string.
 * </ul>
 */
final class CsvRecords {

    /**
     * One record.
     *
     * @param line the line it starts on, from 1
     * @param fields the fields' values, {@code null} for empty unquoted fields
     */
    record CsvRecord(int line, List<String> fields) {}

    private final String text;
    private final char delimiter;
    private final char quote;
    private final String source;

    private int position;
    private int line = 1;

    private CsvRecords(String text, char delimiter, char quote, String source) {
        this.text = text;
        this.delimiter = delimiter;
        this.quote = quote;
        this.source = source;
    }

    /**
     * The records of {@code text}.
     *
     * @param source the file's name in messages
     * @throws ReferenceDataException for a quoted field that is not closed, or that is followed by
     *     anything but the delimiter or the end of the record, naming {@code source:line}
     */
    static List<CsvRecord> parse(String text, char delimiter, char quote, String source) {
        return new CsvRecords(text, delimiter, quote, source).records();
    }

    private List<CsvRecord> records() {
        List<CsvRecord> records = new ArrayList<>();
        while (position < text.length()) {
            int start = position;
            int startLine = line;
            List<String> fields = new ArrayList<>();
            boolean more = true;
            while (more) {
                fields.add(field(fields.size() + 1));
                more = position < text.length() && text.charAt(position) == delimiter;
                if (more) {
                    position++;
                }
            }
            boolean empty = position == start;
            endOfRecord();
            if (!empty) {
                records.add(new CsvRecord(startLine, Collections.unmodifiableList(fields)));
            }
        }
        return records;
    }

    /** Reads one field; stops at the delimiter, a line break or the end of the text. */
    private String field(int number) {
        if (position < text.length() && text.charAt(position) == quote) {
            return quotedField(number);
        }
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == delimiter || c == '\n' || c == '\r') {
                break;
            }
            position++;
        }
        return position == start ? null : text.substring(start, position);
    }

    private String quotedField(int number) {
        int openingLine = line;
        position++; // the opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new ReferenceDataException(
                        source
                                + ":"
                                + openingLine
                                + ": field "
                                + number
                                + ": the quoted field is not closed");
            }
            char c = text.charAt(position++);
            if (c == quote) {
                if (position < text.length() && text.charAt(position) == quote) {
                    value.append(quote);
                    position++;
                    continue;
                }
                break;
            }
            if (c == '\n' || (c == '\r' && !nextIs('\n'))) {
                line++;
            }
            value.append(c);
        }
        if (position < text.length()) {
            char next = text.charAt(position);
            if (next != delimiter && next != '\n' && next != '\r') {
                throw new ReferenceDataException(
                        source
                                + ":"
                                + line
                                + ": field "
                                + number
                                + ": "
                                + shown(next)
                                + " after the closing quote; a quote inside a quoted field is"
                                + " written twice");
            }
        }
        return value.toString();
    }

    private boolean nextIs(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    /** Moves past the line break that ends a record, if any. */
    private void endOfRecord() {
        if (position >= text.length()) {
            return;
        }
        char c = text.charAt(position++);
        if (c == '\r' && nextIs('\n')) {
            position++;
        }
        line++;
    }

    private static String shown(char c) {
        return c == '\t' ? "'\\t'" : "'" + c + "'";
    }
}
