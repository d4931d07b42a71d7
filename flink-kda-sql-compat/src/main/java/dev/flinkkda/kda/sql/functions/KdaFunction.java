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
 * @param implementation the flink-kda function the Flink form calls, if it calls one
 * @param moduleFunction where the Flink form is no single function call with KDA's arguments (a
 *     template around Flink's functions, an operator), the function {@code LOAD MODULE kda} offers
 *     under KDA's name instead; see {@link #sqlClientFunction()}
 */
public record KdaFunction(
        String name,
        Kind kind,
        int minArity,
        int maxArity,
        FlinkForm flink,
        ReturnType returnType,
        Optional<Implementation> implementation,
        Optional<Implementation> moduleFunction) {

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
        Objects.requireNonNull(moduleFunction, "moduleFunction");
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

    /** A function whose Flink form may call one of flink-kda's functions. */
    public KdaFunction(
            String name,
            Kind kind,
            int minArity,
            int maxArity,
            FlinkForm flink,
            ReturnType returnType,
            Optional<Implementation> implementation) {
        this(name, kind, minArity, maxArity, flink, returnType, implementation, Optional.empty());
    }

    /**
     * The function the SQL client's {@code kda} module offers for this entry, with KDA's name and
     * argument order: the {@link #moduleFunction() explicit one}, else for a scalar function
     * implemented by flink-kda that implementation under KDA's name. Empty for what Flink writes
     * the same way (ABS, LOWER …) and for what needs more than a function (aggregates, table
     * functions, special forms).
     */
    public Optional<Implementation> sqlClientFunction() {
        if (moduleFunction.isPresent()) {
            return moduleFunction;
        }
        if (kind == Kind.SCALAR) {
            return implementation.map(i -> new Implementation(name, i.function()));
        }
        return Optional.empty();
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
