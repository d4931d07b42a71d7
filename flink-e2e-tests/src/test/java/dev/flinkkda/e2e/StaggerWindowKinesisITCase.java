package dev.flinkkda.e2e;

import dev.flinkkda.e2e.StaggerJobFixture.OutputWindows;
import dev.flinkkda.e2e.StaggerJobFixture.WindowCount;
import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.KinesaliteClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static dev.flinkkda.e2e.StaggerJobFixture.ERROR_STREAM;
import static dev.flinkkda.e2e.StaggerJobFixture.input;
import static dev.flinkkda.e2e.StaggerJobFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link StaggerKinesisJob} — this module's shaded job jar, with the stagger windows and the
 * Kinesis connector — on a standalone Flink cluster (JobManager and TaskManager processes) reading
 * from and writing to Kinesalite, and checks the exact windows of Kinesis Data Analytics' stagger
 * example plus a second ticker.
 *
 * <p>Logs: {@code target/e2e/StaggerWindowKinesisITCase/} ({@code log/kinesalite.log}, {@code
 * flink/log/jobmanager.{log,out}}, {@code flink/log/taskmanager-1.{log,out}}, {@code flink/conf}).
 */
class StaggerWindowKinesisITCase {

    private static final Logger LOG = LoggerFactory.getLogger(StaggerWindowKinesisITCase.class);

    private static final String MALFORMED_RECORD = "{\"TICKER\":\"AMZN\",\"ROWTIME\":\"soon\"}";

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
                    window("AMZN", "11:00:00", "11:00:20", "11:01:20", 3),
                    window("AMZN", "11:01:00", "11:01:15", "11:02:15", 1),
                    window("INTC", "11:00:00", "11:00:25", "11:01:25", 2),
                    window("INTC", "11:00:00", "11:01:25", "11:02:25", 1),
                    window("INTC", "11:01:00", "11:01:40", "11:02:40", 3));

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(StaggerWindowKinesisITCase.class);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void countsTickersPerEventMinuteInOneMinuteStaggerWindows() {
        KinesaliteClient kinesis = env.kinesis();
        StaggerJobFixture.createStreams(kinesis);
        StaggerJobFixture.putInput(kinesis, INPUT);

        FlinkJob job = StaggerJobFixture.submit(env);
        try {
            OutputWindows output = new OutputWindows(kinesis);
            output.await(job, EXPECTED, EXPECTED);
            List<WindowCount> results = output.readAfterPause();
            LOG.info("Output of job {}: {}", job.id(), results);
            assertThat(results).containsExactlyInAnyOrderElementsOf(EXPECTED);
            assertThat(kinesis.readFromStart(ERROR_STREAM).poll())
                    .containsExactly(
                            "{\"ERROR_NAME\":\"MALFORMED_RECORD\","
                                    + "\"MESSAGE\":\"field ROWTIME is not an ISO-8601 timestamp: 'soon'\","
                                    + "\"DATA_ROW\":\"{\\\"TICKER\\\":\\\"AMZN\\\",\\\"ROWTIME\\\":\\\"soon\\\"}\"}");
        } finally {
            job.cancelQuietly();
        }
        assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
    }
}
