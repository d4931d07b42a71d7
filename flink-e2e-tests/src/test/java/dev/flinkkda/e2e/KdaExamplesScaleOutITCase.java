package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkCliRun;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.StandaloneFlinkCluster;
import dev.flinkkda.e2e.harness.TextFiles;
import dev.flinkkda.kda.cli.FlinkKdaCli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out gives the same answer on a cluster: every example under {@code examples/} that has an
 * {@code expected-output.jsonl} is run with {@code flink run} of {@code flink-kda-<version>.jar}
 * (main class {@link FlinkKdaCli}) on a standalone cluster of <b>two TaskManagers</b> (two slots
 * each) with {@code --parallelism 4}, reading the example's files and writing a file; the file must
 * hold the expected rows as a multiset (parallel windows and joins may emit in another order), and
 * {@code flink run}'s summary must count every input record, every row and no error.
 *
 * <p>The expected rows are the example's {@code expected-output.jsonl}, written from the AWS
 * documentation (or worked out by hand in the example's README), not by flink-kda.
 *
 * <p>Four slots in all: a job of parallelism 4 takes every slot, and each job must have run
 * subtasks on both TaskManagers. The TaskManagers run on this machine, so the examples' paths and
 * the output paths are the same for the client, the JobManager (the file source's split enumerator)
 * and the TaskManager that runs the file sink (one subtask: the test logs which). Two clients run
 * at a time: one starts its JVM and translates its application while the other's job runs (a second
 * job waits for the slots).
 *
 * <p>Logs: {@code target/e2e/KdaExamplesScaleOutITCase/} ({@code flink/log/flink-cli-N.out} is the
 * output of the N-th {@code flink run}, {@code output/<example>.jsonl} its rows).
 */
class KdaExamplesScaleOutITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KdaExamplesScaleOutITCase.class);

    private static final int TASK_MANAGERS = 2;
    private static final int SLOTS = StandaloneFlinkCluster.DEFAULT_SLOTS;
    private static final int PARALLELISM = TASK_MANAGERS * SLOTS;
    private static final Duration CLIENT_START_TIMEOUT = Duration.ofSeconds(120);

    /** A run, including the wait for the slots while the other run's job has them. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(KdaExamplesScaleOutITCase.class, TASK_MANAGERS, SLOTS);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    /**
     * An example folder and the arguments of {@code flink-kda run} that name its inputs, schemas
     * and reference data (as in its README).
     *
     * @param inputFiles the files of its input records, to count them
     */
    record Example(String name, List<String> inputArguments, List<Path> inputFiles) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examplesWithExpectedOutput() {
        List<Example> examples = new ArrayList<>();
        for (String name :
                List.of(
                        "seed-000-stagger",
                        "seed-001-stagger",
                        "seed-001-step",
                        "log-parsing",
                        "windowed-aggregation-weather",
                        "top-k-items",
                        "distinct-count")) {
            examples.add(
                    new Example(
                            name,
                            List.of(
                                    "--input",
                                    file(name, "input.jsonl").toString(),
                                    "--schema",
                                    "@" + file(name, "schema.txt")),
                            List.of(file(name, "input.jsonl"))));
        }
        examples.add(
                new Example(
                        "reference-join",
                        List.of(
                                "--input",
                                file("reference-join", "input.jsonl").toString(),
                                "--schema",
                                "@" + file("reference-join", "schema.txt"),
                                "--reference",
                                "\"CompanyName\"="
                                        + file("reference-join", "companies.csv")
                                        + "?csv.header=true",
                                "--schema",
                                "\"CompanyName\"=@"
                                        + file("reference-join", "companies-schema.txt")),
                        List.of(file("reference-join", "input.jsonl"))));
        examples.add(
                new Example(
                        "stream-join",
                        List.of(
                                "--input",
                                "ORDERSTREAM=" + file("stream-join", "orders.jsonl"),
                                "--schema",
                                "ORDERSTREAM=@" + file("stream-join", "orders-schema.txt"),
                                "--input",
                                "TRADESTREAM=" + file("stream-join", "trades.jsonl"),
                                "--schema",
                                "TRADESTREAM=@" + file("stream-join", "trades-schema.txt")),
                        List.of(
                                file("stream-join", "orders.jsonl"),
                                file("stream-join", "trades.jsonl"))));
        // Every example with expected rows is here.
        try (Stream<Path> folders = Files.list(examplesDir())) {
            assertThat(examples)
                    .extracting(Example::name)
                    .containsExactlyInAnyOrderElementsOf(
                            folders.filter(f -> Files.exists(f.resolve("expected-output.jsonl")))
                                    .map(f -> f.getFileName().toString())
                                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesWithExpectedOutput")
    @Execution(ExecutionMode.CONCURRENT)
    void exampleOnTwoTaskManagersAtParallelismFourGivesTheExpectedRows(Example example)
            throws IOException {
        Path output = env.runDir().resolve("output").resolve(example.name() + ".jsonl");
        Files.createDirectories(output.getParent());
        List<String> arguments = new ArrayList<>();
        arguments.add("run");
        arguments.add(file(example.name(), "app.sql").toString());
        arguments.addAll(example.inputArguments());
        arguments.addAll(
                List.of(
                        "--parallelism",
                        Integer.toString(PARALLELISM),
                        "--output",
                        output.toString()));

        long started = System.nanoTime();
        FlinkCliRun client =
                env.cluster()
                        .runWithFlinkCli(
                                E2eSettings.flinkKdaJar(), FlinkKdaCli.class.getName(), arguments);
        FlinkJob job;
        OptionalInt status;
        try {
            job = client.awaitJob(CLIENT_START_TIMEOUT);
            status = client.awaitExit(RUN_TIMEOUT);
        } finally {
            client.close();
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(status).as("exit status of %s:%n%s", client, client.output()).hasValue(0);
        assertThat(job.state()).isEqualTo("FINISHED");

        List<String> expected = TextFiles.lines(file(example.name(), "expected-output.jsonl"));
        List<String> rows = TextFiles.lines(output);
        Map<String, Set<String>> taskManagers = job.taskManagersByVertex();
        Set<String> allTaskManagers = new TreeSet<>();
        taskManagers.values().forEach(allTaskManagers::addAll);
        String sink =
                taskManagers.entrySet().stream()
                        .filter(vertex -> vertex.getKey().contains(output.getFileName().toString()))
                        .map(vertex -> vertex.getKey() + " on " + vertex.getValue())
                        .findFirst()
                        .orElse("no vertex named after " + output.getFileName());
        LOG.info(
                "{}: job {} wrote {} rows (expected {}) in {} ms on {}; file sink {}",
                example.name(),
                job.id(),
                rows.size(),
                expected.size(),
                millis,
                allTaskManagers,
                sink);

        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        long records = 0;
        for (Path input : example.inputFiles()) {
            records += TextFiles.lines(input).size();
        }
        assertThat(client.output())
                .contains(
                        records
                                + " records in, "
                                + expected.size()
                                + " rows out to DESTINATION_SQL_STREAM, 0 errors");
        assertThat(allTaskManagers)
                .as("TaskManagers that ran the job's subtasks: %s", taskManagers)
                .hasSize(TASK_MANAGERS);
        assertThat(taskManagers)
                .as("a vertex at parallelism %d on both TaskManagers", PARALLELISM)
                .containsValue(allTaskManagers);
    }

    private static Path examplesDir() {
        return E2eSettings.examplesDir().toAbsolutePath().normalize();
    }

    private static Path file(String example, String name) {
        return examplesDir().resolve(example).resolve(name);
    }
}
