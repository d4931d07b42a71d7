package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}: searched when {@code operand} is empty,
 * simple ({@code CASE x WHEN 1 THEN ...}) otherwise.
 */
public record CaseExpression(
        SourcePosition position,
        Optional<Expression> operand,
        List<WhenClause> whenClauses,
        Optional<Expression> elseResult)
        implements Expression {

    public CaseExpression {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        whenClauses = List.copyOf(whenClauses);
        if (whenClauses.isEmpty()) {
            throw new IllegalArgumentException("CASE needs at least one WHEN");
        }
        Objects.requireNonNull(elseResult, "elseResult");
    }
}
