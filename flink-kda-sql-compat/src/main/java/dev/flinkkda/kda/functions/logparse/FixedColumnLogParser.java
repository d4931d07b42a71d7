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
final class FixedColumnLogParser extends AbstractLogParser {

    private final List<ColumnDescription> columns;

    private FixedColumnLogParser(String functionName, List<ColumnDescription> columns) {
        super(functionName, fieldsOf(columns));
        this.columns = columns;
    }

    private static List<LogField> fieldsOf(List<ColumnDescription> columns) {
        List<LogField> fields = new ArrayList<>();
        for (ColumnDescription column : columns) {
            fields.add(new LogField(column.name(), column.type()));
        }
        return fields;
    }

    /**
     * @param arguments the call's arguments after the string: the column list
     */
    static FixedColumnLogParser compile(String functionName, List<?> arguments) {
        LogParsers.requireOneArgument(functionName, arguments, "column list");
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
    Object[] parseLine(String line) {
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
