package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code WHEN condition THEN result} of a {@link CaseExpression}. In a simple {@code CASE x WHEN v
 * ...} the condition is the value {@code v} that {@code x} is compared with.
 */
public record WhenClause(SourcePosition position, Expression condition, Expression result)
        implements Node {

    public WhenClause {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(result, "result");
    }
}
