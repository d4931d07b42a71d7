package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.Objects;

/** {@code expression AS name}: one output column of a plan node. */
public record NamedExpression(String name, TypedExpression expression) {
    public NamedExpression {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }

    public PlanColumn column() {
        return new PlanColumn(name, expression.type());
    }
}
