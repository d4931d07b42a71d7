package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkCliRun;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.Waiting;
import dev.flinkkda.kda.cli.FlinkKdaCli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KDA application that calls {@code RANDOM_CUT_FOREST} ({@code examples/anomaly-detection}),
 * translated by flink-kda and submitted with {@code flink run} to a standalone Flink cluster as the
 * shaded {@code flink-kda-<version>.jar}: the Random Cut Forest library, its serialization and the
 * table-function operator all load from that one jar in the cluster's user class loader, reading
 * the example's rows from Kinesalite and writing the scored rows to Kinesalite.
 *
 * <p>The forest is random, so the reference is the same application run in this JVM on embedded
 * Flink over the example's file with the same {@code --random-seed}: the cluster must write the
 * same 600 rows with the same scores. The planted rows (PRICE 131) must also score above three
 * times the median, as in the embedded example test.
 *
 * <p>Two bad records among the rows (one not JSON, one with a PRICE that is no number) must go to
 * {@code error_stream}, written to a Kinesis stream of its own ({@code --output
 * error_stream=kinesis:…}), with KDA's columns and the records hex-encoded in DATA_ROW; the forest
 * never sees them.
 *
 * <p>Logs: {@code target/e2e/KdaTableFunctionClusterITCase/} ({@code flink/log/flink-cli-1.out} is
 * the output of {@code flink run}).
 */
class KdaTableFunctionClusterITCase {

