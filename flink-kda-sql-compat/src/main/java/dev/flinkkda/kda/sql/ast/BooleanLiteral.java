package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(SourcePosition position, boolean value) implements Expression {

    public BooleanLiteral {
        Objects.requireNonNull(position, "position");
    }
}
