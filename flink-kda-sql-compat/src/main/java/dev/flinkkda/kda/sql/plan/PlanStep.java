package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.rewrite.StaggerFunction;

import java.util.List;
import java.util.Objects;

/**
 * One step of a translated application, run in order: each defines a view that later steps and the
 * outputs read by name.
 */
public sealed interface PlanStep {

    /** The name of the view this step defines. */
    String name();

    /** A view defined by a Flink SQL query: {@code CREATE TEMPORARY VIEW name AS sql}. */
    record SqlView(String name, String sql) implements PlanStep {
        public SqlView {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
        }
    }

    /**
     * A view of a query whose {@code ROWTIME} column is a value (a window's end) and becomes the
     * view's event-time attribute again, so that windows over the view work.
     */
    record RowtimeView(String name, String sql) implements PlanStep {
        public RowtimeView {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sql, "sql");
        }
    }

    /**
     * Stagger windows, run by flink-kda's operator: the input query's first {@code keyCount}
     * columns are the partition keys, then one column per aggregate argument (none for {@code
     * COUNT(*)}), then {@code ROWTIME}. The view has the keys, one column per aggregate ({@code
     * __G0, __G1, …}) and {@code ROWTIME}, the window's close.
     */
    record StaggerAggregation(
            String name,
            String inputSql,
            int keyCount,
            List<StaggerFunction> functions,
            List<Integer> argumentColumns,
            long rangeMillis)
            implements PlanStep {
        public StaggerAggregation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputSql, "inputSql");
            functions = List.copyOf(functions);
            argumentColumns = List.copyOf(argumentColumns);
        }
    }
}
