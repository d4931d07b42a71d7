package dev.flinkkda.kda.sql.functions;

import java.util.List;

/**
 * How Flink SQL writes a {@link KdaFunction}: declarative, so that the function table can say it
 * and the emitter, the one place that writes SQL, can follow it.
 */
public sealed interface FlinkForm {

    /**
     * {@code name(arguments)}, the arguments in KDA's order or reordered ({@code order.get(i)} is
     * the KDA argument that goes i-th); {@code DISTINCT} and {@code *} as written.
     */
    record Function(String name, List<Integer> order) implements FlinkForm {
        public Function {
            order = List.copyOf(order);
        }
    }

    /**
     * A text with holes, one per arity from the function's {@code minArity} on: {@code {0}}, {@code
     * {1}} … are the arguments, {@code {keyword}} the call's keyword, {@code {type}} its type.
     */
    record Template(List<String> byArity) implements FlinkForm {
        public Template {
            byArity = List.copyOf(byArity);
        }
    }

    /** {@code CASE [operand] WHEN … THEN … [ELSE …] END}. */
    record Case() implements FlinkForm {}

    /** {@code operand [NOT] IN (values)}. */
    record In(boolean negated) implements FlinkForm {}

    /** Not written as Flink SQL: run by a flink-kda operator (KDA's table functions). */
    record Operator() implements FlinkForm {}

    static FlinkForm function(String name) {
        return new Function(name, List.of());
    }

    static FlinkForm template(String... byArity) {
        return new Template(List.of(byArity));
    }
}
