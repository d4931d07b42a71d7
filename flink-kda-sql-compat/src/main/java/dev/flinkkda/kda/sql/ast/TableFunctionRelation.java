package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code TABLE(function(arguments))} in {@code FROM}, e.g. {@code
 * TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM s), 100, 256, 100000, 1))}. The input stream
 * is a {@link CursorExpression} argument; the others are {@link NamedArgument}s or plain
 * expressions.
 */
public record TableFunctionRelation(
        SourcePosition position,
        Identifier function,
        List<Expression> arguments,
        Optional<Identifier> alias,
        List<Identifier> columnAliases)
        implements Relation {

    public TableFunctionRelation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(function, "function");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(alias, "alias");
        columnAliases = List.copyOf(columnAliases);
    }
}
