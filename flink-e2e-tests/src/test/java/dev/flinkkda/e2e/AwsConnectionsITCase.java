package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.ManagedProcess;
import dev.flinkkda.e2e.harness.S3rverServer;
import dev.flinkkda.kda.cli.FlinkKdaCli;
import dev.flinkkda.kda.testing.FakeFirehose;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS connections of a KDA application besides Kinesis streams, through the {@code flink-kda}
 * jar for clusters ({@code flink-kda-<version>.jar}), each run embedded in a JVM of its own with
 * Flink's jars ({@code target/flink-lib}): the test of what the shaded jar carries (the S3 client,
 * the Firehose connector, flink-connector-aws-base's classes ahead of the Kinesis connector's).
 *
 * <ul>
 *   <li>S3 reference data: KDA's reference-data example ({@code examples/reference-join}: trades
 *       joined with the table "CompanyName") with its table read from S3, as KDA's {@code
 *       S3ReferenceDataSource}: the object is in s3rver on 127.0.0.1, and {@code flink-kda run}
 *       reads it with the AWS SDK v2 S3 client when the job starts.
 *   <li>Firehose outputs: the same application writing to a Firehose endpoint faked at the protocol
 *       level ({@link FakeFirehose}; there is no Firehose emulator).
 * </ul>
 *
 * <p>Logs: {@code target/e2e/AwsConnectionsITCase/}.
 */
class AwsConnectionsITCase {

    private static final String BUCKET = "kda-reference";
    private static final String KEY = "reference-join/companies.csv";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    private static Path runDir;
    private static S3rverServer s3;
    private static Path example;

    @BeforeAll
    static void startS3rverWithTheCompanyTable() throws IOException {
        runDir = E2eSettings.workDir().resolve(AwsConnectionsITCase.class.getSimpleName());
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        example = E2eSettings.examplesDir().resolve("reference-join");
        s3 =
                S3rverServer.start(
                        E2eSettings.moduleDir(),
                        runDir.resolve("s3rver-data"),
                        runDir.resolve("log"),
                        E2eSettings.workDir().resolve("pids"));
        s3.createBucket(BUCKET);
        s3.putObject(BUCKET, KEY, Files.readAllBytes(example.resolve("companies.csv")));
    }

    @AfterAll
    static void stopS3rver() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** The result of one {@code flink-kda} process: exit status and its stdout and stderr. */
    private record Run(int exitStatus, String output) {}

    /**
     * {@code flink-kda run} of the example with {@code --reference "CompanyName"=REFERENCE}, its
     * {@code DESTINATION_SQL_STREAM} to {@code output}, in a JVM of its own.
     */
    private static Run runExample(
            String name, String reference, Path output, Map<String, String> env) {
        return runExample(name, reference, output.toString(), env);
    }

