package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code operand [NOT] IN (value, ...)}. */
public record InList(
        SourcePosition position, Expression operand, List<Expression> values, boolean negated)
        implements Expression {

    public InList {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        values = List.copyOf(values);
    }
}
