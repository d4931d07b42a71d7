package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.checkpoint.CheckpointedRun;
import dev.flinkkda.kda.config.ConfigException;
import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.errorstream.ErrorStream;
import dev.flinkkda.kda.io.KdaCounters;
import dev.flinkkda.kda.options.ApplicationCode;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.RunOptionsException;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.options.TranslationOptions;
import dev.flinkkda.kda.reference.ReferenceDataException;
import dev.flinkkda.kda.runtime.KdaApplicationJob;
import dev.flinkkda.kda.runtime.LocalExchanges;
import dev.flinkkda.kda.runtime.PlanCheck;
import dev.flinkkda.kda.runtime.TranslationRejectedException;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.schema.KdaSchemaException;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.emit.FlinkSqlScript;
import dev.flinkkda.kda.sql.emit.ScriptSettings;
import dev.flinkkda.kda.sql.emit.SqlClientScript;
import dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException;
import dev.flinkkda.kda.sql.parser.NotUtf8Exception;
import dev.flinkkda.kda.sql.plan.StatementReport;
import dev.flinkkda.kda.sql.plan.Translation;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code flink-kda} command: {@code run} a KDA application on Flink (embedded, or the cluster
 * of {@code flink run}), {@code translate} it to Flink SQL, {@code validate} it, or run the bundled
 * {@code example}.
 */
public final class FlinkKdaCli {

