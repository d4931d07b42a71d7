package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code operand [NOT] LIKE pattern [ESCAPE c]} or {@code operand [NOT] SIMILAR TO pattern [ESCAPE
 * c]}.
 */
public record Like(
        SourcePosition position,
        Kind kind,
        Expression operand,
        Expression pattern,
        Optional<Expression> escape,
        boolean negated)
        implements Expression {

    /** The pattern language. */
    public enum Kind {
        /** {@code LIKE}: {@code %} and {@code _} wildcards. */
        LIKE,
        /** {@code SIMILAR TO}: SQL regular expressions. */
        SIMILAR_TO
    }

    public Like {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(escape, "escape");
    }
}
