package dev.flinkkda.kda.sql.expr;

import org.apache.flink.table.types.DataType;

/**
 * An expression of the plan: resolved, typed, and free of source positions, so that two equal
 * expressions are equal records wherever they were written ({@code s.ROWTIME} and {@code ROWTIME}
 * alike). The analyser builds them from the AST; the planner rewrites them (a window key becomes
 * the window start, an aggregate the column an operator computed); only the emitter turns them into
 * Flink SQL.
 */
public sealed interface TypedExpression
        permits ColumnRef, Literal, Call, FieldAccess, WindowedCall {

    /** The Flink type of the expression's value. */
    DataType type();
}
