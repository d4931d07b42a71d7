package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.errorstream.ErrorStream;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.ReferenceSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.reference.ReferenceTables;
import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.sql.analysis.AnalyzedPump;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;
import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.string;

/**
 * A translated application as a script that runs unchanged in Flink 1.20's SQL client ({@code
 * sql-client.sh -f script.sql}): a header saying what needs the flink-kda jar and which pumps need
 * {@code flink run} with it instead; {@code ADD JAR} and the {@code KDA_*} functions the script
 * calls; a {@code CREATE TABLE} per input, reference table and output with the real connectors; a
 * {@code CREATE TEMPORARY VIEW} per step Flink SQL can express; and the outputs' {@code INSERT}s in
 * one {@code EXECUTE STATEMENT SET}.
 *
 * <p>What has no SQL form: flink-kda's operators (stagger windows, {@code RANGE} windows, table
 * functions), a window's end made event time again for a later window ({@link ScriptableSteps}),
 * records Flink's formats cannot read as KDA does ({@link InputTable#unreadable}) — their steps are
 * comments and their pumps are listed; {@code error_stream} — a record Flink cannot read, or a row
 * on which a pump's expression fails, stops the job instead (the header says so).
 */
public final class SqlClientScript {

    /** The alias of a checked pump's rows in its error check. */
    private static final String CHECKED = "__CHECKED";

    private SqlClientScript() {}

