package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code CURSOR(SELECT STREAM ...)}: the input stream of a table function such as {@code
 * RANDOM_CUT_FOREST}. The grammar allows it only as a function argument.
 */
public record CursorExpression(SourcePosition position, Query query) implements Expression {

    public CursorExpression {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(query, "query");
    }
}
