package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code STEP(operand BY step)}: rounds a timestamp down to a multiple of an interval counted from
 * the epoch ({@code STEP(s.ROWTIME BY INTERVAL '1' MINUTE)}, the tumbling window of a {@code GROUP
 * BY}), or an integer down to a multiple of an integer ({@code STEP(23 BY 5)} is 20).
 *
 * @param step an {@link IntervalLiteral} or an integer expression
 */
public record Step(SourcePosition position, Expression operand, Expression step)
        implements Expression {

    public Step {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(step, "step");
    }
}
