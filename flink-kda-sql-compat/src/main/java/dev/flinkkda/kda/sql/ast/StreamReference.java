package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-application stream or reference table read by name: {@code "SOURCE_SQL_STREAM_001" [AS s]}.
 * In a stream-to-stream join the stream carries a window, {@code JOIN s OVER (RANGE INTERVAL '1'
 * MINUTE PRECEDING) AS t}, or names one of the query's {@code WINDOW} clause, {@code JOIN s OVER w
 * AS t … WINDOW w AS (RANGE …)}.
 *
 * @param window the {@code OVER (...)} or {@code OVER name} after the name, empty when none was
 *     written
 * @param columnAliases the column names of {@code AS alias (c1, c2)}, empty when none were written
 */
public record StreamReference(
        SourcePosition position,
        Identifier name,
        Optional<Over> window,
        Optional<Identifier> alias,
        List<Identifier> columnAliases)
        implements Relation {

    public StreamReference {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(alias, "alias");
        columnAliases = List.copyOf(columnAliases);
    }
}
