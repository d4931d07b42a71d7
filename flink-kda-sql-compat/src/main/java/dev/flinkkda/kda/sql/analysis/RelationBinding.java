package dev.flinkkda.kda.sql.analysis;

import java.util.Objects;

/**
 * A stream or reference table in a query's {@code FROM}, under the name the query uses for it: its
 * alias, or its own name.
 */
public record RelationBinding(String alias, StreamDefinition stream) {
    public RelationBinding {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(stream, "stream");
    }
}
