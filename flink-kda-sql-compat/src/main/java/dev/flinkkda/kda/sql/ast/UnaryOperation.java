package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/** {@code -x}, {@code +x} or {@code NOT condition}. */
public record UnaryOperation(SourcePosition position, Operator operator, Expression operand)
        implements Expression {

    /** The prefix operators. */
    public enum Operator {
        PLUS,
        MINUS,
        NOT
    }

    public UnaryOperation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
    }
}
