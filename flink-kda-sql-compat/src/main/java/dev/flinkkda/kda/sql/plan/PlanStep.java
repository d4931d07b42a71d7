package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.TableFunctionCall;

import org.apache.flink.table.api.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of a translated application, run in order: each defines a view that later steps and the
 * outputs read by name, with the columns it declares.
 */
public sealed interface PlanStep {

    /** The name of the view this step defines. */
    String name();

    /** The view's columns, in order. */
    List<PlanColumn> columns();

    /** A view of a query: {@code CREATE TEMPORARY VIEW name AS query}. */
    record View(String name, PlanNode query) implements PlanStep {
        public View {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(query, "query");
        }

        @Override
        public List<PlanColumn> columns() {
            return query.columns();
        }
    }

    /**
     * A view of a query whose {@code timeAttribute} column (by default {@code ROWTIME}) is a value,
     * e.g. a window's end, and becomes the view's event-time attribute, so that windows (or a sort)
     * over the view work. The watermarks are those of the query's input or, when the rows come out
     * of order by up to {@code outOfOrderMillis}, made from the rows: the time attribute minus that
     * much.
     */
    record RowtimeView(String name, PlanNode query, String timeAttribute, long outOfOrderMillis)
            implements PlanStep {
        public RowtimeView {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(timeAttribute, "timeAttribute");
            if (outOfOrderMillis < 0) {
                throw new IllegalArgumentException("negative out-of-orderness");
            }
        }

        /**
         * A view whose {@code ROWTIME} is the event-time attribute, with the input's watermarks.
         */
        public RowtimeView(String name, PlanNode query) {
            this(name, query, "ROWTIME", 0);
        }

        @Override
        public List<PlanColumn> columns() {
            return query.columns();
        }
    }

    /**
     * The rows of a pump's input, checked: {@code query} gives the input's columns and then {@code
     * errorColumn}, the first error that the pump's expressions raise on the row ({@code
     * ERROR_NAME|message}, NULL when none). Rows without error make the view, with the input's
     * columns ({@code ROWTIME} its time attribute again); rows with one go to {@code error_stream}
     * as errors of {@code pump}, and the pump never evaluates them. A step of its own (a DataStream
     * split, not a SQL filter) so that Flink's optimiser cannot evaluate the pump's expressions on
     * a row before the check.
     */
    record RowErrors(String name, PlanNode query, String errorColumn, String pump)
            implements PlanStep {
        public RowErrors {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(errorColumn, "errorColumn");
            Objects.requireNonNull(pump, "pump");
            if (query.columns().stream().noneMatch(c -> c.name().equals(errorColumn))) {
                throw new IllegalArgumentException("the query has no column " + errorColumn);
            }
        }

        /** The input's columns, without the error column. */
        @Override
        public List<PlanColumn> columns() {
            return query.columns().stream().filter(c -> !c.name().equals(errorColumn)).toList();
        }
    }

    /**
     * Stagger windows, run by flink-kda's operator: the input's first {@code keyCount} columns are
     * the partition keys, its last is {@code ROWTIME}. The view has the keys, one column per
     * aggregate ({@code __G0, __G1, …}) and {@code ROWTIME}, the window's close.
     */
    record StaggerAggregation(
            String name,
            PlanNode input,
            int keyCount,
            List<WindowAggregate> aggregates,
            long rangeMillis)
            implements PlanStep {
        public StaggerAggregation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            aggregates = List.copyOf(aggregates);
        }

        /** The name of the {@code j}-th aggregate's column. */
        public static String aggregateColumn(int j) {
            return "__G" + j;
        }

        @Override
        public List<PlanColumn> columns() {
            List<PlanColumn> columns = new ArrayList<>(input.columns().subList(0, keyCount));
            for (int j = 0; j < aggregates.size(); j++) {
                columns.add(new PlanColumn(aggregateColumn(j), aggregates.get(j).resultType()));
            }
            columns.add(new PlanColumn("ROWTIME", DataTypes.TIMESTAMP(3)));
            return columns;
        }
    }

    /**
     * KDA's {@code RANGE INTERVAL … PRECEDING} window, run by flink-kda's per-event sliding
     * operator with later peers excluded: for each input row, one output row — the input row's
     * columns, then one column per aggregate ({@link #aggregateColumns}) over the row's window: the
     * rows of its partition whose {@code ROWTIME} is at most {@code rangeMillis} before its own and
     * that arrived no later than it. The input's first {@code keyCount} columns are the partition
     * keys (none: one partition, run with parallelism 1); it has a {@code ROWTIME} column, which
     * stays the view's time attribute.
     */
    record PerEventAggregation(
            String name,
            PlanNode input,
            int keyCount,
            List<WindowAggregate> aggregates,
            List<String> aggregateColumns,
            long rangeMillis)
            implements PlanStep {
        public PerEventAggregation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            aggregates = List.copyOf(aggregates);
            aggregateColumns = List.copyOf(aggregateColumns);
            if (aggregates.size() != aggregateColumns.size()) {
                throw new IllegalArgumentException("one column per aggregate");
            }
            if (rangeMillis <= 0) {
                throw new IllegalArgumentException("a RANGE of at least 1 ms");
            }
        }

        @Override
        public List<PlanColumn> columns() {
            List<PlanColumn> columns = new ArrayList<>(input.columns());
            for (int j = 0; j < aggregates.size(); j++) {
                columns.add(
                        new PlanColumn(aggregateColumns.get(j), aggregates.get(j).resultType()));
            }
            return columns;
        }
    }

    /**
     * One of KDA's table functions, run by flink-kda's operator for it over the rows of {@code
     * input} (the cursor's query, {@code ROWTIME} last): each input row with the function's columns
     * added ({@code RANDOM_CUT_FOREST}, {@code HOTSPOTS}), or one row per window and item ({@code
     * TOP_K_ITEMS_TUMBLING}, {@code COUNT_DISTINCT_ITEMS_TUMBLING}).
     */
    record TableFunction(
            String name, PlanNode input, TableFunctionCall call, List<PlanColumn> columns)
            implements PlanStep {
        public TableFunction {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(call, "call");
            columns = List.copyOf(columns);
        }
    }
}