    /** The script of {@code plan} connected as {@code settings} says. */
    public static String render(ApplicationPlan plan, ScriptSettings settings) {
        Map<String, StreamDefinition> streams = plan.application().streams();
        Map<String, InputSpec> inputs = new LinkedHashMap<>();
        settings.inputs().forEach(i -> inputs.put(i.streamName(), i));
        boolean eventTime = settings.inputs().stream().allMatch(i -> i.rowtime().isEventTime());

        Map<String, String> unreadable = new LinkedHashMap<>();
        for (StreamDefinition stream : streams.values()) {
            if (stream.kind() == StreamKind.INPUT) {
                InputSpec input = inputs.get(stream.name());
                if (input == null) {
                    unreadable.put(
                            stream.name(), "an input location (--input), which is not given");
                } else {
                    InputTable.unreadable(input).ifPresent(r -> unreadable.put(stream.name(), r));
                }
            }
        }
        ScriptableSteps scriptable = ScriptableSteps.of(plan, eventTime, unreadable);

        StringBuilder tables = new StringBuilder();
        Set<String> jarNeeds = new LinkedHashSet<>();
        List<String> kinesisTables = new ArrayList<>();
        for (StreamDefinition stream : streams.values()) {
            if (stream.kind() == StreamKind.INPUT && scriptable.inScript(stream.name())) {
                InputSpec input = inputs.get(stream.name());
                tables.append('\n').append(InputTable.render(input, stream));
                if (input.location() instanceof StreamLocation.Kinesis) {
                    kinesisTables.add(stream.name());
                }
            }
        }
        List<String> referenceTables = new ArrayList<>();
        for (ReferenceSpec reference : settings.references()) {
            tables.append('\n').append(referenceTable(reference));
            referenceTables.add(reference.tableName());
        }

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
                view(views, step.name(), FlinkSqlEmitter.query(ScriptableSteps.query(step)));
            }
        }

        StringBuilder sinks = new StringBuilder();
        List<String> inserts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> outputsPerStream = new HashMap<>();
        List<OutputSpec> outputs =
                settings.outputs().isEmpty()
                        ? List.of(
                                new OutputSpec(
                                        RunOptions.DEFAULT_OUTPUT_STREAM,
                                        new StreamLocation.Stdout()))
                        : settings.outputs();
        for (OutputSpec output : outputs) {
            String stream = output.streamName();
            if (ErrorStream.isErrorStream(stream)) {
                notes.add(
                        "output "
                                + output.label()
                                + ": error_stream has no SQL form (see above); not in this script");
                continue;
            }
            Optional<PlanStep> step =
                    plan.steps().stream().filter(s -> s.name().equals(stream)).findFirst();
            if (step.isEmpty()) {
                notes.add(
                        "output "
                                + output.label()
                                + ": the application has no stream "
                                + KdaNames.toSql(stream));
                continue;
            }
            if (!scriptable.inScript(stream)) {
                notes.add("output " + output.label() + ": its stream is not in this script");
                continue;
            }
            int index = outputsPerStream.merge(stream, 1, Integer::sum);
            OutputTable table = OutputTable.of(output, step.get().columns(), eventTime, index);
            sinks.append('\n').append(table.ddl());
            inserts.add(table.insert());
            if (output.location() instanceof StreamLocation.Kinesis) {
                kinesisTables.add(stream + " (output)");
            }
        }

        List<KdaFunction.Implementation> functions = KdaFunctionDdl.calledIn(views.toString());
        if (!kinesisTables.isEmpty()) {
            jarNeeds.add(
                    "the Kinesis connector 4.3.0-1.19 with its dependencies, for "
                            + String.join(", ", kinesisTables)
                            + " (or that connector in the cluster's lib/)");
        }
        if (!functions.isEmpty()) {
            List<String> names = new ArrayList<>();
            functions.forEach(f -> names.add(f.flinkName()));
            jarNeeds.add("flink-kda's functions " + String.join(", ", names));
        }
        if (!referenceTables.isEmpty()) {
            List<String> names = new ArrayList<>();
            referenceTables.forEach(t -> names.add(name(t)));
            jarNeeds.add(
                    "the kda-reference-file connector of reference tables "
                            + String.join(", ", names)
                            + " (a lookup join on a file read once when the job starts)");
        }

        StringBuilder sql = new StringBuilder();
        header(sql, plan, settings, scriptable, jarNeeds, notes);
        sql.append("\nSET 'table.local-time-zone' = 'UTC';\n");
        sql.append("SET 'pipeline.name' = ")
                .append(string(plan.application().sourceName()))
                .append(";\n");
        if (!jarNeeds.isEmpty()) {
            sql.append("ADD JAR ").append(string(settings.jarPath())).append(";\n");
            sql.append(KdaFunctionDdl.render(functions));
        }
        sql.append(tables).append(views).append(sinks);
        if (!inserts.isEmpty()) {
            sql.append("\nEXECUTE STATEMENT SET\nBEGIN\n");
            inserts.forEach(i -> sql.append(i).append(";\n"));
            sql.append("END;\n");
        }
        return sql.toString();
    }

    private static void header(
            StringBuilder sql,
            ApplicationPlan plan,
            ScriptSettings settings,
            ScriptableSteps scriptable,
            Set<String> jarNeeds,
            List<String> notes) {
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
    }

    private static String referenceTable(ReferenceSpec reference) {
        Path file =
                reference.file() != null
                        ? reference.file()
                        : Path.of("/path/to/" + reference.tableName() + ".csv");
        Map<String, String> options =
                new LinkedHashMap<>(
                        ReferenceTables.descriptor(reference.schema(), file, reference.format())
                                .getOptions());
        List<String> columns = new ArrayList<>();
        for (KdaColumn column : reference.schema().columns()) {
            columns.add(name(column.name()) + " " + FlinkSqlEmitter.type(column.dataType()));
        }
        return new TableDdl(
                        reference.tableName(),
                        List.of(
                                "reference table "
                                        + name(reference.tableName())
                                        + ": read once when the job starts, as KDA does"
                                        + " (flink-kda's connector)"),
                        columns,
                        Optional.empty(),
                        List.of(),
                        options)
                .render();
    }

    private static void view(StringBuilder sql, String name, String query) {
        sql.append("CREATE TEMPORARY VIEW ")
                .append(name(name))
                .append(" AS\n")
                .append(query)
                .append(";\n");
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
        view(
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
                    .append(
                            FlinkSqlEmitter.query(ScriptableSteps.query(step))
                                    .replace("\n", "\n-- "))
                    .append('\n');
        }
    }
}
