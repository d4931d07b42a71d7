package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code CAST(operand AS type)}. */
public record Cast(SourcePosition position, Expression operand, DataType type)
        implements Expression {

    public Cast {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(type, "type");
    }
}
