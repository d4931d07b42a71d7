package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code *} or {@code qualifier.*} in a select list.
 *
 * @param qualifier the stream or alias before {@code .*}, empty for a bare {@code *}
 */
public record AllColumns(SourcePosition position, Optional<Identifier> qualifier)
        implements SelectItem {

    public AllColumns {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(qualifier, "qualifier");
    }
}
