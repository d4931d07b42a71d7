package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.testing.FakeFirehose;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --output firehose:NAME?endpoint=…}: Flink's real {@code KinesisFirehoseSink} with the real
 * AWS SDK client, against a Firehose endpoint faked at the protocol level on 127.0.0.1 ({@link
 * FakeFirehose}; there is no Firehose emulator). The records it receives, decoded, must be the rows
 * the same application writes to a file: the examples' {@code expected-output.jsonl}, which {@link
 * FlinkKdaCliTest} checks against the file output, and which hold the AWS documentation's rows.
 */
class FirehoseOutputCliTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path EXAMPLES = Path.of("..", "examples");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeFirehose firehose;

    @BeforeEach
    void startFirehose() throws Exception {
        firehose = FakeFirehose.start("results", "errors");
    }

    @AfterEach
    void stopFirehose() {
        firehose.close();
    }

    private int run(String... args) throws Exception {
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String location(String deliveryStream) {
        return "firehose:"
                + deliveryStream
                + "?endpoint="
                + firehose.endpoint()
                + "&region=us-east-1";
    }

    /** An example folder's application over its input, with {@code more} arguments. */
    private int runExample(String example, String... more) throws Exception {
        Path folder = EXAMPLES.resolve(example);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                folder.resolve("app.sql").toString(),
                                "--input",
                                folder.resolve("input.jsonl").toString(),
                                "--schema",
                                "@" + folder.resolve("schema.txt")));
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    private static List<String> expected(String example) throws Exception {
        return Files.readAllLines(EXAMPLES.resolve(example).resolve("expected-output.jsonl"));
    }

    /**
     * KDA's reference-data example to Firehose: each row one record, the row's JSON object without
     * a line break (as KDA writes JSON to Firehose), in the order of the file output; sent as the
     * AWS JSON 1.1 protocol's PutRecordBatch.
     */
    @Test
    void eachRowIsOneRecordOfTheDeliveryStream() throws Exception {
        Path folder = EXAMPLES.resolve("reference-join");
        int exit =
                runExample(
                        "reference-join",
                        "--reference",
                        "\"CompanyName\"=" + folder.resolve("companies.csv") + "?csv.header=true",
                        "--schema",
                        "\"CompanyName\"=@" + folder.resolve("companies-schema.txt"),
                        "--output",
                        location("results"));
        assertThat(exit).as(err()).isZero();
        assertThat(firehose.records("results"))
                .containsExactlyElementsOf(expected("reference-join"));
        assertThat(firehose.records("results")).allSatisfy(r -> assertThat(r).doesNotContain("\n"));
        FakeFirehose.Call call = firehose.calls().get(0);
        System.out.println("PutRecordBatch as the connector sends it: " + call);
        assertThat(call.target()).isEqualTo("Firehose_20150804.PutRecordBatch");
        assertThat(call.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(call.body().path("DeliveryStreamName").asText()).isEqualTo("results");
        assertThat(err()).contains("3 records in, 3 rows out to DESTINATION_SQL_STREAM, 0 errors");
    }

    /**
     * Firehose refuses the second record of the first batches (ServiceUnavailableException, as when
     * it throttles): the sink sends those again, and every row arrives once.
     */
    @Test
    void recordsRefusedInABatchAreSentAgain() throws Exception {
        firehose.refuseSecondRecordOfNextBatches(2);
        int exit = runExample("windowed-aggregation-weather", "--output", location("results"));
        assertThat(exit).as(err()).isZero();
        List<String> expected = expected("windowed-aggregation-weather");
        assertThat(firehose.refusedRecords()).isNotEmpty().isSubsetOf(expected);
        assertThat(firehose.records("results")).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** error_stream to Firehose: the malformed record is a record of KDA's error columns. */
    @Test
    void errorStreamToFirehose(@TempDir Path dir) throws Exception {
        Path app =
                Files.writeString(
                        dir.resolve("app.sql"),
                        """
                        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER VARCHAR(4), PRICE DOUBLE);
                        CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
                            SELECT STREAM TICKER, PRICE FROM "SOURCE_SQL_STREAM_001";
                        """);
        Path input =
                Files.writeString(
                        dir.resolve("trades.jsonl"),
                        "{\"ROWTIME\":\"2024-05-01 10:00:00\",\"TICKER\":\"AMZN\",\"PRICE\":10}\n"
                                + "{\"ROWTIME\":\"2024-05-01 10:00:01\",\"TICKER\":\"AMZN\",\"PRICE\":\"abc\"}\n");
        int exit =
                run(
                        "run",
                        app.toString(),
                        "--input",
                        input.toString(),
                        "--schema",
                        "TICKER VARCHAR(4), PRICE DOUBLE",
                        "--output",
                        location("results"),
                        "--output",
                        "error_stream=" + location("errors"));
        assertThat(exit).as(err()).isZero();
        assertThat(firehose.records("results"))
                .containsExactly(
                        "{\"ROWTIME\":\"2024-05-01 10:00:00\",\"TICKER\":\"AMZN\",\"PRICE\":10.0}");
        assertThat(firehose.records("errors")).hasSize(1);
        String error = firehose.records("errors").get(0);
        assertThat(error)
                .contains("\"ERROR_LEVEL\":\"ERROR\"")
                .contains("\"ERROR_NAME\":\"COERCION_ERROR\"")
                .contains("\"PUMP_NAME\":null");
    }

    /**
     * A delivery stream that does not exist fails the run with Firehose's answer (the connector's
     * fatal ResourceNotFoundException), on one line: no stack trace, no endless retry.
     */
    @Test
    void anUnknownDeliveryStreamFailsTheRun() throws Exception {
        int exit = runExample("seed-001-stagger", "--output", location("no-such-stream"));
        assertThat(exit).isEqualTo(1);
        assertThat(err())
                .contains("flink-kda: the job failed:")
                .contains("no-such-stream")
                .doesNotContain("\tat ");
    }
}
