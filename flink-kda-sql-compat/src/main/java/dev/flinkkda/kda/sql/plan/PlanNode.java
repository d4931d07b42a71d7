package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.StreamSort;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.expr.ColumnRef;
import dev.flinkkda.kda.sql.expr.SlidingWindow;
import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A relational operator of a translated application, with typed output columns. The expressions of
 * a node read the columns of its input by {@link ColumnRef}, whose relation is the input's alias.
 * The emitter writes each node as one Flink SQL query.
 */
public sealed interface PlanNode {

    /** The node's output columns, in order. */
    List<PlanColumn> columns();

    /** A table or view read by name: an input stream, a reference table, an earlier step. */
    record Scan(String name, List<PlanColumn> columns) implements PlanNode {
        public Scan {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }
    }

    /** {@code SELECT items FROM from [WHERE where]}: projection and filter. */
    record Project(From from, List<NamedExpression> items, Optional<TypedExpression> where)
            implements PlanNode {
        public Project {
            Objects.requireNonNull(from, "from");
            items = List.copyOf(items);
            Objects.requireNonNull(where, "where");
        }

        @Override
        public List<PlanColumn> columns() {
            return items.stream().map(NamedExpression::column).toList();
        }
    }

    /**
     * A tumbling window on {@code ROWTIME} of {@code sizeMillis}: the rows of {@code input} that
     * pass {@code where}, grouped by window and {@code groupKeys}. The items and {@code having}
     * read the input's columns inside aggregates, the keys, and the window's {@link #WINDOW_START}
     * and {@link #WINDOW_END} as columns of {@code alias}.
     */
    record TumblingAggregate(
            Scan input,
            String alias,
            long sizeMillis,
            Optional<TypedExpression> where,
            List<TypedExpression> groupKeys,
            List<NamedExpression> items,
            Optional<TypedExpression> having)
            implements PlanNode {

        public static final String WINDOW_START = "window_start";
        public static final String WINDOW_END = "window_end";

        public TumblingAggregate {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(where, "where");
            groupKeys = List.copyOf(groupKeys);
            items = List.copyOf(items);
            Objects.requireNonNull(having, "having");
        }

        @Override
        public List<PlanColumn> columns() {
            return items.stream().map(NamedExpression::column).toList();
        }
    }

    /**
     * The rows of {@code from} with aggregates over one sliding window each ({@code SELECT *,
     * AGG(x) OVER (…) AS c FROM from}), ordered by {@code rowtime}.
     */
    record OverAggregate(
            From.Aliased from,
            SlidingWindow window,
            ColumnRef rowtime,
            List<NamedExpression> aggregates)
            implements PlanNode {
        public OverAggregate {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(rowtime, "rowtime");
            aggregates = List.copyOf(aggregates);
        }

        @Override
        public List<PlanColumn> columns() {
            List<PlanColumn> columns = new ArrayList<>(from.node().columns());
            aggregates.forEach(a -> columns.add(a.column()));
            return columns;
        }
    }

    /**
     * The rows of {@code from} sorted: the first key must be its event-time attribute, ascending,
     * which is what lets Flink sort a stream (each instant's rows once the watermark passes it).
     */
    record Sort(From.Aliased from, List<SortKey> keys) implements PlanNode {
        public Sort {
            Objects.requireNonNull(from, "from");
            keys = List.copyOf(keys);
        }

        @Override
        public List<PlanColumn> columns() {
            return from.node().columns();
        }
    }

    /**
     * The rows of {@code input} made distinct within tumbling windows of {@code sizeMillis} on its
     * {@code ROWTIME}: of the rows equal in every column but {@code ROWTIME}, the first of each
     * window, emitted when the window ends.
     */
    record WindowDistinct(Scan input, String alias, long sizeMillis) implements PlanNode {
        public WindowDistinct {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(alias, "alias");
        }

        @Override
        public List<PlanColumn> columns() {
            return input.columns();
        }
    }

    /** A sort key: an expression, its direction and where NULLs go. */
    record SortKey(TypedExpression expression, boolean descending, StreamSort.NullOrder nulls) {
        public SortKey {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(nulls, "nulls");
        }
    }

    /** {@code first UNION ALL second …}: the rows of several pumps into one stream. */
    record UnionAll(List<PlanNode> inputs) implements PlanNode {
        public UnionAll {
            inputs = List.copyOf(inputs);
            if (inputs.size() < 2) {
                throw new IllegalArgumentException("a union has two inputs or more");
            }
        }

        @Override
        public List<PlanColumn> columns() {
            return inputs.get(0).columns();
        }
    }

    /** What a {@link Project} reads. */
    sealed interface From {

        /**
         * Two streams joined on their {@code ROWTIME} time attributes (a Flink interval join): a
         * row of {@code left} joins the rows of {@code right} that pass {@code on} and whose {@code
         * ROWTIME} lies in {@code [left.ROWTIME - precedingMillis, left.ROWTIME]}, bounds included.
         * The joined row's {@code ROWTIME} is the left row's, still a time attribute.
         *
         * @param type {@link JoinType#INNER} or {@link JoinType#LEFT}
         */
        record IntervalJoin(
                Aliased left,
                Aliased right,
                JoinType type,
                TypedExpression on,
                long precedingMillis)
                implements From {
            public IntervalJoin {
                Objects.requireNonNull(left, "left");
                Objects.requireNonNull(right, "right");
                Objects.requireNonNull(type, "type");
                Objects.requireNonNull(on, "on");
            }
        }

        /** A node under a name: {@code node AS alias}. */
        record Aliased(PlanNode node, String alias) implements From {
            public Aliased {
                Objects.requireNonNull(node, "node");
                Objects.requireNonNull(alias, "alias");
            }
        }

        /**
         * A stream joined with a reference table, looked up when each row arrives ({@code FOR
         * SYSTEM_TIME AS OF} the row's processing time). The stream is a relation, or a lookup join
         * that this one extends: {@code s JOIN r1 ON … JOIN r2 ON …}.
         */
        record LookupJoin(
                From stream, Scan table, String tableAlias, JoinType type, TypedExpression on)
                implements From {
            public LookupJoin {
                Objects.requireNonNull(stream, "stream");
                if (!(stream instanceof Aliased) && !(stream instanceof LookupJoin)) {
                    throw new IllegalArgumentException(
                            "a lookup join extends a relation or a lookup join");
                }
                Objects.requireNonNull(table, "table");
                Objects.requireNonNull(tableAlias, "tableAlias");
                Objects.requireNonNull(type, "type");
                Objects.requireNonNull(on, "on");
            }
        }
    }
}
