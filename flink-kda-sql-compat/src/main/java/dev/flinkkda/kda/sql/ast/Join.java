package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code left [INNER | LEFT | RIGHT | FULL] JOIN right ON condition | USING (columns)}, {@code left
 * CROSS JOIN right}, or {@code left, right}. Joins are left-associative: {@code a JOIN b ON ...
 * JOIN c ON ...} is {@code (a JOIN b) JOIN c}.
 *
 * @param on the {@code ON} condition; empty for {@code USING}, cross and implicit joins
 * @param using the {@code USING} columns; empty unless {@code USING} was written
 */
public record Join(
        SourcePosition position,
        JoinType type,
        Relation left,
        Relation right,
        Optional<Expression> on,
        List<Identifier> using)
        implements Relation {

    public Join {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(on, "on");
        using = List.copyOf(using);
    }
}
