package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** A column of {@code CREATE STREAM}: {@code name type [NOT NULL]}. */
public record ColumnDefinition(
        SourcePosition position, Identifier name, DataType type, boolean notNull) implements Node {

    public ColumnDefinition {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
