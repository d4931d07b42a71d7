package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code EXTRACT(field FROM source)}, e.g. {@code EXTRACT(HOUR FROM ROWTIME)}. */
public record Extract(SourcePosition position, TimeUnit field, Expression source)
        implements Expression {

    public Extract {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(source, "source");
    }
}