    /** As above, the output any {@code --output} location. */
    private static Run runExample(
            String name, String reference, String output, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(E2eSettings.java17Opens());
        command.add("-Xmx512m");
        command.add(
                "-Dlog4j.configurationFile="
                        + E2eSettings.moduleDir()
                                .resolve("../flink-kda-sql-compat/conf/log4j2-cli.properties")
                                .normalize());
        command.add("-cp");
        command.add(E2eSettings.flinkKdaJar() + ":" + E2eSettings.flinkLib() + "/*");
        command.add(FlinkKdaCli.class.getName());
        command.addAll(
                List.of(
                        "run",
                        example.resolve("app.sql").toString(),
                        "--input",
                        example.resolve("input.jsonl").toString(),
                        "--schema",
                        "@" + example.resolve("schema.txt"),
                        "--reference",
                        "\"CompanyName\"=" + reference,
                        "--schema",
                        "\"CompanyName\"=@" + example.resolve("companies-schema.txt"),
                        "--output",
                        output));
        Path log = runDir.resolve("log").resolve(name + ".log");
        try (ManagedProcess process =
                ManagedProcess.start(
                        "flink-kda-" + name,
                        command,
                        isolatedAws(env),
                        runDir,
                        log,
                        E2eSettings.workDir().resolve("pids"))) {
            OptionalInt status = process.awaitExit(RUN_TIMEOUT);
            assertThat(status)
                    .as("%s ended within %s:%n%s", name, RUN_TIMEOUT, process.logTail(40))
                    .isPresent();
            return new Run(status.getAsInt(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No AWS setting of this machine's user: only what the test gives. */
    private static Map<String, String> isolatedAws(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.putIfAbsent("AWS_SHARED_CREDENTIALS_FILE", runDir.resolve("no-credentials").toString());
        env.put("AWS_CONFIG_FILE", runDir.resolve("no-config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    private static String s3Reference(String bucket, String key) {
        return "s3://" + bucket + "/" + key + "?endpoint=" + s3.endpoint() + "&csv.header=true";
    }

    /**
     * The table from s3rver gives the rows the local file gives, which are the example's documented
     * rows (each trade with its company, null for a ticker the table does not have).
     */
    @Test
    void aReferenceTableFromS3GivesTheRowsOfTheLocalFile() throws IOException {
        Path fromFile = runDir.resolve("from-file.jsonl");
        Run file =
                runExample(
                        "file",
                        example.resolve("companies.csv") + "?csv.header=true",
                        fromFile,
                        Map.of());
        assertThat(file.exitStatus()).as(file.output()).isZero();

        Path fromS3 = runDir.resolve("from-s3.jsonl");
        Run s3Run = runExample("s3", s3Reference(BUCKET, KEY), fromS3, Map.of());
        assertThat(s3Run.exitStatus()).as(s3Run.output()).isZero();

        List<String> expected = Files.readAllLines(example.resolve("expected-output.jsonl"));
        assertThat(Files.readAllLines(fromFile)).containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(fromS3)).containsExactlyElementsOf(expected);
        assertThat(s3Run.output())
                .contains("3 records in, 3 rows out to DESTINATION_SQL_STREAM, 0 errors");
    }

    /**
     * A key or bucket that does not exist, or keys S3 does not accept: the run stops before the job
     * starts, with one line naming the table and the object — no stack trace, no key shown.
     */
    @Test
    void aMissingObjectOrRefusedKeysStopTheRunWithOneLine() throws IOException {
        Run noKey =
                runExample(
                        "no-such-key",
                        s3Reference(BUCKET, "reference-join/no-such.csv"),
                        runDir.resolve("no-key.jsonl"),
                        Map.of());
        assertThat(noKey.exitStatus()).as(noKey.output()).isEqualTo(1);
        assertThat(noKey.output())
                .contains(
                        "flink-kda run: reference table \"CompanyName\":"
                                + " s3://kda-reference/reference-join/no-such.csv: no such key"
                                + " 'reference-join/no-such.csv' in bucket 'kda-reference'")
                .doesNotContain("\tat ");

        Run noBucket =
                runExample(
                        "no-such-bucket",
                        s3Reference("no-such-bucket", KEY),
                        runDir.resolve("no-bucket.jsonl"),
                        Map.of());
        assertThat(noBucket.exitStatus()).as(noBucket.output()).isEqualTo(1);
        assertThat(noBucket.output())
                .contains(
                        "flink-kda run: reference table \"CompanyName\":"
                                + " s3://no-such-bucket/reference-join/companies.csv: no such"
                                + " bucket 'no-such-bucket'")
                .doesNotContain("\tat ");

        // s3rver knows only its own keys: a profile's other keys are refused, as AWS refuses
        // unknown ones.
        String secret = "fakeProfileSecret/0000+0000+0000+00042";
        Path credentials =
                Files.writeString(
                        runDir.resolve("credentials"),
                        "[kda-test]\naws_access_key_id = AKIAFAKEPROFILE00042\naws_secret_access_key = "
                                + secret
                                + "\n");
        Run refused =
                runExample(
                        "refused-keys",
                        s3Reference(BUCKET, KEY) + "&profile=kda-test",
                        runDir.resolve("refused.jsonl"),
                        Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()));
        assertThat(refused.exitStatus()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output())
                .contains(
                        "flink-kda run: reference table \"CompanyName\":"
                                + " s3://kda-reference/reference-join/companies.csv: access denied"
                                + " (InvalidAccessKeyId, HTTP 403)")
                .doesNotContain("\tat ")
                .doesNotContain(secret);
    }

    /**
     * The table from s3rver, the output to Firehose: each row one record, the row's JSON object, as
     * the file output writes it.
     */
    @Test
    void theShadedJarWritesToFirehose() throws IOException {
        try (FakeFirehose firehose = FakeFirehose.start("kda-results")) {
            Run run =
                    runExample(
                            "firehose",
                            s3Reference(BUCKET, KEY),
                            "firehose:kda-results?endpoint=" + firehose.endpoint(),
                            Map.of());
            assertThat(run.exitStatus()).as(run.output()).isZero();
            assertThat(firehose.records("kda-results"))
                    .containsExactlyElementsOf(
                            Files.readAllLines(example.resolve("expected-output.jsonl")));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
