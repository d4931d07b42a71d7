package dev.flinkkda.kda.sql.functions;

import dev.flinkkda.kda.functions.logparse.LogParserSpecException;
import dev.flinkkda.kda.functions.logparse.LogParsers;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.ArrayList;
import java.util.List;

/**
 * A log parser's {@code ROW} type: its fields come from its constant arguments (the pattern, the
 * column list, the format), compiled by the same code that parses the lines at run time.
 */
final class LogParserReturnType implements ReturnType {

    private final String function;

    LogParserReturnType(String function) {
        this.function = function;
    }

    @Override
    public DataType of(List<DataType> arguments) {
        throw new IllegalStateException(function + " is typed by its constant arguments");
    }

    @Override
    public DataType of(List<DataType> arguments, List<LiteralValue> literals) {
        LogicalType line = arguments.get(0).getLogicalType();
        if (!line.is(LogicalTypeFamily.CHARACTER_STRING) && !line.is(LogicalTypeRoot.NULL)) {
            throw new ArgumentException(
                    0,
                    function
                            + " parses a character string, not "
                            + line.copy(true).asSummaryString());
        }
        List<Object> values = new ArrayList<>();
        for (int i = 1; i < literals.size(); i++) {
            if (literals.get(i) == null) {
                throw new ArgumentException(
                        i,
                        function
                                + ": argument "
                                + (i + 1)
                                + " must be a constant; it says how lines are parsed");
            }
            values.add(literals.get(i).value());
        }
        try {
            return LogParsers.compile(function, values).rowType();
        } catch (LogParserSpecException e) {
            throw new ArgumentException(e.argumentIndex(), e.getMessage());
        }
    }
}
