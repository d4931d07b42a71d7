package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call of a scalar, aggregate or analytic function: {@code AVG(price)}, {@code COUNT(*)}, {@code
 * COUNT(DISTINCT ticker)}, {@code LAG(price, 1) IGNORE NULLS OVER w}, {@code SUM(x) OVER (PARTITION
 * BY k RANGE INTERVAL '1' MINUTE PRECEDING)}, and the functions written without parentheses ({@code
 * CURRENT_ROW_TIMESTAMP}, {@code CURRENT_TIMESTAMP}, ...).
 *
 * <p>The SQL special forms are folded into ordinary argument lists: {@code POSITION(a IN b)} is
 * {@code POSITION(a, b)}, {@code SUBSTRING(s FROM a FOR b)} is {@code SUBSTRING(s, a, b)}, {@code
 * OVERLAY(s PLACING r FROM a FOR b)} is {@code OVERLAY(s, r, a, b)}.
 *
 * @param distinct whether {@code DISTINCT} was written before the arguments
 * @param starArgument whether the argument is {@code *}, as in {@code COUNT(*)}
 * @param fromLast {@code NTH_VALUE(x, n) FROM LAST} ({@code FROM FIRST}, the default, is false)
 * @param nullTreatment {@code RESPECT NULLS} / {@code IGNORE NULLS}, empty when not written
 * @param over the window of an analytic call, empty for other calls
 */
public record FunctionCall(
        SourcePosition position,
        Identifier name,
        boolean distinct,
        boolean starArgument,
        List<Expression> arguments,
        boolean fromLast,
        Optional<NullTreatment> nullTreatment,
        Optional<Over> over)
        implements Expression {

    /** Whether an analytic function skips nulls. */
    public enum NullTreatment {
        RESPECT_NULLS,
        IGNORE_NULLS
    }

    public FunctionCall {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(nullTreatment, "nullTreatment");
        Objects.requireNonNull(over, "over");
        if (starArgument && !arguments.isEmpty()) {
            throw new IllegalArgumentException("a (*) call has no other arguments");
        }
    }

    /** A call with positional arguments only, e.g. {@code UPPER(s)}. */
    public static FunctionCall of(
            SourcePosition position, Identifier name, List<Expression> arguments) {
        return new FunctionCall(
                position, name, false, false, arguments, false, Optional.empty(), Optional.empty());
    }
}