    private static final Logger LOG = LoggerFactory.getLogger(KdaTableFunctionClusterITCase.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String SEED = "7";
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLIENT_START_TIMEOUT = Duration.ofSeconds(60);

    /** Bad records among the example's: not JSON, and a PRICE that is no number. */
    private static final String NOT_JSON = "{\"TICKER_SYMBOL\": \"AMZN\", \"PRICE\":";

    private static final String BAD_PRICE =
            "{\"ROWTIME\": \"2024-05-01 10:00:40.050\", \"TICKER_SYMBOL\": \"AMZN\","
                    + " \"SECTOR\": \"RETAIL\", \"CHANGE\": 0.1, \"PRICE\": \"cheap\"}";

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env = E2eEnvironment.start(KdaTableFunctionClusterITCase.class);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void randomCutForestOnTheClusterScoresAsOnEmbeddedFlinkWithTheSameSeed() throws Exception {
        List<String> expected = embeddedRun();
        assertThat(expected).hasSize(600);

        String input = "kda-rcf-input";
        String output = "kda-rcf-output";
        String errors = "kda-rcf-errors";
        KinesaliteClient kinesis = env.kinesis();
        kinesis.createStream(input, 1, STREAM_TIMEOUT);
        kinesis.createStream(output, 1, STREAM_TIMEOUT);
        kinesis.createStream(errors, 1, STREAM_TIMEOUT);
        List<String> records = lines(example("input.jsonl"));
        for (int i = 0; i < records.size(); i++) {
            if (i == 100) {
                kinesis.putRecord(input, "rcf", NOT_JSON);
            } else if (i == 400) {
                kinesis.putRecord(input, "rcf", BAD_PRICE);
            }
            kinesis.putRecord(input, "rcf", records.get(i));
        }
        // The watermark only moves with the records' ROWTIME: this record, a minute after the
        // last, closes the last second of the ORDER BY. Its own second never closes.
        kinesis.putRecord(
                input,
                "rcf",
                "{\"ROWTIME\": \"2024-05-01 10:02:00.000\", \"TICKER_SYMBOL\": \"ZZZZ\","
                        + " \"SECTOR\": \"FLUSH\", \"CHANGE\": 0.0, \"PRICE\": 100.0}");

        String endpoint = "?endpoint=" + env.kinesalite().endpoint() + "&region=" + REGION;
        FlinkCliRun client =
                env.cluster()
                        .runWithFlinkCli(
                                E2eSettings.flinkKdaJar(),
                                FlinkKdaCli.class.getName(),
                                List.of(
                                        "run",
                                        example("app.sql").toString(),
                                        "--input",
                                        "kinesis:" + input + endpoint + "&start=TRIM_HORIZON",
                                        "--schema",
                                        "@" + example("schema.txt"),
                                        "--rowtime",
                                        "field:ROWTIME",
                                        "--random-seed",
                                        SEED,
                                        "--output",
                                        "kinesis:" + output + endpoint,
                                        "--output",
                                        "error_stream=kinesis:" + errors + endpoint));
        FlinkJob job = client.awaitJob(CLIENT_START_TIMEOUT);
        List<String> rows;
        List<String> errorRows;
        try {
            rows = awaitRecords(job, kinesis.readFromStart(output), expected.size());
            errorRows = awaitRecords(job, kinesis.readFromStart(errors), 2);
        } finally {
            job.cancelQuietly();
        }
        assertThat(job.awaitTerminalState(Duration.ofSeconds(30))).isEqualTo("CANCELED");
        LOG.info("Job {} wrote {} rows; the first: {}", job.id(), rows.size(), rows.get(0));

        // Rows of one second with equal scores (0 while the forest learns) may come in either
        // order: the same rows, and each second highest score first.
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        List<JsonNode> parsed = new ArrayList<>();
        for (String row : rows) {
            parsed.add(MAPPER.readTree(row));
        }
        for (int i = 1; i < parsed.size(); i++) {
            String second = second(parsed.get(i));
            assertThat(second).isGreaterThanOrEqualTo(second(parsed.get(i - 1)));
            if (second.equals(second(parsed.get(i - 1)))) {
                assertThat(score(parsed.get(i))).isLessThanOrEqualTo(score(parsed.get(i - 1)));
            }
        }
        List<Double> planted = new ArrayList<>();
        List<Double> normal = new ArrayList<>();
        for (JsonNode row : parsed) {
            if (row.get("PRICE").asDouble() == 131.0) {
                planted.add(score(row));
            } else if (score(row) > 0) {
                normal.add(score(row));
            }
        }
        normal.sort(null);
        double median = normal.get(normal.size() / 2);
        LOG.info("Planted rows' scores {}, median of the others {}", planted, median);
        assertThat(planted).hasSize(3).allSatisfy(s -> assertThat(s).isGreaterThan(3 * median));

        List<String> names = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String row : errorRows) {
            JsonNode error = MAPPER.readTree(row);
            assertThat(error.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "ERROR_TIME",
                            "ERROR_LEVEL",
                            "ERROR_NAME",
                            "MESSAGE",
                            "DATA_ROWTIME",
                            "DATA_ROW",
                            "PUMP_NAME");
            assertThat(error.get("MESSAGE").asText()).startsWith("kinesis " + input + "/");
            names.add(error.get("ERROR_NAME").asText());
            data.add(
                    new String(
                            HexFormat.of().parseHex(error.get("DATA_ROW").asText()),
                            StandardCharsets.UTF_8));
        }
        LOG.info("error_stream: {}", errorRows);
        assertThat(names).containsExactly("MALFORMED_RECORD", "COERCION_ERROR");
        assertThat(data).containsExactly(NOT_JSON, BAD_PRICE);
    }

    /** The example on embedded Flink in this JVM, with {@link #SEED}: its output lines. */
    private static List<String> embeddedRun() throws Exception {
        Path output = env.runDir().resolve("embedded-output.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                FlinkKdaCli.run(
                        new String[] {
                            "run",
                            example("app.sql").toString(),
                            "--input",
                            example("input.jsonl").toString(),
                            "--schema",
                            "@" + example("schema.txt"),
                            "--random-seed",
                            SEED,
                            "--output",
                            output.toString()
                        },
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return lines(output);
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
                () -> count + " output records (read: " + read.size() + ")",
                () -> {
                    read.addAll(reader.poll());
                    return read.size() >= count ? Optional.of(read) : Optional.empty();
                });
        Waiting.sleep(Duration.ofSeconds(2));
        read.addAll(reader.poll());
        return read;
    }

    private static String second(JsonNode row) {
        return row.get("ROWTIME").asText().substring(0, 19);
    }

    private static double score(JsonNode row) {
        return row.get("ANOMALY_SCORE").asDouble();
    }

    private static Path example(String file) {
        return E2eSettings.examplesDir().resolve("anomaly-detection").resolve(file);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
