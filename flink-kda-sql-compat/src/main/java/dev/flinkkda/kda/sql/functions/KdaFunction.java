package dev.flinkkda.kda.sql.functions;

import org.apache.flink.table.functions.UserDefinedFunction;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@link KdaFunctionTable}: a KDA function or operator, how many arguments it
 * takes, how Flink SQL writes it and what type it returns.
 *
 * @param name KDA's name in upper case; operators and special forms have a descriptive name ({@code
 *     +}, {@code IS NULL}, {@code FLOOR TO})
 * @param minArity the fewest arguments
 * @param maxArity the most arguments; {@link Integer#MAX_VALUE} for any number
 */
public record KdaFunction(
        String name,
        Kind kind,
        int minArity,
        int maxArity,
        FlinkForm flink,
        ReturnType returnType,
        Optional<Implementation> implementation) {

    /**
     * A flink-kda function that the Flink form calls and the runtime registers under {@code
     * flinkName}.
     */
    public record Implementation(String flinkName, Class<? extends UserDefinedFunction> function) {
        public Implementation {
            Objects.requireNonNull(flinkName, "flinkName");
            Objects.requireNonNull(function, "function");
        }
    }

    /** What kind of function. */
    public enum Kind {
        /** A value per row. */
        SCALAR,
        /** An operator or special form of the grammar ({@code +}, {@code CASE}, {@code CAST} …). */
        OPERATOR,
        /**
         * An aggregate: with {@code GROUP BY}/{@code WINDOWED BY}, or analytic with {@code OVER}.
         */
        AGGREGATE,
        /** Only with {@code OVER}: {@code LAG}. */
        ANALYTIC,
        /** {@code FROM TABLE(fn(CURSOR(…), …))}. */
        TABLE
    }

    public KdaFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flink, "flink");
        Objects.requireNonNull(returnType, "returnType");
        Objects.requireNonNull(implementation, "implementation");
        if (minArity < 0 || maxArity < minArity) {
            throw new IllegalArgumentException("bad arity of " + name);
        }
    }

    /** A function Flink has itself, or writes with its own functions and operators. */
    public KdaFunction(
            String name,
            Kind kind,
            int minArity,
            int maxArity,
            FlinkForm flink,
            ReturnType returnType) {
        this(name, kind, minArity, maxArity, flink, returnType, Optional.empty());
    }

    public boolean accepts(int arity) {
        return arity >= minArity && arity <= maxArity;
    }

    public boolean isAggregate() {
        return kind == Kind.AGGREGATE;
    }

    /** How many arguments it takes, for messages: {@code 2}, {@code 1 to 3}, {@code 1 or more}. */
    public String arityText() {
        if (minArity == maxArity) {
            return String.valueOf(minArity);
        }
        if (maxArity == Integer.MAX_VALUE) {
            return minArity + " or more";
        }
        return minArity + " to " + maxArity;
    }
}
