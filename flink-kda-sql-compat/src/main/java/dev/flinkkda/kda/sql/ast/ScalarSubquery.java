package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code (query)} used as a value. */
public record ScalarSubquery(SourcePosition position, Query query) implements Expression {

    public ScalarSubquery {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(query, "query");
    }
}
