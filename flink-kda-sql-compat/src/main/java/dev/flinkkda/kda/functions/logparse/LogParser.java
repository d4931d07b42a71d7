package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.util.List;

/**
 * A compiled KDA log parser: made once from a call's literal arguments by {@link
 * LogParsers#compile}, immutable and thread-safe, it turns one line into the values of {@link
 * #fields()}.
 */
public interface LogParser {

    /** The KDA name of the function, e.g. {@code REGEX_LOG_PARSE}. */
    String functionName();

    /** The fields of the output row, in order. */
    List<LogField> fields();

    /**
     * The values of one line, one per field, each of its field type's default conversion class
     * ({@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal}, {@code
     * LocalDateTime}, …) or null; the whole result is null when {@code line} is null or does not
     * have the parser's shape.
     */
    Object[] parse(String line);

    /** The output row type: {@code ROW<field type, …>}. */
    default DataType rowType() {
        return DataTypes.ROW(
                fields().stream()
                        .map(field -> DataTypes.FIELD(field.name(), field.type()))
                        .toArray(DataTypes.Field[]::new));
    }
}
