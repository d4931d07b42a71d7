package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * A dotted name in an expression: {@code TICKER}, {@code s.ROWTIME}, {@code
 * "SOURCE_SQL_STREAM_001".ROWTIME}, or a path into a row-typed column such as {@code t.r."COL_1"}.
 * The analyser decides which parts name a stream, a column or a row field.
 */
public record ColumnReference(SourcePosition position, List<Identifier> parts)
        implements Expression {

    public ColumnReference {
        Objects.requireNonNull(position, "position");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a column reference has at least one part");
        }
    }

    /** The last part: the column (or row field) name. */
    public Identifier name() {
        return parts.get(parts.size() - 1);
    }

    /** The parts before the last one, e.g. the stream of {@code s.ROWTIME}; empty if none. */
    public List<Identifier> qualifier() {
        return parts.subList(0, parts.size() - 1);
    }
}
