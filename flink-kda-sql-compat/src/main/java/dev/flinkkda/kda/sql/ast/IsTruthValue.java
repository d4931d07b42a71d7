package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code condition IS [NOT] TRUE | FALSE | UNKNOWN}. */
public record IsTruthValue(
        SourcePosition position, Expression operand, TruthValue value, boolean negated)
        implements Expression {

    /** The three truth values of SQL. */
    public enum TruthValue {
        TRUE,
        FALSE,
        UNKNOWN
    }

    public IsTruthValue {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(value, "value");
    }
}
