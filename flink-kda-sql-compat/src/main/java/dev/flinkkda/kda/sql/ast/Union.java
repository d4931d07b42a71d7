package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code left UNION [ALL | DISTINCT] right}; {@code a UNION ALL b UNION ALL c} is {@code (a UNION
 * ALL b) UNION ALL c}.
 *
 * @param all {@code UNION ALL} (keep duplicates) rather than {@code UNION} / {@code UNION DISTINCT}
 */
public record Union(SourcePosition position, Query left, Query right, boolean all)
        implements Query {

    public Union {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
