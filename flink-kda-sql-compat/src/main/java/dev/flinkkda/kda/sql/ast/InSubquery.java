package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code operand [NOT] IN (query)}. */
public record InSubquery(SourcePosition position, Expression operand, Query query, boolean negated)
        implements Expression {

    public InSubquery {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(query, "query");
    }
}
