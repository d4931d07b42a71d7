package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A query in {@code FROM}: {@code (SELECT STREAM ...) AS t} or, naming its columns, {@code (...) AS
 * l(r)}.
 */
public record SubqueryRelation(
        SourcePosition position,
        Query query,
        Optional<Identifier> alias,
        List<Identifier> columnAliases)
        implements Relation {

    public SubqueryRelation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(alias, "alias");
        columnAliases = List.copyOf(columnAliases);
    }
}
