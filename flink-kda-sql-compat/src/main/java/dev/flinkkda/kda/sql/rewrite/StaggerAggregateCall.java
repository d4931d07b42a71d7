package dev.flinkkda.kda.sql.rewrite;

import dev.flinkkda.kda.sql.ast.Expression;

import java.util.Objects;
import java.util.Optional;

/**
 * One aggregate of a stagger query, computed by the stagger operator.
 *
 * @param key the {@link ExpressionKeys key} of the aggregate call in the select list
 * @param argument the aggregated expression, empty for {@code COUNT(*)}
 */
public record StaggerAggregateCall(
        String key, StaggerFunction function, Optional<Expression> argument) {
    public StaggerAggregateCall {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(argument, "argument");
    }
}
