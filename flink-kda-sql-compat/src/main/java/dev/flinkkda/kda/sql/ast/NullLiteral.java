package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code NULL}. */
public record NullLiteral(SourcePosition position) implements Expression {

    public NullLiteral {
        Objects.requireNonNull(position, "position");
    }
}
