package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code operand [NOT] BETWEEN low AND high}. */
public record Between(
        SourcePosition position,
        Expression operand,
        Expression low,
        Expression high,
        boolean negated)
        implements Expression {

    public Between {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
    }
}
