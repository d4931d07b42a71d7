package dev.flinkkda.kda.sql.functions;

import org.apache.flink.table.types.DataType;

import java.util.List;

/** The type a function returns for the types of its arguments. */
@FunctionalInterface
public interface ReturnType {

    /**
     * @throws IllegalArgumentException when the arguments' types do not fit, with a message for the
     *     user (the caller adds the position)
     */
    DataType of(List<DataType> arguments);
}
