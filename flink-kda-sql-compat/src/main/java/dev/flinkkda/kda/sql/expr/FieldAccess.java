package dev.flinkkda.kda.sql.expr;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/** A field of a {@code ROW} value, e.g. {@code t.r.COLUMN1} for a log parser's result. */
public record FieldAccess(TypedExpression row, String field, DataType type)
        implements TypedExpression {
    public FieldAccess {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
    }
}
