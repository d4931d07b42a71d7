package dev.flinkkda.kda.functions.logparse;

import java.util.List;

/**
 * What every KDA log parser has alike: the name of its function, the fields of its row, and a null
 * row for a null line, as {@link LogParser#parse} promises. A parser says only how it reads a line
 * that is there ({@link #parseLine}), so that the accessors and the null rule are written once.
 */
abstract class AbstractLogParser implements LogParser {

    private final String functionName;
    private final List<LogField> fields;

    AbstractLogParser(String functionName, List<LogField> fields) {
        this.functionName = functionName;
        this.fields = List.copyOf(fields);
    }

    @Override
    public final String functionName() {
        return functionName;
    }

    @Override
    public final List<LogField> fields() {
        return fields;
    }

    @Override
    public final Object[] parse(String line) {
        return line == null ? null : parseLine(line);
    }

    /**
     * The values of a line that is not null, one per field (see {@link LogParser#parse}); null when
     * it does not have the parser's shape.
     */
    abstract Object[] parseLine(String line);
}
