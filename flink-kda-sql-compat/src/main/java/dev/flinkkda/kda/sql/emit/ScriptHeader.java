package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a SQL-client script: what the application is and how to run the script, what needs
 * the flink-kda jar and why, which pumps are not in the script (with why: they need {@code flink
 * run} with the flink-kda jar), what has no SQL form ({@code error_stream}), and notes on outputs.
 */
final class ScriptHeader {

    private ScriptHeader() {}

    /**
     * @param jarNeeds what needs the flink-kda jar, one item each
     * @param notes further lines, e.g. on outputs left out
     */
    static String render(
            ApplicationPlan plan,
            ScriptSettings settings,
            ScriptableSteps scriptable,
            Set<String> jarNeeds,
            List<String> notes) {
        StringBuilder sql = new StringBuilder();

        String source = plan.application().sourceName();
        sql.append("-- ")
                .append(source)
                .append(", a Kinesis Data Analytics for SQL application, as a Flink SQL script\n")
                .append("-- (flink-kda translate --format sql-script). Runs unchanged in Flink")
                .append(" 1.20.3's SQL client:\n")
                .append("--   sql-client.sh -f THIS_FILE\n");
        sql.append("--\n");
        if (jarNeeds.isEmpty()) {
            sql.append("-- Needs nothing but Flink: no flink-kda jar.\n");
        } else {
            sql.append("-- Needs the flink-kda jar (ADD JAR below")
                    .append(
                            settings.jar().isEmpty()
                                    ? ": replace "
                                            + ScriptSettings.JAR_PLACEHOLDER
                                            + " with its path"
                                    : "")
                    .append(") for:\n");
            jarNeeds.forEach(n -> sql.append("--   - ").append(n).append('\n'));
        }
        Map<String, String> pumps = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            scriptable
                    .reason(step.name())
                    .filter(r -> !r.startsWith("it reads "))
                    .ifPresent(
                            r -> {
                                for (AnalyzedPump pump : plan.pumpsOf(step.name())) {
                                    pumps.putIfAbsent(pump.name(), r);
                                }
                            });
        }
        for (AnalyzedPump pump : plan.application().pumps()) {
            if (!pumps.containsKey(pump.name()) && !scriptable.inScript(pump.target().name())) {
                pumps.put(
                        pump.name(),
                        "it reads a stream this script cannot make ("
                                + scriptable.reason(pump.target().name()).orElse("")
                                + ")");
            }
        }
        scriptable
                .omitted()
                .forEach(
                        (name, reason) -> {
                            StreamDefinition stream = plan.application().streams().get(name);
                            if (stream != null && stream.kind() == StreamKind.INPUT) {
                                pumps.put("(input " + KdaNames.toSql(name) + ")", reason);
                            }
                        });
        if (pumps.isEmpty()) {
            sql.append("-- Every pump is in this script.\n");
        } else {
            sql.append("-- Not in this script: run them with flink-kda's runner instead, e.g.\n")
                    .append("--   flink run -c dev.flinkkda.kda.cli.FlinkKdaCli flink-kda.jar run ")
                    .append(source)
                    .append(" --input … --schema … --output …\n");
            pumps.forEach(
                    (pump, reason) ->
                            sql.append("--   - ")
                                    .append(
                                            pump.startsWith("(")
                                                    ? pump
                                                    : "pump " + KdaNames.toSql(pump))
                                    .append(": needs ")
                                    .append(reason)
                                    .append('\n'));
        }
        sql.append("-- error_stream has no SQL form: a record Flink's json/csv format cannot read,")
                .append(" and a row\n")
                .append("-- on which a pump's expression fails (division by zero, overflow …),")
                .append(" stop the job instead of\n")
                .append("-- going to error_stream (the message names the error); late rows are")
                .append(" dropped by Flink's windows.\n");
        notes.forEach(n -> sql.append("-- ").append(n).append('\n'));
        return sql.toString();
    }
}
