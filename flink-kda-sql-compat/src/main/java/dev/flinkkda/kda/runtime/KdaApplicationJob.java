package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.errorstream.ErrorStream;
import dev.flinkkda.kda.errorstream.KdaError;
import dev.flinkkda.kda.io.KdaInputs;
import dev.flinkkda.kda.io.KdaOutputs;
import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.ReferenceSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.RunOptionsException;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.reference.ReferenceDataException;
import dev.flinkkda.kda.reference.ReferenceTables;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.analysis.PumpShape;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.util.CloseableIterator;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.flink.table.api.Expressions.$;

/**
 * Builds the Flink job of a KDA application from {@code flink-kda run}'s options: its inputs as
 * tables, the translated plan as views, one sink per output, and malformed input records printed to
 * stderr as {@code file:line: reason}. The caller executes the environment.
 */
public final class KdaApplicationJob {

    private final ApplicationPlan plan;
    private final List<OutputSpec> outputs;
    private final CloseableIterator<String> malformedMessages;

    private KdaApplicationJob(
            ApplicationPlan plan,
            List<OutputSpec> outputs,
            CloseableIterator<String> malformedMessages) {
        this.plan = plan;
        this.outputs = outputs;
        this.malformedMessages = malformedMessages;
    }

    /**
     * The malformed input records' messages ({@code file:line: reason}), sent back to the client as
     * the job runs; read them while it runs, or the job waits for the reader. Empty when the job is
     * submitted detached (REST {@code /jars/<id>/run}, {@code flink run -d}): no client follows the
     * job then, and the messages go to the TaskManagers' stderr.
     */
    public CloseableIterator<String> malformedMessages() {
        return malformedMessages;
    }

    /** The translated application and the outputs it writes. */
    public ApplicationPlan plan() {
        return plan;
    }

    public List<OutputSpec> outputs() {
        return outputs;
    }

