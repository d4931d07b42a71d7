package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code name AS (window specification)} in a {@code WINDOW} clause. */
public record NamedWindow(SourcePosition position, Identifier name, WindowSpec specification)
        implements Node {

    public NamedWindow {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specification, "specification");
    }
}
