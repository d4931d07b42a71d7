package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.Objects;

/** A select item: the column it makes and the expression that computes it. */
public record OutputColumn(String name, TypedExpression expression) {
    public OutputColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }
}
