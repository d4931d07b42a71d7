package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.errorstream.ErrorStream;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.ReferenceSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanStep;

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
 * {@code flink run} with it instead; {@code ADD JAR}, and {@code LOAD MODULE kda} when the script
 * calls flink-kda's {@code KDA_*} functions ({@link KdaFunctionDdl}); a {@code CREATE TABLE} per
 * input, reference table and output with the real connectors; a {@code CREATE TEMPORARY VIEW} per
 * step Flink SQL can express; and the outputs' {@code INSERT}s in one {@code EXECUTE STATEMENT
 * SET}.
 *
 * <p>What has no SQL form: flink-kda's operators (stagger windows, {@code RANGE} windows, table
 * functions), a window's end made event time again for a later window ({@link ScriptableSteps}),
 * records Flink's formats cannot read as KDA does ({@link InputTable#unreadable}) — their steps are
 * comments and their pumps are listed; {@code error_stream} — a record Flink cannot read, or a row
 * on which a pump's expression fails, stops the job instead (the header says so).
 */
public final class SqlClientScript {

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
        List<String> firehoseTables = new ArrayList<>();
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
            tables.append('\n').append(ReferenceTable.render(reference));
            referenceTables.add(reference.tableName());
        }

        String views = ScriptViews.render(plan, scriptable, eventTime);

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
            if (output.location() instanceof StreamLocation.Firehose) {
                firehoseTables.add(stream + " (output)");
            }
        }
        if (!firehoseTables.isEmpty()) {
            jarNeeds.add(
                    "the Firehose connector 4.3.0-1.19 with its dependencies, for "
                            + String.join(", ", firehoseTables)
                            + " (or that connector in the cluster's lib/)");
        }

        List<KdaFunction.Implementation> functions = KdaFunctionDdl.calledIn(views);
        if (!kinesisTables.isEmpty()) {
            jarNeeds.add(
                    "the Kinesis connector 4.3.0-1.19 with its dependencies, for "
                            + String.join(", ", kinesisTables)
                            + " (or that connector in the cluster's lib/)");
        }
        if (!functions.isEmpty()) {
            List<String> names = new ArrayList<>();
            functions.forEach(f -> names.add(f.flinkName()));
            jarNeeds.add(
                    "flink-kda's functions "
                            + String.join(", ", names)
                            + " (its module "
                            + KdaFunctionDdl.MODULE
                            + ", LOAD MODULE below)");
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
        sql.append(ScriptHeader.render(plan, settings, scriptable, jarNeeds, notes));
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
}
