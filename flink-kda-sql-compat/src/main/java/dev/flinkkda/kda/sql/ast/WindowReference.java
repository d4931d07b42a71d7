package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code OVER name}: a window defined in the query's {@code WINDOW} clause. */
public record WindowReference(SourcePosition position, Identifier name) implements Over {

    public WindowReference {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
    }
}
