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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What tests of {@link SlidingKinesisJob} need: its streams, the input records and output windows
 * in the job's formats, its submission with the windows below, and reading its output.
 *
 * <p>The windows: hopping windows of {@value #HOPPING_SIZE_SECONDS} s every {@value
 * #HOPPING_HOP_SECONDS} s (epoch-aligned, so {@code [5k s, 5k s + 15 s)}: every reading is in three
 * windows, the fast path's panes are 5 s), per-event sliding windows of {@value
 * #PER_EVENT_SIZE_SECONDS} s ({@code [t - 10 s, t]}), and a watermark {@value
 * #OUT_OF_ORDERNESS_SECONDS} s behind the highest event time read (minus 1 ms, as Flink's bounded
 * out-of-orderness watermarks are).
 */
final class SlidingJobFixture {

    static final String INPUT_STREAM = "sensor-input";
    static final String OUTPUT_STREAM = "sensor-windows";
    static final String ERROR_STREAM = "sensor-errors";

    private static final KinesisJobStreams STREAMS =
            new KinesisJobStreams(INPUT_STREAM, OUTPUT_STREAM, ERROR_STREAM, "sensor");

    static final long HOPPING_SIZE_SECONDS = 15;
    static final long HOPPING_HOP_SECONDS = 5;
    static final long PER_EVENT_SIZE_SECONDS = 10;
    static final long OUT_OF_ORDERNESS_SECONDS = 5;

    /** How long a test waits for the job's windows (the machine may be busy). */
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);

    private static final String DAY = "2018-08-01T";
    private static final DateTimeFormatter OUTPUT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private SlidingJobFixture() {}

    /** Creates the input, output and error streams, one shard each. */
    static void createStreams(KinesaliteClient kinesis) {
        STREAMS.create(kinesis);
    }

    /** Puts {@code records} into the one-shard input stream, in order. */
    static void putInput(KinesaliteClient kinesis, List<String> records) {
        STREAMS.putInput(kinesis, records);
    }

    /** Submits the job on the fixture's streams and windows, plus {@code moreArguments}. */
    static FlinkJob submit(E2eEnvironment env, String... moreArguments) {
        List<String> arguments =
                STREAMS.jobArguments(
                        env,
                        "--hopping-size-millis",
                        Long.toString(HOPPING_SIZE_SECONDS * 1000),
                        "--hopping-hop-millis",
                        Long.toString(HOPPING_HOP_SECONDS * 1000),
                        "--per-event-size-millis",
                        Long.toString(PER_EVENT_SIZE_SECONDS * 1000),
                        "--out-of-orderness-millis",
                        Long.toString(OUT_OF_ORDERNESS_SECONDS * 1000));
        arguments.addAll(List.of(moreArguments));
        // The job jar's main class is StaggerKinesisJob: this job is run by its entry class.
        return env.cluster()
                .submit(E2eSettings.jobJar(), SlidingKinesisJob.class.getName(), arguments);
    }

    /** An input record: a sensor's reading at an event time (time of the day 2018-08-01). */
    static String input(String sensor, String eventTime, long value) {
        return "{\"SENSOR\":\""
                + sensor
                + "\",\"EVENT_TIME\":\""
                + DAY
                + eventTime
                + "\",\"VALUE\":"
                + value
                + "}";
    }

    /** An expected hopping window {@code [start, end)} of {@code sensor} (times of the day). */
    static WindowResult hopping(String sensor, String start, String end, long count, long sum) {
        LocalDateTime endTime = time(end);
        return new WindowResult(
                SlidingKinesisJob.HOPPING,
                sensor,
                format(time(start)),
                format(endTime),
                format(endTime.minusNanos(1_000_000)),
                count,
                sum);
    }

    /**
     * The expected per-event window of {@code sensor}'s reading at {@code eventTime}: {@code [t -
     * 10 s, t]}, as the job writes it (window end {@code t + 1 ms}, ROWTIME {@code t}).
     */
    static WindowResult perEvent(String sensor, String eventTime, long count, long sum) {
        LocalDateTime t = time(eventTime);
        return new WindowResult(
                SlidingKinesisJob.PER_EVENT,
                sensor,
                format(t.minusSeconds(PER_EVENT_SIZE_SECONDS)),
                format(t.plusNanos(1_000_000)),
                format(t),
                count,
                sum);
    }

    private static LocalDateTime time(String timeOfDay) {
        return LocalDateTime.parse(DAY + timeOfDay);
    }

    private static String format(LocalDateTime time) {
        return OUTPUT_TIME.format(time);
    }

    /** One output record of the job: which windows, the key, the window, count and sum. */
    record WindowResult(
            String windows,
            String sensor,
            String windowStart,
            String windowEnd,
            String rowtime,
            long count,
            long sum) {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        static WindowResult parse(String json) {
            try {
                JsonNode node = MAPPER.readTree(json);
                return new WindowResult(
                        node.path("WINDOWS").asText(),
                        node.path("SENSOR").asText(),
                        node.path("WINDOW_START").asText(),
                        node.path("WINDOW_END").asText(),
                        node.path("ROWTIME").asText(),
                        node.path("COUNT").asLong(-1),
                        node.path("SUM").asLong(-1));
            } catch (IOException e) {
                throw new IllegalStateException("output record is not JSON: " + json, e);
            }
        }

        @Override
        public String toString() {
            return windows
                    + " "
                    + sensor
                    + " ["
                    + timeOfDay(windowStart)
                    + ", "
                    + timeOfDay(windowEnd)
                    + ") count "
                    + count
                    + " sum "
                    + sum;
        }

        private static String timeOfDay(String time) {
            return time.startsWith(DAY) ? time.substring(DAY.length()) : time;
        }
    }

    /** The job's output stream, read from its start: every window read so far, in order. */
    static final class OutputWindows extends OutputRecords<WindowResult> {

        OutputWindows(KinesaliteClient kinesis) {
            super(kinesis, OUTPUT_STREAM, WindowResult::parse, RESULT_TIMEOUT);
        }
    }
}