    /**
     * Translates the application and adds its job to {@code env}. Every operator of the job has a
     * uid ({@link OperatorUids}): a savepoint restores into the same application at another
     * parallelism or with other outputs.
     *
     * @param defaultOutput where an application's {@code DESTINATION_SQL_STREAM} goes when no
     *     {@code --output} is given
     */
    public static KdaApplicationJob build(
            RunOptions options, StreamExecutionEnvironment env, OutputSpec defaultOutput)
            throws IOException {
        Map<String, KdaSchema> schemas = new LinkedHashMap<>();
        for (InputSpec input : options.inputs()) {
            schemas.put(input.streamName(), input.schema());
        }
        Map<String, KdaSchema> referenceTables = new LinkedHashMap<>();
        for (ReferenceSpec reference : options.references()) {
            referenceTables.put(reference.tableName(), reference.schema());
        }
        ApplicationPlan plan =
                options.code().isPresent()
                        ? KdaTranslator.translate(
                                options.code().get().sql(),
                                options.code().get().sourceName(),
                                schemas,
                                referenceTables)
                        : KdaTranslator.translate(options.application(), schemas, referenceTables);
        List<OutputSpec> outputs = new ArrayList<>(options.outputs());
        if (outputs.isEmpty()) {
            outputs.add(defaultOutput);
        }
        for (OutputSpec output : outputs) {
            if (!ErrorStream.isErrorStream(output.streamName())) {
                checkWritable(plan, output.streamName());
            }
        }
        checkProcessingTimeWindows(options, plan);
        // One by default: rows come out in the order of their windows, as in KDA's output.
        env.setParallelism(options.parallelism().orElse(1));
        StreamTableEnvironment tableEnvironment = StreamTableEnvironment.create(env);
        tableEnvironment.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        options.randomSeed()
                .ifPresent(
                        seed ->
                                tableEnvironment
                                        .getConfig()
                                        .set(KdaRuntimeOptions.RANDOM_CUT_FOREST_SEED, seed));

        boolean eventTime = true;
        DataStream<MalformedRecord> malformed = null;
        for (InputSpec input : options.inputs()) {
            KdaInputs.RegisteredInput registered = KdaInputs.register(env, tableEnvironment, input);
            eventTime &= input.rowtime().isEventTime();
            malformed =
                    malformed == null
                            ? registered.malformed()
                            : malformed.union(registered.malformed());
        }
        for (ReferenceSpec reference : options.references()) {
            try {
                ReferenceTables.register(
                        tableEnvironment,
                        reference.tableName(),
                        reference.schema(),
                        reference.source(),
                        reference.format());
            } catch (ReferenceDataException e) {
                // before the job is submitted: which table, and where (file:line, s3://…)
                throw new ReferenceDataException(
                        "reference table "
                                + KdaNames.toSql(reference.tableName())
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        List<DataStream<KdaError>> pumpErrors =
                PlanExecutor.execute(plan, tableEnvironment, eventTime);
        DataStream<KdaError> errors = ErrorRows.of(malformed, pumpErrors);
        boolean errorsWritten = false;
        // the n-th output of a stream, for operator ids of its own
        Map<String, Integer> outputsOfStream = new HashMap<>();
        for (OutputSpec output : outputs) {
            int n = outputsOfStream.merge(output.streamName(), 1, Integer::sum);
            if (ErrorStream.isErrorStream(output.streamName())) {
                errorsWritten = true;
                if (errors != null) {
                    KdaOutputs.write(
                            tableEnvironment, ErrorRows.table(tableEnvironment, errors), output, n);
                }
            } else {
                KdaOutputs.write(
                        tableEnvironment,
                        rowtimeFirst(tableEnvironment, output.streamName()),
                        output,
                        n);
            }
        }
        CloseableIterator<String> malformedMessages = CloseableIterator.empty();
        if (errors != null && !errorsWritten) {
            // error_stream goes nowhere else: each error is a line on stderr, nothing is lost
            DataStream<String> messages =
                    errors.map(KdaError::describe)
                            .returns(Types.STRING)
                            .name("error messages")
                            .uid("flink-kda-errors-messages");
            if (env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
                malformedMessages =
                        KdaOutputs.collectAsync(messages, "flink-kda-errors-messages-collect");
            } else {
                // Detached: a collect sink needs a client that fetches (and a web submission's
                // job client cannot), so the TaskManagers' stderr gets the messages.
                messages.printToErr("flink-kda error_stream")
                        .name("error_stream to stderr")
                        .uid("flink-kda-errors-messages-stderr")
                        .setParallelism(1);
            }
        }
        OperatorUids.assignMissing(env);
        return new KdaApplicationJob(plan, outputs, malformedMessages);
    }

    /** The stream's rows with {@code ROWTIME} first, as KDA shows them. */
    private static Table rowtimeFirst(StreamTableEnvironment tables, String stream) {
        Table table = tables.from(FlinkSqlEmitter.name(stream));
        List<Expression> columns = new ArrayList<>();
        columns.add($(StreamDefinition.ROWTIME));
        for (String column : table.getResolvedSchema().getColumnNames()) {
            if (!column.equals(StreamDefinition.ROWTIME)) {
                columns.add($(column));
            }
        }
        return table.select(columns.toArray(new Expression[0]));
    }

    /**
     * Windows on processing time never fire for a file input: the file is read in moments and the
     * job ends before any window closes, which would lose their rows without a word.
     */
    private static void checkProcessingTimeWindows(RunOptions options, ApplicationPlan plan) {
        boolean windows =
                plan.application().pumps().stream()
                        .anyMatch(
                                p ->
                                        p.shape() == PumpShape.TUMBLING_WINDOW
                                                || p.shape() == PumpShape.STAGGER_WINDOW);
        for (InputSpec input : options.inputs()) {
            if (windows
                    && !input.rowtime().isEventTime()
                    && input.location() instanceof StreamLocation.File) {
                throw new RunOptionsException(
                        "--rowtime processing with the file input of "
                                + KdaNames.toSql(input.streamName())
                                + ": the application's windows close on the clock, after the"
                                + " file has ended, so their rows would be lost; use --rowtime"
                                + " field:NAME for a recorded file");
            }
        }
    }

    /** An output must be an in-application stream that some pump writes. */
    private static void checkWritable(ApplicationPlan plan, String stream) {
        StreamDefinition definition = plan.application().streams().get(stream);
        String file = plan.application().sourceName();
        SourcePosition start = new SourcePosition(1, 1);
        if (definition == null || definition.kind() != StreamKind.IN_APPLICATION) {
            List<String> known = new ArrayList<>();
            plan.application()
                    .streams()
                    .values()
                    .forEach(
                            s -> {
                                if (s.kind() == StreamKind.IN_APPLICATION) {
                                    known.add(s.name());
                                }
                            });
            throw new KdaSemanticException(
                    file,
                    start,
                    "output "
                            + KdaNames.toSql(stream)
                            + " is not a stream of the application; its streams: "
                            + String.join(", ", known.stream().map(KdaNames::toSql).toList()));
        }
        if (!plan.defines(stream)) {
            throw new KdaSemanticException(
                    file,
                    definition.definedAt().orElse(start),
                    "output " + KdaNames.toSql(stream) + " has no pump writing it");
        }
    }
}
