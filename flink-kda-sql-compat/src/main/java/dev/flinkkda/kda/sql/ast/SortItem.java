package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code expression [ASC | DESC] [NULLS FIRST | NULLS LAST]} of an {@code ORDER BY}. */
public record SortItem(
        SourcePosition position,
        Expression expression,
        boolean descending,
        NullOrdering nullOrdering)
        implements Node {

    /** Where nulls go; {@link #UNSPECIFIED} when the query does not say. */
    public enum NullOrdering {
        UNSPECIFIED,
        FIRST,
        LAST
    }

    public SortItem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(nullOrdering, "nullOrdering");
    }
}
