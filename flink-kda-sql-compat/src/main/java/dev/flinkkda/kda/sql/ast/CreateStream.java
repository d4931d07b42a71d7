package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code CREATE [OR REPLACE] STREAM name (column type, ...) [DESCRIPTION '...']}: an in-application
 * stream. Its implicit {@code ROWTIME} column is not listed.
 */
public record CreateStream(
        SourcePosition position,
        boolean orReplace,
        Identifier name,
        List<ColumnDefinition> columns,
        Optional<String> description)
        implements Statement {

    public CreateStream {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(description, "description");
    }
}
