package dev.flinkkda.kda.sql.ast;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number as written: {@code 42} ({@link Kind#INTEGER}), {@code 0.25} or {@code .5} ({@link
 * Kind#DECIMAL}), {@code 1.5E3} ({@link Kind#APPROXIMATE}). A leading minus sign is a {@link
 * UnaryOperation}, not part of the literal.
 */
public record NumericLiteral(SourcePosition position, String text, Kind kind)
        implements Expression {

    /** The literal's form, which gives its SQL type. */
    public enum Kind {
        /** Digits only: an exact integer. */
        INTEGER,
        /** Digits with a decimal point: an exact decimal. */
        DECIMAL,
        /** With an exponent: an approximate (floating-point) number. */
        APPROXIMATE
    }

    public NumericLiteral {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    /** The exact value of the literal as written. */
    public BigDecimal value() {
        return new BigDecimal(text);
    }
}
