package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE [OR REPLACE] PUMP name [DESCRIPTION '...'] AS INSERT INTO target [(columns)]
 * query}: a continuous insert of the query's rows into an in-application stream.
 *
 * @param targetColumns the insert's column list, empty when none was written (then the query's
 *     columns map to the stream's by position)
 */
public record CreatePump(
        SourcePosition position,
        boolean orReplace,
        Identifier name,
        Optional<String> description,
        Identifier targetStream,
        List<Identifier> targetColumns,
        Query query)
        implements Statement {

    public CreatePump {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(targetStream, "targetStream");
        targetColumns = List.copyOf(targetColumns);
        Objects.requireNonNull(query, "query");
    }
}
