package dev.flinkkda.kda.sql.rewrite;

import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.Expressions;
import dev.flinkkda.kda.sql.analysis.Intervals;
import dev.flinkkda.kda.sql.analysis.KdaFunctions;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.StaggerWindow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a {@code WINDOWED BY STAGGER} pump apart into what flink-kda's stagger operator computes
 * (partition keys, aggregates) and what the select list makes of it.
 */
public final class StaggerRewrite {

    private StaggerRewrite() {}

    public static StaggerQuery rewrite(AnalyzedPump pump) {
        StaggerWindow window = pump.select().staggerWindow().orElseThrow();
        List<String> keyNames = new ArrayList<>();
        for (Expression key : window.partitionBy()) {
            keyNames.add(ExpressionKeys.of(key, pump));
        }
        Map<String, StaggerAggregateCall> aggregates = new LinkedHashMap<>();
        for (SelectExpression item : pump.items()) {
            collect(item.expression(), pump, keyNames, aggregates);
        }
        return new StaggerQuery(
                window.partitionBy(),
                keyNames,
                new ArrayList<>(aggregates.values()),
                Intervals.toMillis(window.range()).orElseThrow());
    }

    /**
     * Finds the aggregates of a select item, and checks that every column outside them is part of a
     * partition key: only keys and aggregates exist once the window has fired.
     */
    private static void collect(
            Expression e,
            AnalyzedPump pump,
            List<String> keyNames,
            Map<String, StaggerAggregateCall> aggregates) {
        String key = ExpressionKeys.of(e, pump);
        if (keyNames.contains(key)) {
            return;
        }
        if (e instanceof FunctionCall call
                && call.over().isEmpty()
                && KdaFunctions.isAggregate(call.name().name())) {
            aggregates.computeIfAbsent(key, k -> aggregate(k, call));
            return;
        }
        if (e instanceof ColumnReference reference && !pump.resolve(reference).isRowtime()) {
            throw new KdaSemanticException(
                    pump.sourceName(),
                    reference.position(),
                    "column \""
                            + reference.name().name()
                            + "\" must be a PARTITION BY key of the stagger window or be inside"
                            + " an aggregate");
        }
        for (Expression child : Expressions.children(e)) {
            collect(child, pump, keyNames, aggregates);
        }
    }

    private static StaggerAggregateCall aggregate(String key, FunctionCall call) {
        String name = call.name().name().toUpperCase(Locale.ROOT);
        if (call.starArgument()) {
            return new StaggerAggregateCall(key, StaggerFunction.COUNT_ALL, Optional.empty());
        }
        return new StaggerAggregateCall(
                key, StaggerFunction.valueOf(name), Optional.of(call.arguments().get(0)));
    }
}
