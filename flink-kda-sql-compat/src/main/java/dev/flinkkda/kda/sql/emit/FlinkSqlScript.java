package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.sql.analysis.RelationColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;
import dev.flinkkda.kda.sql.plan.StatementReport;
import dev.flinkkda.kda.sql.plan.WindowAggregate;

import java.util.ArrayList;
import java.util.List;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;

/**
 * A plan as a Flink SQL script for people to read ({@code flink-kda translate}): the input tables,
 * one {@code CREATE TEMPORARY VIEW} per step, and comments where flink-kda's operators run.
 */
public final class FlinkSqlScript {

    private FlinkSqlScript() {}

    public static String render(ApplicationPlan plan) {
        StringBuilder sql = new StringBuilder();
        String source = plan.application().sourceName();
        sql.append("-- ").append(source).append(" translated by flink-kda\n");
        for (StreamDefinition stream : plan.application().streams().values()) {
            if (stream.kind() == StreamKind.IN_APPLICATION) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (RelationColumn column : stream.readableColumns()) {
                columns.add(
                        name(column.name())
                                + " "
                                + FlinkSqlEmitter.type(column.type())
                                + (column.name().equals(StreamDefinition.ROWTIME)
                                        ? " -- event time"
                                        : stream.isSystemColumn(column.name())
                                                ? " -- system column, not in SELECT *"
                                                : ""));
            }
            sql.append("-- ")
                    .append(
                            stream.kind() == StreamKind.INPUT
                                    ? "input stream "
                                    : "reference table ")
                    .append(name(stream.name()))
                    .append(" (")
                    .append(String.join(", ", columns))
                    .append(")\n");
        }
        for (PlanStep step : plan.steps()) {
            sql.append('\n');
            if (step instanceof PlanStep.View view) {
                view(sql, view.name(), FlinkSqlEmitter.query(view.query()));
            } else if (step instanceof PlanStep.RowtimeView view) {
                sql.append("-- flink-kda: the view's ")
                        .append(name(view.timeAttribute()))
                        .append(" becomes its event-time attribute, with the watermark ")
                        .append(
                                FlinkSqlEmitter.watermark(
                                        view.timeAttribute(), view.outOfOrderMillis()))
                        .append('\n');
                view(sql, view.name(), FlinkSqlEmitter.query(view.query()));
            } else if (step instanceof PlanStep.PerEventAggregation range) {
                perEvent(sql, range);
            } else if (step instanceof PlanStep.TableFunction function) {
                tableFunction(sql, function);
            } else if (step instanceof PlanStep.RowErrors checked) {
                rowErrors(sql, checked);
            } else {
                stagger(sql, (PlanStep.StaggerAggregation) step);
            }
        }
        sql.append("\n-- Statements:\n");
        for (StatementReport report : plan.reports()) {
            sql.append("--   ").append(report).append('\n');
        }
        return sql.toString();
    }

    /** {@code CREATE TEMPORARY VIEW name AS query;} */
    static void view(StringBuilder sql, String name, String query) {
        sql.append("CREATE TEMPORARY VIEW ")
                .append(name(name))
                .append(" AS\n")
                .append(query)
                .append(";\n");
    }

    static void stagger(StringBuilder sql, PlanStep.StaggerAggregation stagger) {
        List<PlanColumn> input = stagger.input().columns();
        List<String> aggregates = new ArrayList<>();
        for (WindowAggregate aggregate : stagger.aggregates()) {
            aggregates.add(aggregate.describe(c -> name(input.get(c).name())));
        }
        List<String> keys = new ArrayList<>();
        input.subList(0, stagger.keyCount()).forEach(k -> keys.add(name(k.name())));
        List<String> outputs = new ArrayList<>();
        stagger.columns().forEach(c -> outputs.add(name(c.name())));
        sql.append("-- flink-kda: stagger windows (EventTimeStaggerWindows.incremental) of ")
                .append(stagger.rangeMillis())
                .append(" ms per key (")
                .append(String.join(", ", keys))
                .append("), computing ")
                .append(String.join(", ", aggregates))
                .append(",\n-- over the rows of:\n-- ")
                .append(FlinkSqlEmitter.query(stagger.input()).replace("\n", "\n-- "))
                .append("\n-- gives the view ")
                .append(name(stagger.name()))
                .append(" (")
                .append(String.join(", ", outputs))
                .append("), ROWTIME = the window close.\n");
    }

    private static void rowErrors(StringBuilder sql, PlanStep.RowErrors checked) {
        sql.append("-- flink-kda: rows whose ")
                .append(name(checked.errorColumn()))
                .append(" is not NULL go to error_stream (pump ")
                .append(name(checked.pump()))
                .append("), the others make the view ")
                .append(name(checked.name()))
                .append(":\n-- ")
                .append(FlinkSqlEmitter.query(checked.query()).replace("\n", "\n-- "))
                .append('\n');
    }

    static void tableFunction(StringBuilder sql, PlanStep.TableFunction function) {
        List<String> outputs = new ArrayList<>();
        function.columns().forEach(c -> outputs.add(name(c.name())));
        sql.append("-- flink-kda: ")
                .append(function.call())
                .append(",\n-- over the rows of:\n-- ")
                .append(FlinkSqlEmitter.query(function.input()).replace("\n", "\n-- "))
                .append("\n-- gives the view ")
                .append(name(function.name()))
                .append(" (")
                .append(String.join(", ", outputs))
                .append(").\n");
    }

    static void perEvent(StringBuilder sql, PlanStep.PerEventAggregation range) {
        List<PlanColumn> input = range.input().columns();
        List<String> aggregates = new ArrayList<>();
        for (int j = 0; j < range.aggregates().size(); j++) {
            aggregates.add(
                    range.aggregates().get(j).describe(c -> name(input.get(c).name()))
                            + " AS "
                            + name(range.aggregateColumns().get(j)));
        }
        List<String> keys = new ArrayList<>();
        input.subList(0, range.keyCount()).forEach(k -> keys.add(name(k.name())));
        sql.append("-- flink-kda: RANGE ")
                .append(range.rangeMillis())
                .append(" ms PRECEDING (PerEventSlidingWindows, later peers excluded) ")
                .append(
                        keys.isEmpty()
                                ? "over all rows (one partition)"
                                : "per key (" + String.join(", ", keys) + ")")
                .append(", computing ")
                .append(String.join(", ", aggregates))
                .append(",\n-- for each row of:\n-- ")
                .append(FlinkSqlEmitter.query(range.input()).replace("\n", "\n-- "))
                .append("\n-- gives the view ")
                .append(name(range.name()))
                .append(": the row's columns and the aggregates; ROWTIME stays the row's.\n");
    }
}
