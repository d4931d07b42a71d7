package dev.flinkkda.kda.sql.functions;

import org.apache.flink.table.types.DataType;

import java.util.List;

/** The type a function returns for its arguments. */
@FunctionalInterface
public interface ReturnType {

    /**
     * The type for the types of the arguments.
     *
     * @throws IllegalArgumentException when the arguments' types do not fit, with a message for the
     *     user (the caller adds the position); an {@link ArgumentException} names the argument
     */
    DataType of(List<DataType> arguments);

    /**
     * The type for the arguments' types and, where an argument is a constant, its value: a log
     * parser's row type depends on its pattern. Most functions need the types only.
     *
     * @param literals per argument, its {@link LiteralValue} when it is a constant, else null
     */
    default DataType of(List<DataType> arguments, List<LiteralValue> literals) {
        return of(arguments);
    }

    /** The value of a constant argument: a {@code String}, a {@code BigDecimal} or null. */
    record LiteralValue(Object value) {}
}
