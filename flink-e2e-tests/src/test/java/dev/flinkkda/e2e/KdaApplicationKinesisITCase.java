package dev.flinkkda.e2e;

import dev.flinkkda.e2e.TickerCountReference.Input;
import dev.flinkkda.e2e.TickerCountReference.Row;
import dev.flinkkda.e2e.TickerCountReference.Window;
import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkCliRun;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.FlinkKdaArguments;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.KinesaliteClient.ShardRecord;
import dev.flinkkda.e2e.harness.TextFiles;
import dev.flinkkda.e2e.harness.Waiting;
import dev.flinkkda.kda.cli.FlinkKdaCli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Runs a KDA application, translated by flink-kda, on a standalone Flink cluster: the {@code
 * flink-kda-<version>.jar} of {@code flink-kda-sql-compat} (main class {@link FlinkKdaCli}) is
 * submitted as users would, reading its input stream from Kinesalite and writing its output stream
 * to Kinesalite. The application is seed 001's stagger example ({@code
 * examples/seed-001-stagger/app.sql}, its {@code schema.txt}).
 *
 * <ul>
 *   <li>Over REST ({@code /jars/upload}, {@code /jars/<id>/run}: the program runs in the
 *       JobManager, detached), with {@code --rowtime field:ROWTIME}: the records carry KDA's
 *       ROWTIME, and the output is exactly the two rows the AWS documentation publishes.
 *   <li>With {@code flink run} (Flink's command-line client, attached), with ROWTIME the Kinesis
 *       arrival time, the default for a Kinesis input: the application with a 5-second range gets
 *       the seed's records (without ROWTIME) twice, in two bursts more than 5 s apart; the windows
 *       follow the arrival times that Kinesalite reports.
 * </ul>
 *
 * <p>The two run at the same time (each job takes one of the TaskManager's two slots), so that the
 * waits between the bursts overlap the other run; each has streams of its own.
 *
 * <p>A third test submits bad arguments over REST: the request fails, the JobManager stays.
 *
 * <p>Each run also gets a malformed record: the job goes on, the record is left out of the counts,
 * and it is reported with its Kinesis origin.
 *
 * <p>Event time on an idle Kinesis stream does not advance: a window fires only when a later record
 * moves the watermark past its end. Each run therefore ends its input with a "flush" record well
 * after the windows it checks (its own window never fires).
 *
 * <p>Logs: {@code target/e2e/KdaApplicationKinesisITCase/} ({@code flink/log/flink-cli-1.out} is
 * the output of {@code flink run}; the TaskManager's stderr, with the malformed records of the REST
 * run, is {@code flink/log/taskmanager-1.out}).
 */
class KdaApplicationKinesisITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KdaApplicationKinesisITCase.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SHARD = "shardId-000000000000";
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLIENT_START_TIMEOUT = Duration.ofSeconds(60);

    /** A record that cannot become a row: its EVENT_TIME is no timestamp. */
    private static final String MALFORMED_FIELD = "yesterday";

    /** The range of the arrival-time run's application, instead of the seed's one minute. */
    private static final Duration SHORT_RANGE = Duration.ofSeconds(5);

    /** The pause between the bursts of the arrival-time run: more than {@link #SHORT_RANGE}. */
    private static final Duration BURST_GAP = Duration.ofSeconds(7);

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(KdaApplicationKinesisITCase.class);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    /**
     * Seed 001's stagger application submitted over REST, ROWTIME from the records' field: the
     * output stream gets exactly {@code examples/seed-001-stagger/expected-output.jsonl}.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void seedStaggerApplicationOverRestWritesTheDocumentedRows() {
        String input = "kda-seed-input";
        String output = "kda-seed-output";
        KinesaliteClient kinesis = env.kinesis();
        kinesis.createStream(input, 1, STREAM_TIMEOUT);
        kinesis.createStream(output, 1, STREAM_TIMEOUT);

        List<String> seed = TextFiles.lines(example("input.jsonl"));
        // Within the first window of AMZN: had it been read, that window would count 4, not 3.
        String malformed =
                "{\"ROWTIME\": \"2018-08-01 11:00:40\", \"EVENT_TIME\": \""
                        + MALFORMED_FIELD
                        + "\", \"TICKER_SYMBOL\": \"AMZN\"}";
        // The watermark only moves with the records' ROWTIME: this one, an hour later, closes the
        // seed's windows (11:01:20 and 11:02:15). Its own window never closes.
        String flush =
                "{\"ROWTIME\": \"2018-08-01 12:00:00\", \"EVENT_TIME\": \"2018-08-01 12:00:00\","
                        + " \"TICKER_SYMBOL\": \"ZZZZ\"}";
        seed.subList(0, 2).forEach(r -> kinesis.putRecord(input, "seed", r));
        String malformedSequence = kinesis.putRecord(input, "seed", malformed);
        seed.subList(2, seed.size()).forEach(r -> kinesis.putRecord(input, "seed", r));
        kinesis.putRecord(input, "seed", flush);

        FlinkJob job =
                env.cluster()
                        .submit(
                                E2eSettings.flinkKdaJar(),
                                FlinkKdaCli.class.getName(),
                                runArguments(
                                        example("app.sql"),
                                        input,
                                        output,
                                        "--rowtime",
                                        "field:ROWTIME"));
        try {
            List<String> expected = TextFiles.lines(example("expected-output.jsonl"));
            List<String> rows = awaitRecords(job, kinesis.readFromStart(output), expected.size());
            LOG.info("Output of job {}: {}", job.id(), rows);
            assertThat(rows).containsExactlyElementsOf(expected);

            // The REST run is detached: malformed records go to the TaskManager's stderr.
            String origin = "kinesis " + input + "/" + SHARD + "/" + malformedSequence + ": ";
            Path taskManagerOut = env.cluster().logDir().resolve("taskmanager-1.out");
            String report =
                    job.await(
                            Duration.ofSeconds(10),
                            () -> "the malformed record's report in " + taskManagerOut,
                            () -> lineContaining(TextFiles.read(taskManagerOut), origin));
            assertThat(report).contains("EVENT_TIME").contains(MALFORMED_FIELD);
            assertThat(job.state()).isEqualTo("RUNNING");
        } finally {
            job.cancelQuietly();
        }
        assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
    }

    /**
     * The seed's application with a 5-second range run by {@code flink run}, ROWTIME the Kinesis
     * arrival time (the default): the seed's records without ROWTIME, sent twice in bursts {@link
     * #BURST_GAP} apart, give the seed's counts twice (3 and 1 per burst), each window ending
     * {@link #SHORT_RANGE} after the arrival of its first record.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void shortStaggerApplicationWithFlinkRunWindowsByArrivalTime() throws Exception {
        String input = "kda-arrival-input";
        String output = "kda-arrival-output";
        KinesaliteClient kinesis = env.kinesis();
        kinesis.createStream(input, 1, STREAM_TIMEOUT);
        kinesis.createStream(output, 1, STREAM_TIMEOUT);

        String seedApp = Files.readString(example("app.sql"), StandardCharsets.UTF_8);
        String seedRange = "RANGE INTERVAL '1' MINUTE";
        assertThat(seedApp).contains(seedRange);
        Path app = env.runDir().resolve("seed-001-stagger-5s.sql");
        Files.writeString(app, seedApp.replace(seedRange, "RANGE INTERVAL '5' SECOND"));

        // The client starts (a JVM, the translation, the submission) while the bursts go out: the
        // job reads the stream from its start, and ROWTIME is when a record arrived in Kinesalite,
        // not when the job reads it.
        FlinkCliRun client =
                env.cluster()
                        .runWithFlinkCli(
                                E2eSettings.flinkKdaJar(),
                                FlinkKdaCli.class.getName(),
                                runArguments(app, input, output));

        List<String> burst = new ArrayList<>();
        for (String record : TextFiles.lines(example("input.jsonl"))) {
            ObjectNode fields = (ObjectNode) MAPPER.readTree(record);
            fields.remove("ROWTIME");
            burst.add(fields.toString());
        }
        String malformed =
                "{\"EVENT_TIME\":\"" + MALFORMED_FIELD + "\",\"TICKER_SYMBOL\":\"AMZN\"}";
        burst.forEach(r -> kinesis.putRecord(input, "seed", r));
        String malformedSequence = kinesis.putRecord(input, "seed", malformed);
        Waiting.sleep(BURST_GAP);
        burst.forEach(r -> kinesis.putRecord(input, "seed", r));
        Waiting.sleep(BURST_GAP);
        // The watermark only moves with arrival times: this record, arriving after the second
        // burst's windows have ended, closes them. Its own window never closes.
        String flush = "{\"EVENT_TIME\":\"2018-08-01 12:00:00\",\"TICKER_SYMBOL\":\"ZZZZ\"}";
        kinesis.putRecord(input, "seed", flush);

        List<ShardRecord> sent = kinesis.readFromStart(input).pollRecords();
        assertThat(sent).hasSize(2 * burst.size() + 2);
        long flushArrival = sent.get(sent.size() - 1).arrivalMillis();
        // The records' windows by arrival time, all complete before the flush record.
        List<Row> expected =
                TickerCountReference.stagger(
                                sent.stream()
                                        .filter(r -> !r.data().equals(malformed))
                                        .filter(r -> !r.data().equals(flush))
                                        .map(r -> Input.of(r.arrivalMillis(), r.data()))
                                        .toList(),
                                SHORT_RANGE)
                        .stream()
                        .map(Window::row)
                        .toList();
        LOG.info("Arrival times: {}; expected windows: {}", sent, expected);
        // The bursts are apart by more than the range: each burst has windows of its own.
        assertThat(expected)
                .extracting(Row::ticker, Row::eventTime, Row::count)
                .containsExactly(
                        tuple("AMZN", "2018-08-01 11:00:00", 3.0),
                        tuple("AMZN", "2018-08-01 11:01:00", 1.0),
                        tuple("AMZN", "2018-08-01 11:00:00", 3.0),
                        tuple("AMZN", "2018-08-01 11:01:00", 1.0));
        for (Row window : expected) {
            assertThat(window.rowtime())
                    .as("window end before the flush record's arrival")
                    .isBefore(TickerCountReference.utc(flushArrival - 1000));
        }

        FlinkJob job = client.awaitJob(CLIENT_START_TIMEOUT);
        try {
            List<Row> rows =
                    awaitRecords(job, kinesis.readFromStart(output), expected.size()).stream()
                            .map(Row::parse)
                            .toList();
            LOG.info("Output of job {}: {}", job.id(), rows);
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);

            // flink run is attached: malformed records are reported on the client's stderr.
            String origin = "kinesis " + input + "/" + SHARD + "/" + malformedSequence + ": ";
            String report =
                    job.await(
                            Duration.ofSeconds(20),
                            () -> "the malformed record's report in the output of " + client,
                            () -> lineContaining(client.output(), origin));
            assertThat(report).contains("EVENT_TIME").contains(MALFORMED_FIELD);
            assertThat(job.state()).isEqualTo("RUNNING");
        } finally {
            job.cancelQuietly();
        }
        assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
        // The client ends with its job.
        OptionalInt status = client.awaitExit(Duration.ofSeconds(30));
        assertThat(status).as("exit status of " + client).isPresent();
        LOG.info("{} exited with status {}", client, status.getAsInt());
    }

    /**
     * Over REST the program runs in the JobManager's JVM: a mistake in the arguments fails the
     * request with flink-kda's exit status instead of exiting that JVM, and the reason is in the
     * JobManager's output.
     */
    @Test
    void badArgumentsOverRestFailTheRequestNotTheJobManager() {
        List<String> arguments =
                new ArrayList<>(runArguments(example("app.sql"), "kda-unused", "kda-unused"));
        arguments.addAll(List.of("--parallelism", "0"));
        assertThatThrownBy(
                        () ->
                                env.cluster()
                                        .submit(
                                                E2eSettings.flinkKdaJar(),
                                                FlinkKdaCli.class.getName(),
                                                arguments))
                .hasMessageContaining("/run -> HTTP 400")
                .hasMessageContaining("flink-kda ended with exit status 2");
        assertThat(TextFiles.read(env.cluster().logDir().resolve("jobmanager.out")))
                .contains("flink-kda run: --parallelism 0: expected a whole number of at least 1");
        // Still there: the TaskManager and its two slots.
        assertThat(env.cluster().rest().overview().path("taskmanagers").asInt()).isEqualTo(1);
    }

    /**
     * {@code flink-kda run APP --input kinesis:… --schema @schema.txt --output kinesis:…} plus
     * {@code more}.
     */
    private static List<String> runArguments(
            Path app, String inputStream, String outputStream, String... more) {
        return FlinkKdaArguments.runOnKinesalite(
                env.kinesalite(), app, example("schema.txt"), inputStream, outputStream, more);
    }

    /**
     * Reads the output stream until {@code count} records have arrived, then once more after a
     * pause in which a record too many would arrive; returns all records read.
     */
    private static List<String> awaitRecords(
            FlinkJob job, KinesaliteClient.ShardReader reader, int count) {
        List<String> read = new ArrayList<>();
        job.await(
                RESULT_TIMEOUT,
                () -> count + " output records (read: " + read + ")",
                () -> {
                    read.addAll(reader.poll());
                    return read.size() >= count ? Optional.of(read) : Optional.empty();
                });
        Waiting.sleep(Duration.ofSeconds(2));
        read.addAll(reader.poll());
        return read;
    }

    private static Path example(String file) {
        return E2eSettings.examplesDir().resolve("seed-001-stagger").resolve(file);
    }

    private static Optional<String> lineContaining(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).findFirst();
    }
}
