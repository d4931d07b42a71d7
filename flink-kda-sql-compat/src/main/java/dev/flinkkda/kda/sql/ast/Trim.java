package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code TRIM([BOTH | LEADING | TRAILING] [character] FROM source)} or {@code TRIM(source)}.
 *
 * @param side which end(s) to trim; {@link Side#BOTH} when not written
 * @param character what to remove; empty means a space
 */
public record Trim(
        SourcePosition position, Side side, Optional<Expression> character, Expression source)
        implements Expression {

    /** The ends of the string to trim. */
    public enum Side {
        BOTH,
        LEADING,
        TRAILING
    }

    public Trim {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(character, "character");
        Objects.requireNonNull(source, "source");
    }
}
