package dev.flinkkda.kda.sql.analysis;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/** A column a query can read from a relation of its {@code FROM}, with its Flink type. */
public record RelationColumn(String name, DataType type) {
    public RelationColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
