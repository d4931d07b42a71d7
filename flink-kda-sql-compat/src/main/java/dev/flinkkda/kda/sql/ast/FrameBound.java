package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * A bound of a window frame: {@code UNBOUNDED PRECEDING}, {@code n PRECEDING}, {@code CURRENT ROW},
 * {@code n FOLLOWING} or {@code UNBOUNDED FOLLOWING}.
 *
 * @param offset the {@code n} of {@code n PRECEDING} / {@code n FOLLOWING} (a row count or an
 *     interval literal); empty for the other kinds
 */
public record FrameBound(SourcePosition position, Kind kind, Optional<Expression> offset)
        implements Node {

    /** The kinds of bound. */
    public enum Kind {
        UNBOUNDED_PRECEDING,
        PRECEDING,
        CURRENT_ROW,
        FOLLOWING,
        UNBOUNDED_FOLLOWING
    }

    public FrameBound {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(offset, "offset");
        boolean needsOffset = kind == Kind.PRECEDING || kind == Kind.FOLLOWING;
        if (needsOffset != offset.isPresent()) {
            throw new IllegalArgumentException(
                    kind + (needsOffset ? " needs an offset" : " has no offset"));
        }
    }
}
