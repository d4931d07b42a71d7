package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * A character string, {@code 'it''s'}.
 *
 * @param value the characters between the quotes, with {@code ''} read as one quote
 */
public record StringLiteral(SourcePosition position, String value) implements Expression {

    public StringLiteral {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(value, "value");
    }
}
