package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/**
 * One field of a log parser's output row.
 *
 * @param name the field's name as a query reads it, e.g. {@code COLUMN1}
 * @param type its Flink type; its values are of the type's default conversion class
 */
public record LogField(String name, DataType type) {

    public LogField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
