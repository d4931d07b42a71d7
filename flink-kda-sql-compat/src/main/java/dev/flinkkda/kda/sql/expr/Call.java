package dev.flinkkda.kda.sql.expr;

import dev.flinkkda.kda.sql.functions.KdaFunction;

import org.apache.flink.table.types.DataType;

import java.util.List;
import java.util.Objects;

/**
 * A call of a function or operator of the {@link dev.flinkkda.kda.sql.functions.KdaFunctionTable
 * function table}: scalar functions, aggregates, and the operators and special forms ({@code +},
 * {@code CASE}, {@code CAST}, {@code BETWEEN}, {@code FLOOR(x TO unit)} …).
 *
 * @param distinct {@code AGG(DISTINCT x)}
 * @param star {@code COUNT(*)}
 * @param keyword the word of a special form that is not an argument: the unit of {@code EXTRACT}
 *     and {@code FLOOR(x TO unit)}, the side of {@code TRIM}; empty otherwise
 */
public record Call(
        KdaFunction function,
        List<TypedExpression> arguments,
        boolean distinct,
        boolean star,
        String keyword,
        DataType type)
        implements TypedExpression {

    public Call {
        Objects.requireNonNull(function, "function");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(type, "type");
    }

    /** A plain call: no {@code DISTINCT}, no {@code *}, no keyword. */
    public static Call of(KdaFunction function, List<TypedExpression> arguments, DataType type) {
        return new Call(function, arguments, false, false, "", type);
    }

    /** The same call over other arguments (e.g. rewritten ones). */
    public Call withArguments(List<TypedExpression> newArguments) {
        return new Call(function, newArguments, distinct, star, keyword, type);
    }
}
