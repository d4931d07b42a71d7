package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.List;

/** {@code WINDOWED BY STAGGER (PARTITION BY keys RANGE INTERVAL …)}, analysed. */
public record StaggerSpec(List<TypedExpression> partitionBy, long rangeMillis) {
    public StaggerSpec {
        partitionBy = List.copyOf(partitionBy);
    }
}
