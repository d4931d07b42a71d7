package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.expr.ColumnRef;
import dev.flinkkda.kda.sql.expr.TypedExpression;

import org.apache.flink.table.api.DataTypes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code SELECT STREAM} after analysis: its relations, its typed select items (with {@code *}
 * expanded), clauses, and its {@link PumpShape shape}.
 *
 * @param items the select items, named as a query in {@code FROM} would see them
 * @param groupBy the {@code GROUP BY} keys, the time window's key among them
 * @param tumbling the time window of a {@link PumpShape#TUMBLING_WINDOW} query
 * @param stagger the stagger window of a {@link PumpShape#STAGGER_WINDOW} query
 * @param sort the {@code ORDER BY}, if any
 * @param distinctBucketMillis for {@code SELECT STREAM DISTINCT}: the period of the ROWTIME bucket
 *     among its items, within which rows are made distinct
 */
public record AnalyzedQuery(
        SourcePosition position,
        PumpShape shape,
        AnalyzedRelation from,
        List<OutputColumn> items,
        Optional<TypedExpression> where,
        List<TypedExpression> groupBy,
        Optional<TumblingWindow> tumbling,
        Optional<StaggerSpec> stagger,
        Optional<TypedExpression> having,
        Optional<StreamSort> sort,
        OptionalLong distinctBucketMillis) {

    public AnalyzedQuery {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(from, "from");
        items = List.copyOf(items);
        Objects.requireNonNull(where, "where");
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(tumbling, "tumbling");
        Objects.requireNonNull(stagger, "stagger");
        Objects.requireNonNull(having, "having");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(distinctBucketMillis, "distinctBucketMillis");
    }

    /** The relation whose rows drive the query: the first of its {@code FROM}. */
    public AnalyzedRelation.Leaf input() {
        return from.leaves().get(0);
    }

    /** Whether {@code e} is the input rows' {@code ROWTIME} (or a column that holds it). */
    public boolean isInputRowtime(TypedExpression e) {
        return e instanceof ColumnRef column
                && column.relation().equals(input().alias())
                && input().isRowtime(column.column());
    }

    /** The {@code ROWTIME} of the input rows. */
    public ColumnRef inputRowtime() {
        return new ColumnRef(input().alias(), StreamDefinition.ROWTIME, DataTypes.TIMESTAMP(3));
    }
}
