package dev.flinkkda.kda.sql.rewrite;

import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import java.util.List;

/**
 * The analytic calls of a query that share one window. Flink computes all OVER aggregates of a
 * query over a single window, so each distinct window becomes one nested query level.
 *
 * @param calls the calls over {@code window}, with their {@link ExpressionKeys keys}
 */
public record OverLevel(WindowSpec window, List<Call> calls) {

    /** One analytic call and its key. */
    public record Call(String key, FunctionCall call) {}

    public OverLevel {
        calls = List.copyOf(calls);
    }
}
