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
import dev.flinkkda.e2e.harness.OutputRecords;
import dev.flinkkda.e2e.harness.TextFiles;
import dev.flinkkda.e2e.harness.Waiting;
import dev.flinkkda.kda.cli.FlinkKdaCli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Translated KDA applications with state survive an operator's stop and a crash on a standalone
 * Flink cluster: seed 001's stagger application ({@code examples/seed-001-stagger}: flink-kda's
 * stagger window operator) and its STEP application ({@code examples/seed-001-step}: Flink SQL's
 * window aggregate), each run with {@code flink run} of {@code flink-kda-<version>.jar} reading its
 * own Kinesalite stream with {@code --rowtime field:ROWTIME} and writing its own output stream.
 * Both run side by side (one TaskManager with four slots) through the same steps.
 *
 * <ul>
 *   <li>Stop with a savepoint and resume: the first part of the seed's records is read (the STEP
 *       application writes its first window; the other windows stay open), the jobs (parallelism 1)
 *       are stopped with a savepoint without draining (REST {@code POST /jobs/<id>/stop}), the rest
 *       of the records is sent while no job runs, and the applications are submitted again with
 *       {@code flink run -s <savepoint>}, the same arguments and {@code --parallelism 2}, as an
 *       operator scales an application out. Flink maps the savepoint's state by operator id and
 *       refuses state it cannot map ({@code --allowNonRestoredState} is not given). The output
 *       streams must hold exactly the rows of an uninterrupted run, the example's {@code
 *       expected-output.jsonl} (from the AWS documentation): open windows, the position in the
 *       input stream and the sink carry over.
 *   <li>A TaskManager killed mid-stream: 240 generated records over four minutes of ROWTIME, jobs
 *       at parallelism 2 with checkpoints every second ({@code flink run
 *       -Dexecution.checkpointing.interval=1s} and a fixed-delay restart strategy: Flink's options,
 *       not flink-kda's). The first part is read and checkpointed; the rest is sent at a steady
 *       pace while the TaskManager is killed (SIGKILL) and a new one takes its place. Every row of
 *       an uninterrupted run, worked out by {@link TickerCountReference}, must arrive; the Kinesis
 *       sink is at-least-once, so a row may come twice, only as an identical record, and only if a
 *       record sent after the checkpoint awaited before the kill completes it: the test logs the
 *       duplicates it saw and asserts that bound.
 * </ul>
 *
 * <p>Logs: {@code target/e2e/KdaApplicationRestartITCase/} ({@code flink/log/flink-cli-N.out}: the
 * {@code flink run} clients in start order; {@code savepoints/}: the savepoints).
 */
class KdaApplicationRestartITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KdaApplicationRestartITCase.class);

    private static final String PARTITION_KEY = "tickers";
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);

    /** The applications' window: {@code RANGE INTERVAL '1' MINUTE}, {@code STEP(… '1' MINUTE)}. */
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private static final DateTimeFormatter KDA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * A record an hour after the others: it moves the watermark past every window (event time does
     * not advance on an idle stream). Its own window never closes.
     */
    private static final String FLUSH =
            "{\"ROWTIME\": \"2018-08-01 12:00:00\", \"EVENT_TIME\": \"2018-08-01 12:00:00\","
                    + " \"TICKER_SYMBOL\": \"ZZZZ\"}";

    /** Generated records of the kill test, one second apart in ROWTIME. */
    private static final int RECORDS = 240;

    /** Records read and checkpointed before the kill: 11:00:00 to 11:02:00 in ROWTIME. */
    private static final int FIRST_PART_RECORDS = 121;

    /** The pause after each record of the second part. */
    private static final Duration SECOND_PART_PACE = Duration.ofMillis(40);

    /** Both applications at parallelism 2 at once. */
    private static final int SLOTS = 4;

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(KdaApplicationRestartITCase.class, 1, SLOTS);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    /**
     * One of the two applications in one test: its example folder, its streams, how its rows are
     * worked out.
     */
    private record Application(
            String example,
            String input,
            String output,
            Function<List<Input>, List<Window>> reference) {

        static List<Application> both(String test) {
            return List.of(
                    new Application(
                            "seed-001-stagger",
                            test + "-stagger-input",
                            test + "-stagger-output",
                            inputs -> TickerCountReference.stagger(inputs, WINDOW)),
                    new Application(
                            "seed-001-step",
                            test + "-step-input",
                            test + "-step-output",
                            inputs -> TickerCountReference.step(inputs, WINDOW)));
        }

        void createStreams(KinesaliteClient kinesis) {
            kinesis.createStream(input, 1, STREAM_TIMEOUT);
            kinesis.createStream(output, 1, STREAM_TIMEOUT);
        }

        void put(KinesaliteClient kinesis, List<String> records) {
            records.forEach(record -> kinesis.putRecord(input, PARTITION_KEY, record));
        }

        /**
         * {@code flink run flinkOptions… -c FlinkKdaCli flink-kda.jar run app.sql … --parallelism
         * parallelism}.
         */
        FlinkCliRun start(List<String> flinkOptions, int parallelism) {
            return env.cluster()
                    .runWithFlinkCli(
                            flinkOptions,
                            E2eSettings.flinkKdaJar(),
                            FlinkKdaCli.class.getName(),
                            FlinkKdaArguments.runOnKinesalite(
                                    env.kinesalite(),
                                    file("app.sql"),
                                    file("schema.txt"),
                                    input,
                                    output,
                                    "--rowtime",
                                    "field:ROWTIME",
                                    "--parallelism",
                                    Integer.toString(parallelism)));
        }

        Path file(String name) {
            return E2eSettings.examplesDir().resolve(example).resolve(name);
        }

        @Override
        public String toString() {
            return example;
        }
    }

    /**
     * Stop with a savepoint, send the rest, resume from the savepoint: the rows of an uninterrupted
     * run, exactly. The seed's first three records go before the stop: the STEP application writes
     * {@code 11:01:00 AMZN 2.0} and keeps its record of 11:01:05 in an open window, the stagger
     * application keeps all three in the open window of (AMZN, 11:00) until 11:01:20. With that
     * state lost the resumed jobs would miss {@code 11:01:20 AMZN 3.0} and {@code 11:02:00 AMZN
     * (11:00) 1.0}; reading the input again from its start would count records twice. The resumed
     * jobs run at parallelism 2: the keyed windows' state is split between two subtasks.
     */
    @Test
    void stopWithSavepointAndResumeWritesTheRowsOfAnUninterruptedRun() {
        KinesaliteClient kinesis = env.kinesis();
        List<Application> applications = Application.both("savepoint");
        Map<Application, List<String>> expected = new HashMap<>();
        Map<Application, Long> rowsBeforeStop = new HashMap<>();
        for (Application application : applications) {
            application.createStreams(kinesis);
            List<String> seed = TextFiles.lines(application.file("input.jsonl"));
            assertThat(seed).hasSize(4);
            application.put(kinesis, seed.subList(0, 3));
            expected.put(application, TextFiles.lines(application.file("expected-output.jsonl")));
            // The reference agrees with the documented rows.
            List<Input> inputs = seed.stream().map(Input::withRowtimeField).toList();
            List<Window> windows = application.reference().apply(inputs);
            assertThat(windows)
                    .extracting(Window::row)
                    .containsExactlyElementsOf(
                            expected.get(application).stream().map(Row::parse).toList());
            rowsBeforeStop.put(application, windows.stream().filter(w -> w.closedBy() < 3).count());
        }

        Map<Application, FlinkCliRun> clients = new HashMap<>();
        applications.forEach(a -> clients.put(a, a.start(List.of(), 1)));
        Map<Application, FlinkJob> jobs = new HashMap<>();
        applications.forEach(a -> jobs.put(a, clients.get(a).awaitJob(CLIENT_START_TIMEOUT)));
        Map<Application, String> savepoints = new HashMap<>();
        Map<Application, FlinkJob> resumed = new HashMap<>();
        try {
            for (Application application : applications) {
                awaitFirstPartRead(application, jobs.get(application), kinesis);
            }
            for (Application application : applications) {
                FlinkJob job = jobs.get(application);
                String savepoint =
                        job.stopWithSavepoint(env.runDir().resolve("savepoints"), RESULT_TIMEOUT);
                savepoints.put(application, savepoint);
                // flink run ends with its job; flink-kda reports success and what the job read
                FlinkCliRun client = clients.get(application);
                assertThat(client.awaitExit(RESULT_TIMEOUT))
                        .as("exit status of %s", client)
                        .hasValue(0);
                assertThat(client.output())
                        .contains(
                                "flink-kda: 3 records in, "
                                        + rowsBeforeStop.get(application)
                                        + " rows out to DESTINATION_SQL_STREAM, 0 errors in ");
            }

            for (Application application : applications) {
                List<String> seed = TextFiles.lines(application.file("input.jsonl"));
                application.put(kinesis, List.of(seed.get(3), FLUSH));
                FlinkCliRun client =
                        application.start(List.of("-s", savepoints.get(application)), 2);
                clients.put(application, client);
            }
            for (Application application : applications) {
                FlinkJob job = clients.get(application).awaitJob(CLIENT_START_TIMEOUT);
                resumed.put(application, job);
                JsonNode restored = job.awaitRestore(RESULT_TIMEOUT);
                LOG.info(
                        "{}: job {} resumed job {} from {}: {}",
                        application,
                        job.id(),
                        jobs.get(application).id(),
                        savepoints.get(application),
                        restored);
                assertThat(restored.path("is_savepoint").asBoolean()).isTrue();
                assertThat(restored.path("external_path").asText())
                        .isEqualTo(savepoints.get(application));
            }

            for (Application application : applications) {
                List<String> want = expected.get(application);
                OutputRecords<String> output =
                        new OutputRecords<>(
                                kinesis, application.output(), record -> record, RESULT_TIMEOUT);
                output.await(resumed.get(application), want, want);
                List<String> rows = output.readAfterPause();
                LOG.info("{}: output stream {}: {}", application, application.output(), rows);
                assertThat(rows).containsExactlyInAnyOrderElementsOf(want);
            }
        } finally {
            jobs.values().stream()
                    .filter(job -> !FlinkJob.STOPPED_STATES.contains(job.state()))
                    .forEach(FlinkJob::cancelQuietly);
            resumed.values().forEach(FlinkJob::cancelQuietly);
        }
        for (FlinkJob job : resumed.values()) {
            assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
        }
    }

    /**
     * Waits until the application's job has read the seed's first three records: the STEP
     * application has written the window they complete; the stagger operator has read them.
     */
    private static void awaitFirstPartRead(
            Application application, FlinkJob job, KinesaliteClient kinesis) {
        if (application.example().equals("seed-001-stagger")) {
            long read =
                    job.await(
                            RESULT_TIMEOUT,
                            () -> "3 records read by the stagger windows",
                            () ->
                                    Optional.of(job.recordsRead("StaggerWindows"))
                                            .filter(n -> n >= 3));
            LOG.info("{}: the stagger windows have read {} records", application, read);
        } else {
            String first = TextFiles.lines(application.file("expected-output.jsonl")).get(0);
            List<String> rows =
                    new OutputRecords<>(
                                    kinesis, application.output(), record -> record, RESULT_TIMEOUT)
                            .await(job, List.of(first), List.of(first));
            assertThat(rows).as("the rows before the stop").containsExactly(first);
        }
    }

    /**
     * A TaskManager killed while records stream in: nothing lost, duplicates only of rows that
     * records sent between the last awaited checkpoint and the kill complete.
     */
    @Test
    void taskManagerKilledMidStreamLosesNoRow() throws Exception {
        KinesaliteClient kinesis = env.kinesis();
        List<Application> applications = Application.both("kill");
        List<String> records = generatedRecords();
        int firstPart = FIRST_PART_RECORDS;
        List<String> all = new ArrayList<>(records);
        all.add(FLUSH);
        List<Input> inputs = all.stream().map(Input::withRowtimeField).toList();

        Map<Application, List<Window>> windows = new HashMap<>();
        for (Application application : applications) {
            application.createStreams(kinesis);
            application.put(kinesis, records.subList(0, firstPart));
            windows.put(application, application.reference().apply(inputs));
        }

        List<String> flinkOptions =
                List.of(
                        "-Dexecution.checkpointing.interval=1s",
                        "-Drestart-strategy.type=fixed-delay",
                        "-Drestart-strategy.fixed-delay.attempts=10",
                        "-Drestart-strategy.fixed-delay.delay=1s");
        Map<Application, FlinkCliRun> clients = new HashMap<>();
        applications.forEach(a -> clients.put(a, a.start(flinkOptions, 2)));
        List<FlinkJob> jobs = new ArrayList<>();
        Map<Application, OutputRecords<Row>> outputs = new HashMap<>();
        CompletableFuture<Void> producer = null;
        try {
            for (Application application : applications) {
                jobs.add(clients.get(application).awaitJob(CLIENT_START_TIMEOUT));
                outputs.put(
                        application,
                        new OutputRecords<>(
                                kinesis, application.output(), Row::parse, RESULT_TIMEOUT));
            }
            // The rows of the first part, then a checkpoint taken after them.
            Map<Application, Integer> lastClosedBeforeKill = new HashMap<>();
            List<Long> awaitedCheckpoints = new ArrayList<>();
            for (int a = 0; a < applications.size(); a++) {
                Application application = applications.get(a);
                List<Window> firstPartWindows =
                        windows.get(application).stream()
                                .filter(w -> w.closedBy() < firstPart)
                                .toList();
                List<Row> firstRows = firstPartWindows.stream().map(Window::row).toList();
                List<Row> allRows = closedRows(windows.get(application), inputs.size());
                List<Row> read = outputs.get(application).await(jobs.get(a), firstRows, allRows);
                assertThat(read)
                        .as("%s: rows of the first part", application)
                        .containsAll(firstRows);
                lastClosedBeforeKill.put(
                        application,
                        firstPartWindows.stream().mapToInt(Window::closedBy).max().orElse(-1));
            }
            long afterFirstPart = System.currentTimeMillis();
            for (FlinkJob job : jobs) {
                JsonNode checkpoint =
                        job.awaitCheckpointTriggeredAfter(afterFirstPart, RESULT_TIMEOUT)
                                .path("latest")
                                .path("completed");
                LOG.info("Job {}: checkpoint after the first part: {}", job.id(), checkpoint);
                awaitedCheckpoints.add(checkpoint.path("id").asLong());
            }

            // The second part at a steady pace, into both input streams; the kill comes while
            // it streams in.
            AtomicInteger sent = new AtomicInteger(firstPart);
            producer =
                    CompletableFuture.runAsync(
                            () -> {
                                for (int i = firstPart; i < records.size(); i++) {
                                    for (Application application : applications) {
                                        application.put(kinesis, List.of(records.get(i)));
                                    }
                                    sent.incrementAndGet();
                                    Waiting.sleep(SECOND_PART_PACE);
                                }
                            });
            // after 11:03:00, which completes windows of both applications
            int killAfter = firstPart + 2 * (records.size() - firstPart) / 3;
            while (sent.get() < killAfter) {
                if (producer.isDone()) {
                    producer.join(); // its exception, if it failed
                    throw new AssertionError("all records sent before the kill: " + sent.get());
                }
                Waiting.sleep(Duration.ofMillis(5));
            }
            int[] sentBeforeKill = new int[1];
            List<JsonNode> restored =
                    env.killTaskManagerAndAwaitRestore(
                            jobs,
                            // a record being put as the process died may have been read: count it
                            () -> sentBeforeKill[0] = sent.get() + 1,
                            RESULT_TIMEOUT);
            LOG.info(
                    "Killed the TaskManager after {} of {} records had been sent",
                    sentBeforeKill[0],
                    records.size());
            assertThat(sentBeforeKill[0]).isLessThan(records.size());
            for (int j = 0; j < jobs.size(); j++) {
                assertThat(restored.get(j).path("id").asLong())
                        .as("the checkpoint job %s restored", jobs.get(j).id())
                        .isGreaterThanOrEqualTo(awaitedCheckpoints.get(j));
            }
            producer.get();
            for (Application application : applications) {
                application.put(kinesis, List.of(FLUSH));
            }

            for (int a = 0; a < applications.size(); a++) {
                Application application = applications.get(a);
                List<Row> expected = closedRows(windows.get(application), inputs.size());
                outputs.get(application).await(jobs.get(a), expected, expected);
                List<Row> rows = outputs.get(application).readAfterPause();
                Map<Row, Integer> times = new HashMap<>();
                rows.forEach(row -> times.merge(row, 1, Integer::sum));
                int duplicates = rows.size() - times.size();
                int last = lastClosedBeforeKill.get(application);
                long mayRepeat =
                        windows.get(application).stream()
                                .filter(
                                        w ->
                                                w.closedBy() > last
                                                        && w.closedBy() < sentBeforeKill[0])
                                .count();
                LOG.info(
                        "{}: {} rows expected, {} read, {} duplicates (at most {}: rows completed"
                                + " by records {}..{}): {}",
                        application,
                        expected.size(),
                        rows.size(),
                        duplicates,
                        mayRepeat,
                        last + 1,
                        sentBeforeKill[0] - 1,
                        times.entrySet().stream().filter(e -> e.getValue() > 1).toList());
                // Nothing lost, nothing else; a row at most twice (one restart).
                assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(times.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
                assertThat(duplicates).isLessThanOrEqualTo((int) mayRepeat);
            }
        } finally {
            if (producer != null) {
                producer.cancel(true);
            }
            jobs.forEach(FlinkJob::cancelQuietly);
        }
        for (FlinkJob job : jobs) {
            assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
        }
    }

    /**
     * {@value #RECORDS} records one second apart in ROWTIME from 11:00:00, of three tickers, each
     * with an EVENT_TIME 0 to 22 s before its ROWTIME (so the first seconds of a minute have
     * records of the minute before).
     */
    private static List<String> generatedRecords() {
        List<String> tickers = List.of("AMZN", "INTC", "MSFT");
        LocalDateTime start = LocalDateTime.of(2018, 8, 1, 11, 0, 0);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            LocalDateTime rowtime = start.plusSeconds(i);
            LocalDateTime eventTime = rowtime.minusSeconds((i * 7L) % 23);
            records.add(
                    "{\"ROWTIME\": \""
                            + KDA_TIMESTAMP.format(rowtime)
                            + "\", \"EVENT_TIME\": \""
                            + KDA_TIMESTAMP.format(eventTime)
                            + "\", \"TICKER_SYMBOL\": \""
                            + tickers.get((i * 7 + i / 4) % tickers.size())
                            + "\"}");
        }
        return records;
    }

    /** The rows of the windows that a record completes (so written by the job). */
    private static List<Row> closedRows(List<Window> windows, int inputs) {
        return windows.stream().filter(w -> w.closedBy() < inputs).map(Window::row).toList();
    }
}
