package dev.flinkkda.kda.sql.expr;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/**
 * A column of one relation of the query's {@code FROM}.
 *
 * @param relation the relation's name in the query (its alias)
 * @param column the column's name in that relation
 */
public record ColumnRef(String relation, String column, DataType type) implements TypedExpression {
    public ColumnRef {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
    }
}