    /** The bundled example: seed 001's stagger application and its input. */
    static final String EXAMPLE = "examples/seed-001-stagger";

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** How long a stop after a signal waits for each step: counters, cancel, the end. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How often an embedded run's inputs emit their watermark. An event-time window operator holds
     * an element that may open a window (a stagger window's first, for one) in keyed state with a
     * timer until the watermark passes it; at 200 ms (Flink's default) and 150,000 rows/s the
     * watermark trails by 30,000 rows, so most of seed 001's rows took that path, and at 1 ms by
     * about 150. Which rows are late does not depend on it: {@code ParseRecords} decides that by
     * the rows' order, and every watermark stays behind every row it lets through.
     */
    static final Duration EMBEDDED_WATERMARK_INTERVAL = Duration.ofMillis(1);

    private FlinkKdaCli() {}

    public static void main(String[] args) throws Exception {
        // Run by Flink's client (flink run) or in the JobManager (REST /jars/<id>/run), the
        // environment is the cluster's; exiting would end that JVM, the JobManager in the second
        // case. There, a failure is an exception instead of an exit status.
        boolean embedded =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        instanceof LocalStreamEnvironment;
        int status = run(args, System.out, System.err);
        if (embedded) {
            System.exit(status);
        } else if (status != 0) {
            throw new IllegalStateException(
                    "flink-kda ended with exit status "
                            + status
                            + "; its messages are on stderr (flink run's output, or the"
                            + " JobManager's .out file for a REST submission)");
        }
    }

    /**
     * Runs one {@code flink-kda} command in this JVM, as {@link #main} does, printing to {@code
     * out} and {@code err} instead of the process's streams: for embedding and tests.
     *
     * @return the exit status {@code main} would exit with (0 on success)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "run":
                    if (RunOptions.isHelpRequest(rest)) {
                        out.print(RunOptions.HELP);
                        return 0;
                    }
                    return runApplication(
                            RunOptions.parse(CheckpointedRun.arguments(rest)), out, err);
                case "translate":
                    return translate(rest, out, err, false);
                case "validate":
                    return translate(rest, out, err, true);
                case "example":
                    if (rest.length > 0) {
                        err.println(
                                "flink-kda example: takes no arguments (it runs " + EXAMPLE + ")");
                        return 2;
                    }
                    return runApplication(
                            RunOptions.parse(
                                    EXAMPLE + "/app.sql",
                                    "--input",
                                    EXAMPLE + "/input.jsonl",
                                    "--schema",
                                    "@" + EXAMPLE + "/schema.txt",
                                    "--output",
                                    "-"),
                            out,
                            err);
                default:
                    err.println("flink-kda: unknown command '" + args[0] + "'");
                    usage(err);
                    return 2;
            }
        } catch (RunOptionsException | KdaSchemaException e) {
            err.println("flink-kda " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (ConfigException e) {
            // one line per problem: application.json: $.Inputs[0]…: what is wrong
            e.problems().forEach(err::println);
            return 2;
        } catch (KdaSqlSyntaxException | KdaSemanticException | NotUtf8Exception e) {
            err.println(e.getMessage());
            return 1;
        } catch (ReferenceDataException e) {
            // a reference table that cannot be loaded, found before the job is submitted
            err.println("flink-kda " + args[0] + ": " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("flink-kda " + args[0] + ": file not found: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the application until its inputs are exhausted (file inputs) or it is cancelled. */
    private static int runApplication(RunOptions options, PrintStream out, PrintStream err)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Optional<CheckpointedRun> checkpointed = Optional.empty();
        if (env instanceof LocalStreamEnvironment) {
            // The counters of progress reports, and of the summary after a signal, are those the
            // tasks sent with their last heartbeat: every second rather than Flink's 10 s.
            // Watermarks every millisecond rather than Flink's 200 ms
            // (EMBEDDED_WATERMARK_INTERVAL).
            Configuration configuration =
                    new Configuration()
                            .set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1))
                            .set(
                                    PipelineOptions.AUTO_WATERMARK_INTERVAL,
                                    EMBEDDED_WATERMARK_INTERVAL);
            if (options.checkpoints().isPresent()) {
                checkpointed = Optional.of(CheckpointedRun.prepare(options));
                checkpointed.get().configure(configuration);
            }
            env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        } else if (options.checkpoints().isPresent()) {
            err.println(
                    "flink-kda run: --checkpoint-dir and --resume are for embedded runs; on a"
                            + " cluster, the cluster's checkpoint settings and flink run -s DIR"
                            + " do that");
            return 2;
        }
        checkpointed
                .flatMap(CheckpointedRun::restoredCheckpoint)
                .ifPresent(checkpoint -> err.println("flink-kda: resuming from " + checkpoint));
        KdaApplicationJob job =
                KdaApplicationJob.build(
                        options,
                        env,
                        new OutputSpec(
                                RunOptions.DEFAULT_OUTPUT_STREAM, new StreamLocation.Stdout()));
        JobClient client = env.executeAsync(jobGraph(env, options));
        if (!env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            // Detached (REST /jars/<id>/run, flink run -d): the job runs on without this client,
            // which cannot follow it (a web submission's job client answers nothing).
            err.println(
                    "flink-kda: submitted job "
                            + client.getJobID()
                            + " detached; malformed records are reported on the TaskManagers'"
                            + " stderr");
            return 0;
        }
        CompletableFuture<JobExecutionResult> finished = client.getJobExecutionResult();
        Thread malformed =
                new Thread(
                        () -> {
                            try {
                                job.malformedMessages().forEachRemaining(err::println);
                            } catch (RuntimeException e) {
                                // the job failed or was stopped: no more messages, and its end
                                // is reported by this command
                            }
                        },
                        "flink-kda malformed records");
        malformed.setDaemon(true);
        malformed.start();
        // Embedded, the job runs in this JVM: a signal stops it cleanly rather than with the JVM.
        StopSignals signals =
                env instanceof LocalStreamEnvironment ? StopSignals.install() : StopSignals.none();
        long started = System.nanoTime();
        long nextReport = started + PROGRESS_EVERY.toNanos();
        while (!finished.isDone() && signals.received().isEmpty()) {
            Thread.sleep(100);
            if (System.nanoTime() >= nextReport && !finished.isDone()) {
                nextReport += PROGRESS_EVERY.toNanos();
                try {
                    Map<String, Object> accumulators = client.getAccumulators().get();
                    err.println(
                            "flink-kda: "
                                    + summary(options, job, KdaCounters.of(accumulators))
                                    + " so far");
                } catch (ExecutionException | IllegalStateException e) {
                    // the job ended meanwhile: the summary below reports it (an embedded job's
                    // MiniCluster, shut down as it ends, answers with IllegalStateException)
                }
            }
        }
        signals.close(); // a second signal ends the JVM at once
        if (signals.received().isPresent() && !finished.isDone()) {
            int status = stop(options, job, client, finished, signals, started, err);
            checkpointed.ifPresent(run -> err.println("flink-kda: " + run.resumeHint()));
            return status;
        }
        JobExecutionResult result;
        try {
            result = finished.get();
            malformed.join(10_000); // the last messages, fetched after the job finished
        } catch (ExecutionException e) {
            err.println("flink-kda: the job failed: " + rootCause(e).getMessage());
            UnfinishedOutputs.report(job.outputs(), client.getJobID(), err);
            checkpointed.ifPresent(run -> err.println("flink-kda: " + run.resumeHint()));
            return 1;
        }
        err.printf(
                "flink-kda: %s in %.1f s%s%n",
                summary(options, job, KdaCounters.of(result)),
                (System.nanoTime() - started) / 1e9,
                checkpointed
                        .flatMap(CheckpointedRun::restoredCheckpoint)
                        .map(
                                checkpoint ->
                                        "; resumed from " + checkpoint + ", the counts since then")
                        .orElse(""));
        if (checkpointed.isPresent()) {
            try {
                checkpointed.get().finished();
            } catch (IOException e) {
                // the outputs are complete all the same
                err.println(
                        "flink-kda: cannot record that the run finished, or delete its"
                                + " checkpoints: "
                                + e);
            }
        }
        return 0;
    }

    /**
     * The job's graph. Embedded, a job whose every operator runs at parallelism 1 runs as chains
     * that hand records on by reference: its keyed exchanges made forward ({@link LocalExchanges})
     * and object reuse on (Flink's operators copy what they keep, flink-kda's keep no record they
     * were handed).
     */
    private static StreamGraph jobGraph(StreamExecutionEnvironment env, RunOptions options) {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("flink-kda " + options.application().getFileName());
        if (env instanceof LocalStreamEnvironment && LocalExchanges.allAtParallelismOne(graph)) {
            LocalExchanges.forwardAtParallelismOne(graph);
            graph.getExecutionConfig().enableObjectReuse();
        }
        return graph;
    }

    /**
     * Stops the job after a signal: cancels it, which closes its sinks (a file output keeps its
     * whole lines in its partial file), then reports.
     *
     * @return the exit status of a process ended by the signal (130 for SIGINT, 143 for SIGTERM)
     */
    private static int stop(
            RunOptions options,
            KdaApplicationJob job,
            JobClient client,
            CompletableFuture<JobExecutionResult> finished,
            StopSignals signals,
            long started,
            PrintStream err)
            throws InterruptedException {
        String signal = signals.received().orElseThrow();
        err.println("flink-kda: " + signal + ": stopping the job (again to end at once)");
        // A cancelled job's counters are gone with its embedded cluster: these are the last the
        // tasks reported (with their heartbeat, every second).
        Map<String, Object> reported = Map.of();
        try {
            reported = client.getAccumulators().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // none to report
        }
        try {
            client.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            finished.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // cancelled, as asked
        } catch (TimeoutException e) {
            err.println(
                    "flink-kda: the job did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
        err.printf(
                "flink-kda: stopped by %s after %.1f s; as last reported: %s%n",
                signal,
                (System.nanoTime() - started) / 1e9,
                summary(options, job, KdaCounters.of(reported)));
        UnfinishedOutputs.report(job.outputs(), client.getJobID(), err);
        return signals.exitStatus();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * {@code N records in, M rows out to STREAM, …, E errors (NAME n, …)}: every record read is in
     * an output or in {@code error_stream} (unless a pump filters it out or aggregates it).
     */
    private static String summary(RunOptions options, KdaApplicationJob job, KdaCounters counters) {
        long in = 0;
        for (var input : options.inputs()) {
            in += counters.records(input.streamName());
        }
        StringBuilder text = new StringBuilder().append(in).append(" records in");
        for (OutputSpec output : job.outputs()) {
            text.append(", ")
                    .append(counters.rowsOut(output))
                    .append(" rows out to ")
                    .append(
                            ErrorStream.isErrorStream(output.streamName())
                                    ? ErrorStream.NAME
                                    : KdaNames.toSql(output.streamName()));
        }
        long errors = 0;
        List<String> byName = new ArrayList<>();
        for (ErrorName name : ErrorName.values()) {
            long count = counters.errors(name);
            if (count > 0) {
                errors += count;
                byName.add(name + " " + count);
            }
        }
        text.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
        if (!byName.isEmpty()) {
            text.append(" (").append(String.join(", ", byName)).append(')');
        }
        return text.toString();
    }

    /**
     * {@code translate} / {@code validate APP.sql [--schema [STREAM=]COLUMNS]... [--reference
     * NAME[=FILE]]...}, or any arguments of {@code run}.
     */
    private static int translate(String[] args, PrintStream out, PrintStream err, boolean validate)
            throws IOException {
        ScriptArguments script = ScriptArguments.of(args);
        if (script.sqlScript()) {
            if (validate) {
                throw new RunOptionsException(
                        "--format: validate takes none (it is translate's option)");
            }
            return sqlScript(script, out);
        }
        TranslationOptions options = RunOptions.parseForTranslation(script.rest());
        Path file = options.application();
        Map<String, KdaSchema> schemas = options.inputs();
        Map<String, KdaSchema> referenceTables = options.referenceTables();
        KdaTranslator.Lenient translation =
                translateReportingAll(file, options.code(), schemas, referenceTables);
        if (!validate) {
            translation.plan().ifPresent(plan -> out.print(FlinkSqlScript.render(plan)));
            if (!translation.problems().isEmpty()) {
                out.println("-- Not translated:");
                for (StatementReport problem : translation.problems()) {
                    out.println("--   " + problem);
                }
            }
            return translation.problems().isEmpty() ? 0 : 1;
        }
        for (StatementReport problem : translation.problems()) {
            err.println(problem.detail());
        }
        Map<Translation, Integer> counts = new EnumMap<>(Translation.class);
        translation
                .plan()
                .ifPresent(
                        plan ->
                                plan.reports()
                                        .forEach(
                                                r ->
                                                        counts.merge(
                                                                r.translation(), 1, Integer::sum)));
        int statements = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (!translation.problems().isEmpty()) {
            err.println(
                    file.getFileName()
                            + ": "
                            + translation.problems().size()
                            + " pump"
                            + (translation.problems().size() == 1 ? "" : "s")
                            + " cannot be translated");
            return 1;
        }
        if (translation.plan().isPresent()) {
            try {
                // what Flink's planner would reject when the job starts
                PlanCheck.check(translation.plan().get());
            } catch (TranslationRejectedException e) {
                err.println(e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                err.println(
                        file.getFileName()
                                + ": translated, but Flink's planner rejects the translation: "
                                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                return 1;
            }
        }
        out.println(
                file.getFileName()
                        + ": valid — "
                        + statements
                        + " statements: "
                        + counts.getOrDefault(Translation.NATIVE, 0)
                        + " native Flink SQL, "
                        + counts.getOrDefault(Translation.VIA_FLINK_KDA, 0)
                        + " via flink-kda operators");
        return 0;
    }

    /**
     * {@code translate … --format sql-script [--jar PATH]}: the script for Flink's SQL client, with
     * the inputs, outputs and reference tables of {@code run}'s options.
     */
    private static int sqlScript(ScriptArguments script, PrintStream out) throws IOException {
        RunOptions options = RunOptions.parse(script.rest());
        Map<String, KdaSchema> schemas = new LinkedHashMap<>();
        options.inputs().forEach(i -> schemas.put(i.streamName(), i.schema()));
        Map<String, KdaSchema> referenceTables = new LinkedHashMap<>();
        options.references().forEach(r -> referenceTables.put(r.tableName(), r.schema()));
        KdaTranslator.Lenient translation =
                translateReportingAll(
                        options.application(), options.code(), schemas, referenceTables);
        translation
                .plan()
                .ifPresent(
                        plan ->
                                out.print(
                                        SqlClientScript.render(
                                                plan,
                                                new ScriptSettings(
                                                        options.inputs(),
                                                        options.outputs(),
                                                        options.references(),
                                                        script.jar()))));
        if (!translation.problems().isEmpty()) {
            out.println("-- Not translated (not in this script):");
            for (StatementReport problem : translation.problems()) {
                out.println("--   " + problem);
            }
        }
        return translation.problems().isEmpty() ? 0 : 1;
    }

    /** The application's SQL translated: the configuration's code when given, else the file's. */
    private static KdaTranslator.Lenient translateReportingAll(
            Path file,
            Optional<ApplicationCode> code,
            Map<String, KdaSchema> schemas,
            Map<String, KdaSchema> referenceTables)
            throws IOException {
        return code.isPresent()
                ? KdaTranslator.translateReportingAll(
                        code.get().sql(), code.get().sourceName(), schemas, referenceTables)
                : KdaTranslator.translateReportingAll(file, schemas, referenceTables);
    }

    private static void usage(PrintStream s) {
        s.println("usage: flink-kda COMMAND ...");
        s.println();
        s.println("  run APP.sql --input ... --schema ... [--output ...]");
        s.println("  run --config application.json [APP.sql] [--input ...] [--output ...]");
        s.println("            runs a Kinesis Data Analytics for SQL application on Flink; with");
        s.println("            --config, as its configuration JSON (CreateApplication request or");
        s.println("            describe-application output) describes it, flags replacing parts");
        s.println("            (flink-kda run --help for the options)");
        s.println("  run --resume DIR");
        s.println(
                "            goes on from the latest checkpoint of a run with --checkpoint-dir DIR");
        s.println(
                "  translate APP.sql [--schema [STREAM=]COLUMNS|@FILE]... [--reference NAME[=FILE]]...");
        s.println("            prints the Flink SQL it becomes and how each statement runs");
        s.println(
                "  translate APP.sql --input ... --schema ... [--output ...] --format sql-script [--jar PATH]");
        s.println(
                "            prints a script for Flink's SQL client (sql-client.sh -f): tables with");
        s.println(
                "            the real connectors, the views, the INSERTs; --jar: the flink-kda jar's");
        s.println("            path for ADD JAR (else a placeholder to replace)");
        s.println(
                "  validate APP.sql [--schema [STREAM=]COLUMNS|@FILE]... [--reference NAME[=FILE]]...");
        s.println(
                "            checks that it parses, translates and that Flink's planner accepts it;");
        s.println("            errors name file:line:column");
        s.println(
                "            (translate and validate also take every option of run, --config too)");
        s.println("  example   runs " + EXAMPLE + "/app.sql on its input.jsonl");
    }
}
