package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.rewrite.StaggerFunction;

import java.util.ArrayList;
import java.util.List;

import static dev.flinkkda.kda.sql.plan.FlinkSqlEmitter.name;

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
            for (StreamColumn column : stream.columns()) {
                columns.add(
                        name(column.name()) + " " + FlinkSqlEmitter.type(source, column.type()));
            }
            if (stream.kind() == StreamKind.INPUT) {
                columns.add(name(StreamDefinition.ROWTIME) + " TIMESTAMP(3) -- event time");
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
            if (step instanceof PlanStep.SqlView view) {
                sql.append("CREATE TEMPORARY VIEW ")
                        .append(name(view.name()))
                        .append(" AS\n")
                        .append(view.sql())
                        .append(";\n");
            } else if (step instanceof PlanStep.RowtimeView view) {
                sql.append(
                                "-- flink-kda: the view's ROWTIME (the window end) becomes its event-time")
                        .append(" attribute\n")
                        .append("CREATE TEMPORARY VIEW ")
                        .append(name(view.name()))
                        .append(" AS\n")
                        .append(view.sql())
                        .append(";\n");
            } else if (step instanceof PlanStep.StaggerAggregation stagger) {
                List<String> aggregates = new ArrayList<>();
                List<String> outputs = new ArrayList<>();
                for (int k = 0; k < stagger.keyCount(); k++) {
                    outputs.add(name("__K" + k));
                }
                for (int j = 0; j < stagger.functions().size(); j++) {
                    StaggerFunction function = stagger.functions().get(j);
                    aggregates.add(
                            function == StaggerFunction.COUNT_ALL
                                    ? "COUNT(*)"
                                    : function + "(" + name("__A" + j) + ")");
                    outputs.add(name("__G" + j));
                }
                outputs.add(name(StreamDefinition.ROWTIME));
                sql.append("-- flink-kda: stagger windows (StaggerWindows.incremental) of ")
                        .append(stagger.rangeMillis())
                        .append(" ms per key (")
                        .append(String.join(", ", outputs.subList(0, stagger.keyCount())))
                        .append("), computing ")
                        .append(String.join(", ", aggregates))
                        .append(",\n-- over the rows of:\n-- ")
                        .append(stagger.inputSql().replace("\n", "\n-- "))
                        .append("\n-- gives the view ")
                        .append(name(stagger.name()))
                        .append(" (")
                        .append(String.join(", ", outputs))
                        .append("), ROWTIME = the window close.\n");
            }
        }
        sql.append("\n-- Statements:\n");
        for (StatementReport report : plan.reports()) {
            sql.append("--   ").append(report).append('\n');
        }
        return sql.toString();
    }
}
