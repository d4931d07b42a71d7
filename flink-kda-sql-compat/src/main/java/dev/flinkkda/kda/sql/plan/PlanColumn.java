package dev.flinkkda.kda.sql.plan;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/** A column of a plan node's output: its name and Flink type. */
public record PlanColumn(String name, DataType type) {
    public PlanColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
