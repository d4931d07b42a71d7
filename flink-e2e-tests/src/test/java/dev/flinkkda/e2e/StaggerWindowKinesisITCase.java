package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkRestClient;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.KinesaliteServer;
import dev.flinkkda.e2e.harness.StandaloneFlinkCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs {@link StaggerKinesisJob} — this module's shaded job jar, with the stagger windows and the
 * Kinesis connector — on a standalone Flink cluster (JobManager and TaskManager processes) reading
 * from and writing to Kinesalite, and checks the exact windows of Kinesis Data Analytics' stagger
 * example plus a second ticker.
 *
 * <p>Logs: {@code target/e2e/StaggerWindowKinesisITCase/} ({@code log/kinesalite.log}, {@code
 * flink/log/jobmanager.{log,out}}, {@code flink/log/taskmanager.{log,out}}, {@code flink/conf}).
 */
class StaggerWindowKinesisITCase {

    private static final Logger LOG = LoggerFactory.getLogger(StaggerWindowKinesisITCase.class);

    private static final String INPUT_STREAM = "ticker-input";
    private static final String OUTPUT_STREAM = "ticker-stagger-counts";
    private static final String ERROR_STREAM = "ticker-errors";
    private static final String MALFORMED_RECORD = "{\"TICKER\":\"AMZN\",\"ROWTIME\":\"soon\"}";
    private static final String DAY = "2018-08-01T";
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> STOPPED_STATES =
            List.of("FAILING", "FAILED", "CANCELLING", "CANCELED", "FINISHED", "SUSPENDED");

    /**
     * The input, in the order it is put into the one-shard input stream: ROWTIME, EVENT_TIME,
     * TICKER. AMZN is the example of KDA's stagger-window concept page. INTC is interleaved: its
     * third record arrives exactly when its first window closes and so opens a second window for
     * the same key (INTC, 11:00); its 11:01:45 record is put before the 11:01:40 one (5 s out of
     * order, within the job's 10 s bound), so the window of key (INTC, 11:01) must still open at
     * 11:01:40. One record cannot be read: it must reach the error stream, not fail the job. The
     * last record, far ahead, only moves the watermark past all windows; its own window never
     * closes.
     */
    private static final List<String> INPUT =
            List.of(
                    input("11:00:20", "11:00:10", "AMZN"),
                    input("11:00:25", "11:00:05", "INTC"),
                    input("11:00:30", "11:00:20", "AMZN"),
                    input("11:00:50", "11:00:40", "INTC"),
                    MALFORMED_RECORD,
                    input("11:01:05", "11:00:55", "AMZN"),
                    input("11:01:15", "11:01:05", "AMZN"),
                    input("11:01:25", "11:00:59", "INTC"),
                    input("11:01:45", "11:01:35", "INTC"),
                    input("11:01:40", "11:01:30", "INTC"),
                    input("11:02:10", "11:01:50", "INTC"),
                    input("12:00:00", "12:00:00", "ZZZZ"));

    /** The windows, worked out by hand: ticker, event minute, window start, window end, count. */
    private static final List<WindowCount> EXPECTED =
            List.of(
                    // KDA's documented result: ROWTIME 11:01:20 count 3, ROWTIME 11:02:15 count 1.
                    expected("AMZN", "11:00:00", "11:00:20", "11:01:20", 3),
                    expected("AMZN", "11:01:00", "11:01:15", "11:02:15", 1),
                    expected("INTC", "11:00:00", "11:00:25", "11:01:25", 2),
                    expected("INTC", "11:00:00", "11:01:25", "11:02:25", 1),
                    expected("INTC", "11:01:00", "11:01:40", "11:02:40", 3));

