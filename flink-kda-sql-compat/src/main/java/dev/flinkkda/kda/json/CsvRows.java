package dev.flinkkda.kda.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record into rows of fields by KDA's {@code CSVMappingParameters}: a row delimiter
 * and a column delimiter, each one or more characters.
 *
 * <ul>
 *   <li>Rows end at the row delimiter; a delimiter at the end of the record ends the last row and
 *       starts none. Empty rows (two row delimiters in a row) are no rows. With the row delimiter
 *       {@code \n}, a {@code \r} right before it belongs to it ({@code \r\n} line ends read as
 *       {@code \n} ones).
 *   <li>A field whose first character other than spaces and tabs is {@code "} is quoted (RFC 4180):
 *       it may hold both delimiters, writes {@code "} twice for one, and only spaces and tabs may
 *       follow its closing quote before the next delimiter (KDA's own example {@code "name1",
 *       "address1"} reads as {@code name1} and {@code address1}).
 *   <li>Other fields are taken as written, spaces included; a {@code "} inside them is an ordinary
 *       character. An empty unquoted field is {@code null} (SQL {@code NULL}); {@code ""} is the
 *       empty string.
 * </ul>
 *
 * <p>KDA documents neither quoting nor empty values; these are the rules of RFC 4180 and of
 * flink-kda's reference files, so that a value holding a delimiter can be written at all.
 */
final class CsvRows {

    /**
     * One row, or why it could not be read.
     *
     * @param fields the fields, {@code null} for an empty unquoted one; null for a row in error
     * @param error why the row could not be read, or null
     */
    record Row(String[] fields, String error) {}

    private final String text;
    private final String columnDelimiter;
    private final String rowDelimiter;
    private final char columnStart;
    private final char rowStart;
    private final boolean lineFeedRows;
    private int position;
    // Why the field just read is no field, and whether it is a quoted field left open.
    private String pendingError;
    private boolean unclosed;

    // Why the field just read is no field, and whether it is a quoted field left open.
    private CsvRows(String text, String columnDelimiter, String rowDelimiter) {
        this.text = text;
        this.columnDelimiter = columnDelimiter;
        this.rowDelimiter = rowDelimiter;
        this.columnStart = columnDelimiter.charAt(0);
        this.rowStart = rowDelimiter.charAt(0);
        this.lineFeedRows = rowDelimiter.equals("\n");
    }

    /** The rows of a record, in order. */
    static List<Row> split(String text, String columnDelimiter, String rowDelimiter) {
        return new CsvRows(text, columnDelimiter, rowDelimiter).rows();
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        while (position < text.length()) {
            List<String> fields = new ArrayList<>();
            String error = null;
            while (true) {
                String field;
                int quote = quoteAt(position);
                if (quote >= 0) {
                    position = quote;
                    field = quoted(fields.size() + 1);
                    if (field == null) {
                        error = pendingError;
                        break;
                    }
                } else {
                    field = unquoted();
                }
                fields.add(field);
                if (atColumnDelimiter()) {
                    position += columnDelimiter.length();
                    continue;
                }
                break;
            }
            if (error != null) {
                rows.add(new Row(null, error));
                if (unclosed) {
                    return rows;
                }
                skipToRowEnd();
            }
            boolean empty = error == null && fields.size() == 1 && fields.get(0) == null;
            endOfRow();
            if (error == null && !empty) {
                rows.add(new Row(fields.toArray(String[]::new), null));
            }
        }
        return rows;
    }

    /** Where a quoted field starting at {@code from} opens (after blanks), or -1 if it is none. */
    private int quoteAt(int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if ((c != ' ' && c != '\t') || atColumnDelimiter(i) || atRowDelimiter(i)) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private String unquoted() {
        int start = position;
        while (position < text.length() && !atColumnDelimiter() && !atRowDelimiter()) {
            position++;
        }
        return position == start ? null : text.substring(start, position);
    }

    /** A quoted field at {@code position} (its opening quote); null with {@link #pendingError}. */
    private String quoted(int number) {
        position++; // the opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                pendingError = "field " + number + ": the quoted field is not closed";
                unclosed = true;
                return null;
            }
            char c = text.charAt(position++);
            if (c == '"') {
                if (position < text.length() && text.charAt(position) == '"') {
                    value.append('"');
                    position++;
                    continue;
                }
                break;
            }
            value.append(c);
        }
        while (position < text.length()
                && (text.charAt(position) == ' ' || text.charAt(position) == '\t')
                && !atColumnDelimiter()
                && !atRowDelimiter()) {
            position++;
        }
        if (position < text.length() && !atColumnDelimiter() && !atRowDelimiter()) {
            pendingError =
                    "field "
                            + number
                            + ": '"
                            + text.charAt(position)
                            + "' after the closing quote; a quote inside a quoted field is written"
                            + " twice";
            return null;
        }
        return value.toString();
    }

    private void skipToRowEnd() {
        while (position < text.length() && !atRowDelimiter()) {
            position++;
        }
    }

    /** Moves past the row delimiter at {@code position}, if any. */
    private void endOfRow() {
        if (position >= text.length()) {
            return;
        }
        if (lineFeedRows && text.charAt(position) == '\r') {
            position++;
            if (position == text.length()) {
                return;
            }
        }
        position += rowDelimiter.length();
    }

    private boolean atColumnDelimiter() {
        return atColumnDelimiter(position);
    }

    private boolean atColumnDelimiter(int at) {
        return at < text.length()
                && text.charAt(at) == columnStart
                && text.startsWith(columnDelimiter, at);
    }

    private boolean atRowDelimiter() {
        return atRowDelimiter(position);
    }

    private boolean atRowDelimiter(int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        if (lineFeedRows && c == '\r' && (at + 1 == text.length() || text.charAt(at + 1) == '\n')) {
            return true; // \r\n, or a \r ending the record
        }
        return c == rowStart && text.startsWith(rowDelimiter, at);
    }
}
