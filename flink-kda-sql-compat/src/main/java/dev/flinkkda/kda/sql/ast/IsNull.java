package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code operand IS [NOT] NULL}. */
public record IsNull(SourcePosition position, Expression operand, boolean negated)
        implements Expression {

    public IsNull {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
    }
}