    private static KinesaliteServer kinesalite;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        Path runDir =
                E2eSettings.workDir().resolve(StaggerWindowKinesisITCase.class.getSimpleName());
        Path pidDir = E2eSettings.workDir().resolve("pids");
        deleteRecursively(runDir);
        kinesalite = KinesaliteServer.start(E2eSettings.moduleDir(), runDir.resolve("log"), pidDir);
        List<String> jvmOptions = new ArrayList<>(E2eSettings.java17Opens());
        jvmOptions.addAll(KinesaliteServer.CLIENT_JVM_OPTIONS);
        cluster =
                StandaloneFlinkCluster.start(
                        E2eSettings.flinkLib(), runDir.resolve("flink"), pidDir, jvmOptions);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (kinesalite != null) {
                kinesalite.close();
            }
        }
    }

    @Test
    void countsTickersPerEventMinuteInOneMinuteStaggerWindows() {
        KinesaliteClient kinesis = new KinesaliteClient(kinesalite.endpoint());
        kinesis.createStream(INPUT_STREAM, 1, Duration.ofSeconds(30));
        kinesis.createStream(OUTPUT_STREAM, 1, Duration.ofSeconds(30));
        kinesis.createStream(ERROR_STREAM, 1, Duration.ofSeconds(30));
        for (String record : INPUT) {
            kinesis.putRecord(INPUT_STREAM, "ticker", record);
        }

        FlinkRestClient rest = cluster.rest();
        String jarId = rest.uploadJar(E2eSettings.jobJar());
        String jobId =
                rest.runJar(
                        jarId,
                        StaggerKinesisJob.class.getName(),
                        List.of(
                                "--endpoint",
                                kinesalite.endpoint(),
                                "--region",
                                "us-east-1",
                                "--input-stream",
                                INPUT_STREAM,
                                "--output-stream",
                                OUTPUT_STREAM,
                                "--error-stream",
                                ERROR_STREAM,
                                "--window-millis",
                                "60000",
                                "--out-of-orderness-millis",
                                "10000"),
                        StandaloneFlinkCluster.SLOTS);
        LOG.info("Submitted job {}", jobId);
        try {
            List<WindowCount> results = awaitResults(kinesis, rest, jobId);
            assertThat(results).containsExactlyInAnyOrderElementsOf(EXPECTED);
            assertThat(kinesis.readFromStart(ERROR_STREAM).poll())
                    .containsExactly(
                            "{\"ERROR_NAME\":\"MALFORMED_RECORD\","
                                    + "\"MESSAGE\":\"field ROWTIME is not an ISO-8601 timestamp: 'soon'\","
                                    + "\"DATA_ROW\":\"{\\\"TICKER\\\":\\\"AMZN\\\",\\\"ROWTIME\\\":\\\"soon\\\"}\"}");
        } finally {
            cancelQuietly(rest, jobId);
        }
        assertThat(awaitTerminalState(rest, jobId)).isEqualTo("CANCELED");
    }

    /**
     * Reads the output stream until as many records as expected arrived, then once more after a
     * pause so that any extra record shows up too. Fails early if the job stops.
     */
    private static List<WindowCount> awaitResults(
            KinesaliteClient kinesis, FlinkRestClient rest, String jobId) {
        KinesaliteClient.ShardReader reader = kinesis.readFromStart(OUTPUT_STREAM);
        List<WindowCount> results = new ArrayList<>();
        long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
        while (results.size() < EXPECTED.size()) {
            reader.poll().stream().map(WindowCount::parse).forEach(results::add);
            String state = rest.jobState(jobId);
            if (STOPPED_STATES.contains(state)) {
                fail(
                        "job %s is %s after %s: %s%s",
                        jobId, state, results, rest.jobException(jobId), cluster.logTails(60));
            }
            if (System.nanoTime() > deadline) {
                fail(
                        "only %s after %s (expected %s)%s",
                        results, RESULT_TIMEOUT, EXPECTED, cluster.logTails(60));
            }
            sleep(Duration.ofMillis(250));
        }
        sleep(Duration.ofSeconds(2));
        reader.poll().stream().map(WindowCount::parse).forEach(results::add);
        LOG.info("Output of job {}: {}", jobId, results);
        return results;
    }

    private static void cancelQuietly(FlinkRestClient rest, String jobId) {
        try {
            rest.cancel(jobId);
        } catch (RuntimeException e) {
            LOG.warn("Cannot cancel job {}", jobId, e);
        }
    }

    private static String awaitTerminalState(FlinkRestClient rest, String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state = rest.jobState(jobId);
        while (!List.of("CANCELED", "FAILED", "FINISHED").contains(state)
                && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
            state = rest.jobState(jobId);
        }
        return state;
    }

    private static String input(String rowtime, String eventTime, String ticker) {
        return "{\"TICKER\":\""
                + ticker
                + "\",\"EVENT_TIME\":\""
                + DAY
                + eventTime
                + "\",\"ROWTIME\":\""
                + DAY
                + rowtime
                + "\"}";
    }

    private static WindowCount expected(
            String ticker, String eventMinute, String start, String end, long count) {
        return new WindowCount(
                ticker,
                DAY + eventMinute + ".000",
                DAY + start + ".000",
                DAY + end + ".000",
                count);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    /** One output record of the job. */
    private record WindowCount(
            String ticker, String eventTime, String windowStart, String windowEnd, long count) {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        static WindowCount parse(String json) {
            try {
                JsonNode node = MAPPER.readTree(json);
                return new WindowCount(
                        node.path("TICKER").asText(),
                        node.path("EVENT_TIME").asText(),
                        node.path("WINDOW_START").asText(),
                        node.path("ROWTIME").asText(),
                        node.path("TICKER_COUNT").asLong(-1));
            } catch (IOException e) {
                throw new IllegalStateException("output record is not JSON: " + json, e);
            }
        }
    }
}
