package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code EXISTS (query)}. */
public record Exists(SourcePosition position, Query query) implements Expression {

    public Exists {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(query, "query");
    }
}
