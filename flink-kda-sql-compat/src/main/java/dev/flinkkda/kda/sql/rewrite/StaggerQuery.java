package dev.flinkkda.kda.sql.rewrite;

import dev.flinkkda.kda.sql.ast.Expression;

import java.util.List;

/**
 * A {@code WINDOWED BY STAGGER} query taken apart for the stagger operator: the partition keys and
 * the aggregates it computes per window; the select list is then written over the operator's
 * output, with each key and aggregate replaced by its column.
 *
 * @param keyNames the key expressions' {@link ExpressionKeys keys}, in order
 */
public record StaggerQuery(
        List<Expression> keys,
        List<String> keyNames,
        List<StaggerAggregateCall> aggregates,
        long rangeMillis) {
    public StaggerQuery {
        keys = List.copyOf(keys);
        keyNames = List.copyOf(keyNames);
        aggregates = List.copyOf(aggregates);
    }
}
