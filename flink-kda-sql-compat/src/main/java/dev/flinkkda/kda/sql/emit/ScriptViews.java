package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;
import dev.flinkkda.kda.sql.plan.PlanWalker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;
import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.string;

/**
 * A plan's steps in a SQL-client script: a {@code CREATE TEMPORARY VIEW} per step the script holds
 * ({@link ScriptableSteps}), an error check as a filter that stops the job, and a comment for each
 * step left to flink-kda's runner.
 */
final class ScriptViews {

    /** The alias of a checked pump's rows in its error check. */
    private static final String CHECKED = "__CHECKED";

    private ScriptViews() {}

    /** The views of {@code plan}'s steps, each after an empty line. */
    static String render(ApplicationPlan plan, ScriptableSteps scriptable, boolean eventTime) {
        StringBuilder views = new StringBuilder();
        for (PlanStep step : plan.steps()) {
            views.append('\n');
            Optional<String> reason = scriptable.reason(step.name());
            if (reason.isPresent()) {
                omittedStep(views, step, reason.get());
            } else if (step instanceof PlanStep.RowErrors checked) {
                checkedView(views, checked);
            } else {
                if (step instanceof PlanStep.RowtimeView rowtime && eventTime) {
                    views.append("-- ")
                            .append(name(rowtime.timeAttribute()))
                            .append(
                                    " (KDA's ROWTIME of these rows, e.g. a window's end) is a value")
                            .append(" here: no later step needs it as event time\n");
                }
                FlinkSqlScript.view(
                        views, step.name(), FlinkSqlEmitter.query(PlanWalker.query(step)));
            }
        }
        return views.toString();
    }

    /**
     * The rows of a checked pump that its expressions do not fail on; on any other row the job
     * stops: Flink SQL cannot route a row to error_stream, and failing loudly beats dropping the
     * row or going on with a changed value. The check's own expressions are KDA's safe forms, so
     * nothing fails before it; the failing {@code CAST} of the error text names the pump and the
     * error in the job's failure.
     */
    private static void checkedView(StringBuilder sql, PlanStep.RowErrors checked) {
        List<String> columns = new ArrayList<>();
        for (PlanColumn column : checked.columns()) {
            columns.add(FlinkSqlEmitter.qualified(CHECKED, column.name()));
        }
        String error = FlinkSqlEmitter.qualified(CHECKED, checked.errorColumn());
        sql.append("-- error check of pump ")
                .append(name(checked.pump()))
                .append(": a row on which its expressions fail stops the job, naming the error\n");
        FlinkSqlScript.view(
                sql,
                checked.name(),
                "SELECT "
                        + String.join(", ", columns)
                        + "\nFROM ("
                        + FlinkSqlEmitter.query(checked.query())
                        + ") AS "
                        + name(CHECKED)
                        + "\nWHERE CASE WHEN "
                        + error
                        + " IS NULL THEN TRUE ELSE CAST(CONCAT("
                        + string("flink-kda: pump \"" + checked.pump() + "\": ")
                        + ", "
                        + error
                        + ") AS BOOLEAN) END");
    }

    private static void omittedStep(StringBuilder sql, PlanStep step, String reason) {
        sql.append("-- not in this script: ")
                .append(name(step.name()))
                .append(reason.startsWith("it reads ") ? ": " : " needs ")
                .append(reason)
                .append('\n');
        if (step instanceof PlanStep.StaggerAggregation stagger) {
            FlinkSqlScript.stagger(sql, stagger);
        } else if (step instanceof PlanStep.PerEventAggregation range) {
            FlinkSqlScript.perEvent(sql, range);
        } else if (step instanceof PlanStep.TableFunction function) {
            FlinkSqlScript.tableFunction(sql, function);
        } else {
            sql.append("-- CREATE TEMPORARY VIEW ")
                    .append(name(step.name()))
                    .append(" AS\n-- ")
                    .append(FlinkSqlEmitter.query(PlanWalker.query(step)).replace("\n", "\n-- "))
                    .append('\n');
        }
    }
}
