package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.api.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code VARIABLE_COLUMN_LOG_PARSE(s, columns, delimiter [, escape [, quote]])}: splits the string
 * at each occurrence of the delimiter (a character or a longer string).
 *
 * <ul>
 *   <li>{@code columns} is a number n, giving fields {@code COLUMN1} … {@code COLUMNn} of type
 *       {@code VARCHAR(1024)}, or a list {@code 'name TYPE type [NOT NULL] ['date format'], …'}
 *       whose fields are converted to their types (see {@link FieldConverter}: a value that does
 *       not convert is null).
 *   <li>The escape string, if given and not empty, makes the character (or delimiter) after it
 *       literal: with {@code \} as escape, {@code a\,b} is one field {@code a,b}.
 *   <li>The quote string, one or two characters, gives the begin and end quote (one character: the
 *       same for both); a delimiter between quotes does not split, and the quotes are not part of
 *       the value.
 *   <li>A line with fewer fields than columns leaves the last columns null; fields beyond the last
 *       column are dropped. A null line gives a null row.
 * </ul>
 */
final class VariableColumnLogParser extends AbstractLogParser {

    private final List<FieldConverter> converters;
    private final String delimiter;
    private final String escape;
    private final char beginQuote;
    private final char endQuote;
    private final boolean quoted;

    private VariableColumnLogParser(
            String functionName,
            List<LogField> fields,
            List<FieldConverter> converters,
            String delimiter,
            String escape,
            String quote) {
        super(functionName, fields);
        this.converters = List.copyOf(converters);
        this.delimiter = delimiter;
        this.escape = escape == null || escape.isEmpty() ? null : escape;
        this.quoted = quote != null && !quote.isEmpty();
        this.beginQuote = quoted ? quote.charAt(0) : 0;
        this.endQuote = quoted ? quote.charAt(quote.length() - 1) : 0;
    }

    /**
     * @param arguments the call's arguments after the string: columns, delimiter, escape, quote
     */
    static VariableColumnLogParser compile(String functionName, List<?> arguments) {
        if (arguments.size() < 2 || arguments.size() > 4) {
            throw new LogParserSpecException(
                    functionName,
                    Math.min(arguments.size() + 1, 4),
                    "takes 3 to 5 arguments (string, columns, delimiter [, escape [, quote]]),"
                            + " not "
                            + (arguments.size() + 1));
        }
        List<LogField> fields = new ArrayList<>();
        List<FieldConverter> converters = new ArrayList<>();
        Object columns = arguments.get(0);
        OptionalInt count = count(columns);
        if (count.isPresent()) {
            if (count.getAsInt() < 1) {
                throw new LogParserSpecException(
                        functionName,
                        1,
                        "the number of columns must be at least 1, not " + count.getAsInt());
            }
            for (int i = 1; i <= count.getAsInt(); i++) {
                fields.add(
                        new LogField("COLUMN" + i, DataTypes.VARCHAR(RegexLogParser.FIELD_LENGTH)));
                converters.add(FieldConverter.string());
            }
        } else if (columns instanceof String list) {
            for (ColumnDescription column :
                    ColumnDescription.parseList(list, functionName, 1, false)) {
                fields.add(new LogField(column.name(), column.type()));
                converters.add(column.converter());
            }
        } else {
            throw new LogParserSpecException(
                    functionName,
                    1,
                    "the columns must be a number or a column list such as"
                            + " 'NAME TYPE VARCHAR(16), COUNT TYPE INTEGER', not "
                            + columns);
        }
        String delimiter = string(functionName, arguments, 1, "delimiter");
        if (delimiter == null || delimiter.isEmpty()) {
            throw new LogParserSpecException(
                    functionName, 2, "the delimiter must be a character or string, not empty");
        }
        String escape = arguments.size() > 2 ? string(functionName, arguments, 2, "escape") : null;
        String quote = arguments.size() > 3 ? string(functionName, arguments, 3, "quote") : null;
        if (quote != null && quote.length() > 2) {
            throw new LogParserSpecException(
                    functionName,
                    4,
                    "the quote string has one or two characters (begin and end quote), not '"
                            + quote
                            + "'");
        }
        return new VariableColumnLogParser(
                functionName, fields, converters, delimiter, escape, quote);
    }

    private static OptionalInt count(Object columns) {
        if (columns instanceof Number number) {
            return OptionalInt.of(number.intValue());
        }
        if (columns instanceof String text && text.trim().matches("-?\\d{1,9}")) {
            return OptionalInt.of(Integer.parseInt(text.trim()));
        }
        return OptionalInt.empty();
    }

    private static String string(String functionName, List<?> arguments, int index, String what) {
        Object value = arguments.get(index);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new LogParserSpecException(
                functionName, index + 1, "the " + what + " must be a string, not " + value);
    }

    @Override
    Object[] parseLine(String line) {
        Object[] values = new Object[fields().size()];
        List<String> texts = split(line);
        for (int i = 0; i < values.length && i < texts.size(); i++) {
            values[i] = converters.get(i).convert(texts.get(i));
        }
        return values;
    }

    /** The fields of one line, unescaped and unquoted; at most as many as there are columns. */
    List<String> split(String line) {
        List<String> texts = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuote = false;
        int i = 0;
        while (i < line.length() && texts.size() < fields().size()) {
            if (escape != null && line.startsWith(escape, i)) {
                int next = i + escape.length();
                if (next < line.length()) {
                    int end =
                            line.startsWith(delimiter, next) ? next + delimiter.length() : next + 1;
                    field.append(line, next, end);
                    i = end;
                } else {
                    field.append(escape);
                    i = next;
                }
                continue;
            }
            char c = line.charAt(i);
            if (quoted && inQuote && c == endQuote) {
                inQuote = false;
                i++;
            } else if (quoted && !inQuote && c == beginQuote) {
                inQuote = true;
                i++;
            } else if (!inQuote && line.startsWith(delimiter, i)) {
                texts.add(field.toString());
                field.setLength(0);
                i += delimiter.length();
            } else {
                field.append(c);
                i++;
            }
        }
        if (texts.size() < fields().size()) {
            texts.add(field.toString());
        }
        return texts;
    }
}
