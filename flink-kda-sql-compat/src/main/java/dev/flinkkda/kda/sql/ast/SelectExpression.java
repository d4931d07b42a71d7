package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/** {@code expression [[AS] alias]} in a select list. */
public record SelectExpression(
        SourcePosition position, Expression expression, Optional<Identifier> alias)
        implements SelectItem {

    public SelectExpression {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(alias, "alias");
    }
}
