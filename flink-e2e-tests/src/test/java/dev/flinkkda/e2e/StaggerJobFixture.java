package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.KinesisJobStreams;
import dev.flinkkda.e2e.harness.OutputRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What the tests of {@link StaggerKinesisJob} share: its streams, the input records and output
 * windows in the job's formats, its submission, and reading its windows.
 */
final class StaggerJobFixture {

    static final String INPUT_STREAM = "ticker-input";
    static final String OUTPUT_STREAM = "ticker-stagger-counts";
    static final String ERROR_STREAM = "ticker-errors";

    private static final KinesisJobStreams STREAMS =
            new KinesisJobStreams(INPUT_STREAM, OUTPUT_STREAM, ERROR_STREAM, "ticker");

    /** How long a test waits for the job's windows (the machine may be busy). */
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);

    private static final String DAY = "2018-08-01T";

    private StaggerJobFixture() {}

    /** Creates the input, output and error streams, one shard each. */
    static void createStreams(KinesaliteClient kinesis) {
        STREAMS.create(kinesis);
    }

    /** Puts {@code records} into the one-shard input stream, in order. */
    static void putInput(KinesaliteClient kinesis, List<String> records) {
        STREAMS.putInput(kinesis, records);
    }

    /**
     * Submits the job on the fixture's streams with one-minute windows and 10 s of
     * out-of-orderness, plus {@code moreArguments}.
     */
    static FlinkJob submit(E2eEnvironment env, String... moreArguments) {
        List<String> arguments =
                STREAMS.jobArguments(
                        env, "--window-millis", "60000", "--out-of-orderness-millis", "10000");
        arguments.addAll(List.of(moreArguments));
        return env.cluster()
                .submit(E2eSettings.jobJar(), StaggerKinesisJob.class.getName(), arguments);
    }

    /** An input record: ticker, its event time and its ROWTIME (times of the day 2018-08-01). */
    static String input(String rowtime, String eventTime, String ticker) {
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

    /** An expected window: ticker, event minute, window start, window end (ROWTIME), count. */
    static WindowCount window(
            String ticker, String eventMinute, String start, String end, long count) {
        return new WindowCount(
                ticker,
                DAY + eventMinute + ".000",
                DAY + start + ".000",
                DAY + end + ".000",
                count);
    }

    /** One output record of the job. */
    record WindowCount(
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

    /** The job's output stream, read from its start: every window read so far, in order. */
    static final class OutputWindows extends OutputRecords<WindowCount> {

        OutputWindows(KinesaliteClient kinesis) {
            super(kinesis, OUTPUT_STREAM, WindowCount::parse, RESULT_TIMEOUT);
        }
    }
}
