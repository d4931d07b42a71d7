package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code left operator right}: arithmetic, {@code ||}, a comparison, {@code AND} or {@code OR}. Its
 * position is that of the left operand.
 */
public record BinaryOperation(
        SourcePosition position, Operator operator, Expression left, Expression right)
        implements Expression {

    /** The binary operators, with the symbol KDA writes. */
    public enum Operator {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        CONCAT("||"),
        EQUAL("="),
        NOT_EQUAL("<>"),
        LESS_THAN("<"),
        LESS_THAN_OR_EQUAL("<="),
        GREATER_THAN(">"),
        GREATER_THAN_OR_EQUAL(">="),
        AND("AND"),
        OR("OR");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in SQL ({@code !=} is written {@code <>}). */
        public String symbol() {
            return symbol;
        }
    }

    public BinaryOperation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
