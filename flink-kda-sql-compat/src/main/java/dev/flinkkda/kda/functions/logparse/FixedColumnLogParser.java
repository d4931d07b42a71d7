package dev.flinkkda.kda.functions.logparse;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code FIXED_COLUMN_LOG_PARSE(s, 'name TYPE type [NOT NULL] ['date format'] START s [FOR n],
 * …')}: each column is the {@code n} characters from the 0-based offset {@code s} (to the end of
 * the line without {@code FOR}), converted to its type (see {@link FieldConverter}: numbers and
 * dates are trimmed, a value that does not convert is null; strings are kept as they are, padding
 * included). A column that starts past the end of the line is null; one that runs past it takes
 * what there is. A null line gives a null row.
 */
final class FixedColumnLogParser implements LogParser {

    private final String functionName;
    private final List<ColumnDescription> columns;
    private final List<LogField> fields;

    private FixedColumnLogParser(String functionName, List<ColumnDescription> columns) {
        this.functionName = functionName;
        this.columns = columns;
        List<LogField> list = new ArrayList<>();
        for (ColumnDescription column : columns) {
            list.add(new LogField(column.name(), column.type()));
        }
        this.fields = List.copyOf(list);
    }

    /**
     * @param arguments the call's arguments after the string: the column list
     */
    static FixedColumnLogParser compile(String functionName, List<?> arguments) {
        if (arguments.size() != 1) {
            throw new LogParserSpecException(
                    functionName,
                    Math.min(arguments.size() + 1, 2),
                    "takes 2 arguments (string, column list), not " + (arguments.size() + 1));
        }
        if (!(arguments.get(0) instanceof String spec)) {
            throw new LogParserSpecException(
                    functionName,
                    1,
                    "the columns must be a list such as 'NAME TYPE VARCHAR(8) START 0 FOR 8',"
                            + " not "
                            + arguments.get(0));
        }
        return new FixedColumnLogParser(
                functionName, ColumnDescription.parseList(spec, functionName, 1, true));
    }

    @Override
    public String functionName() {
        return functionName;
    }

    @Override
    public List<LogField> fields() {
        return fields;
    }

    @Override
    public Object[] parse(String line) {
        if (line == null) {
            return null;
        }
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnDescription column = columns.get(i);
            int start = column.start().getAsInt();
            if (start >= line.length()) {
                continue;
            }
            int end =
                    column.length().isPresent()
                            ? (int)
                                    Math.min(
                                            line.length(),
                                            (long) start + column.length().getAsInt())
                            : line.length();
            values[i] = column.converter().convert(line.substring(start, end));
        }
        return values;
    }
}
