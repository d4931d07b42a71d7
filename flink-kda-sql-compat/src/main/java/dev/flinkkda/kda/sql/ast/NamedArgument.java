package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code name => value}, a function argument given by name. KDA's documentation passes the
 * parameters of its functions by position; the named form is accepted for functions that declare
 * parameter names. The grammar allows it only as a function argument.
 */
public record NamedArgument(SourcePosition position, Identifier name, Expression value)
        implements Expression {

    public NamedArgument {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
