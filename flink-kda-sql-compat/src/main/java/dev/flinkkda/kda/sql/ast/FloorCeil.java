package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code FLOOR(operand TO unit)} or {@code CEIL(operand TO unit)} ({@code CEILING} too): a
 * timestamp rounded to a whole unit, e.g. {@code FLOOR(EVENT_TIME TO MINUTE)}. Plain {@code
 * FLOOR(x)} and {@code CEIL(x)} are {@link FunctionCall}s.
 */
public record FloorCeil(
        SourcePosition position, Direction direction, Expression operand, TimeUnit unit)
        implements Expression {

    /** Which way to round. */
    public enum Direction {
        FLOOR,
        CEIL
    }

    public FloorCeil {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(unit, "unit");
    }
}
