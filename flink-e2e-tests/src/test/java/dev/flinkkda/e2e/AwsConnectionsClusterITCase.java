package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkCliRun;
import dev.flinkkda.e2e.harness.S3rverServer;
import dev.flinkkda.kda.cli.FlinkKdaCli;
import dev.flinkkda.kda.testing.FakeFirehose;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA's reference-data example ({@code examples/reference-join}) submitted with {@code flink run}
 * to a standalone Flink cluster, as the {@code flink-kda} jar for clusters: its reference table
 * read from s3rver (by the client, to check it, and by the TaskManager's lookup operator when the
 * job starts), its output stream written to a Firehose endpoint faked at the protocol level ({@link
 * FakeFirehose}) by the connector in the TaskManager. The records are the example's documented
 * rows. Logs: {@code target/e2e/AwsConnectionsClusterITCase/}.
 */
class AwsConnectionsClusterITCase {

    private static final String BUCKET = "kda-reference";
    private static final String KEY = "reference-join/companies.csv";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

    private static E2eEnvironment env;
    private static S3rverServer s3;
    private static FakeFirehose firehose;

    @BeforeAll
    static void startServersAndFlink() throws Exception {
        env = E2eEnvironment.start(AwsConnectionsClusterITCase.class);
        s3 =
                S3rverServer.start(
                        E2eSettings.moduleDir(),
                        env.runDir().resolve("s3rver-data"),
                        env.runDir().resolve("log"),
                        E2eSettings.workDir().resolve("pids"));
        s3.createBucket(BUCKET);
        s3.putObject(BUCKET, KEY, Files.readAllBytes(example().resolve("companies.csv")));
        firehose = FakeFirehose.start("kda-results");
    }

    @AfterAll
    static void stopServersAndFlink() {
        if (firehose != null) {
            firehose.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (env != null) {
            env.close();
        }
    }

    private static Path example() {
        return E2eSettings.examplesDir().resolve("reference-join");
    }

    @Test
    void referenceDataFromS3AndOutputToFirehoseOnTheCluster() throws Exception {
        Path example = example();
        FlinkCliRun client =
                env.cluster()
                        .runWithFlinkCli(
                                E2eSettings.flinkKdaJar(),
                                FlinkKdaCli.class.getName(),
                                List.of(
                                        "run",
                                        example.resolve("app.sql").toString(),
                                        "--input",
                                        example.resolve("input.jsonl").toString(),
                                        "--schema",
                                        "@" + example.resolve("schema.txt"),
                                        "--reference",
                                        "\"CompanyName\"=s3://"
                                                + BUCKET
                                                + "/"
                                                + KEY
                                                + "?endpoint="
                                                + s3.endpoint()
                                                + "&csv.header=true",
                                        "--schema",
                                        "\"CompanyName\"=@"
                                                + example.resolve("companies-schema.txt"),
                                        "--output",
                                        "firehose:kda-results?endpoint=" + firehose.endpoint()));
        OptionalInt status = client.awaitExit(RUN_TIMEOUT);
        assertThat(status).as(client.output()).isPresent();
        assertThat(status.getAsInt()).as(client.output()).isZero();
        assertThat(firehose.records("kda-results"))
                .as(client.output())
                .containsExactlyElementsOf(
                        Files.readAllLines(example.resolve("expected-output.jsonl")));
    }
}
