package dev.flinkkda.kda.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fake AWS keys put everywhere a user might put them — the environment, a profile file, the
 * location's parameters — and then looked for in everything a run shows: stdout, stderr, the log
 * (INFO, the AWS SDK's DEBUG), accumulator names and values, operator names, the job's plan and
 * metric names ({@link ShownNamesProbe}), and {@code translate}'s output. The output goes to a fake
 * Kinesis endpoint on 127.0.0.1 that refuses every request and notes the key that signed it: proof
 * that the keys were in use.
 */
class CredentialsNotShownTest {

    private static final String ENV_ACCESS_KEY = "AKIAFAKEENV000000001";
    private static final String ENV_SECRET_KEY = "fakeEnvSecret/0000+0000+0000+0000+0001";
    private static final String ENV_SESSION_TOKEN = "fakeEnvSessionToken00000000000000001";
    private static final String PROFILE_ACCESS_KEY = "AKIAFAKEPROFILE00001";
    private static final String PROFILE_SECRET_KEY = "fakeProfileSecret/0000+0000+0000+00001";
    private static final String URI_ACCESS_KEY = "AKIAFAKEURI000000001";
    private static final String URI_SECRET_KEY = "fakeUriSecret/0000+0000+0000+0000+00001";

    private static final List<String> ALL_SECRETS =
            List.of(
                    ENV_ACCESS_KEY,
                    ENV_SECRET_KEY,
                    ENV_SESSION_TOKEN,
                    PROFILE_ACCESS_KEY,
                    PROFILE_SECRET_KEY,
                    URI_ACCESS_KEY,
                    URI_SECRET_KEY);

    private static final String APP =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER VARCHAR(4), PRICE DOUBLE);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM TICKER, PRICE FROM "SOURCE_SQL_STREAM_001";
            """;

    @TempDir Path dir;
    private HttpServer kinesis;
    private final List<String> signedBy = new CopyOnWriteArrayList<>();
    private Path app;
    private Path input;

    @BeforeEach
    void fakeKinesisAndFiles() throws Exception {
        kinesis = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kinesis.createContext(
                "/",
                exchange -> {
                    signedBy.add(
                            exchange.getRequestHeaders().getFirst("Authorization")
                                    + " token="
                                    + exchange.getRequestHeaders()
                                            .getFirst("X-Amz-Security-Token"));
                    exchange.getRequestBody().readAllBytes();
                    byte[] body =
                            "{\"__type\":\"AccessDeniedException\",\"message\":\"test: denied\"}"
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                    exchange.sendResponseHeaders(400, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        kinesis.start();
        app = Files.writeString(dir.resolve("app.sql"), APP);
        input =
                Files.writeString(
                        dir.resolve("trades.jsonl"),
                        "{\"ROWTIME\":\"2024-05-01 10:00:00\",\"TICKER\":\"AMZN\",\"PRICE\":10}\n"
                                + "{\"ROWTIME\":\"2024-05-01 10:00:01\",\"TICKER\":\"AMZN\",\"PRICE\":11}\n");
    }

    @AfterEach
    void stopKinesis() {
        kinesis.stop(0);
    }

    private String endpoint() {
        return "endpoint=http://127.0.0.1:" + kinesis.getAddress().getPort() + "&region=us-east-1";
    }

    /** No AWS setting of this machine's user: only what the test gives. */
    private Map<String, String> isolatedAws(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.putIfAbsent("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    private JavaProcess run(Map<String, String> env, String output, String... more)
            throws Exception {
        return runFrom(env, input.toString(), output, more);
    }

    private JavaProcess runFrom(
            Map<String, String> env, String inputLocation, String output, String... more)
            throws Exception {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                dir.resolve("names.txt").toString(),
                                "run",
                                app.toString(),
                                "--input",
                                inputLocation,
                                "--schema",
                                "TICKER VARCHAR(4), PRICE DOUBLE",
                                "--output",
                                output));
        args.addAll(List.of(more));
        JavaProcess process = JavaProcess.start(dir, isolatedAws(env), ShownNamesProbe.class, args);
        process.waitFor(180);
        return process;
    }

    /** Everything the run showed, by where. */
    private Map<String, String> shown(JavaProcess process) throws Exception {
        Path names = dir.resolve("names.txt");
        return Map.of(
                "stdout",
                process.stdout(),
                "stderr",
                process.stderr(),
                "log",
                process.log(),
                "names Flink shows",
                Files.exists(names) ? Files.readString(names, StandardCharsets.UTF_8) : "");
    }

    private void assertNoSecretIn(Map<String, String> shown) {
        shown.forEach(
                (where, text) -> {
                    for (String secret : ALL_SECRETS) {
                        assertThat(text).as("%s holds %s", where, secret).doesNotContain(secret);
                    }
                });
        String names = shown.get("names Flink shows");
        System.out.printf(
                "searched stdout %d, stderr %d, log %d characters, %d accumulators, %d operators,"
                        + " %d metrics: no key%n",
                shown.get("stdout").length(),
                shown.get("stderr").length(),
                shown.get("log").length(),
                names.lines().filter(l -> l.startsWith("accumulator ")).count(),
                names.lines().filter(l -> l.startsWith("operator ")).count(),
                names.lines().filter(l -> l.startsWith("metric ")).count());
    }

    @Test
    void keysFromTheEnvironmentAreUsedAndNotShown() throws Exception {
        JavaProcess process =
                run(
                        Map.of(
                                "AWS_ACCESS_KEY_ID", ENV_ACCESS_KEY,
                                "AWS_SECRET_ACCESS_KEY", ENV_SECRET_KEY,
                                "AWS_SESSION_TOKEN", ENV_SESSION_TOKEN),
                        "kinesis:results?" + endpoint() + "&aws.credentials.provider=AUTO");
        assertThat(signedBy)
                .as(process.stderr())
                .anySatisfy(
                        auth ->
                                assertThat(auth)
                                        .contains("Credential=" + ENV_ACCESS_KEY + "/")
                                        .contains("token=" + ENV_SESSION_TOKEN));
        Map<String, String> shown = shown(process);
        assertThat(shown.get("stderr")).contains("flink-kda: the job failed:");
        assertThat(shown.get("names Flink shows"))
                .contains(
                        "accumulator flink-kda.output.DESTINATION_SQL_STREAM=kinesis:results.rows");
        assertNoSecretIn(shown);
    }

    @Test
    void keysOfANamedProfileAreUsedAndNotShown() throws Exception {
        Path credentials =
                Files.writeString(
                        dir.resolve("credentials"),
                        "[flinkkda-test]\naws_access_key_id = "
                                + PROFILE_ACCESS_KEY
                                + "\naws_secret_access_key = "
                                + PROFILE_SECRET_KEY
                                + "\n");
        JavaProcess process =
                run(
                        Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                        "kinesis:results?" + endpoint() + "&profile=flinkkda-test");
        assertThat(signedBy)
                .as(process.stderr())
                .anySatisfy(
                        auth ->
                                assertThat(auth)
                                        .contains("Credential=" + PROFILE_ACCESS_KEY + "/"));
        Map<String, String> shown = shown(process);
        assertThat(shown.get("stderr")).contains("flink-kda: the job failed:");
        assertNoSecretIn(shown);
    }

    /** A Kinesis input (Flink's Kinesis consumer, its own shaded SDK) signs and shows nothing. */
    @Test
    void keysOfAKinesisInputAreUsedAndNotShown() throws Exception {
        Path credentials =
                Files.writeString(
                        dir.resolve("credentials"),
                        "[flinkkda-test]\naws_access_key_id = "
                                + PROFILE_ACCESS_KEY
                                + "\naws_secret_access_key = "
                                + PROFILE_SECRET_KEY
                                + "\n");
        JavaProcess process =
                runFrom(
                        Map.of(
                                "AWS_SHARED_CREDENTIALS_FILE",
                                credentials.toString(),
                                "AWS_ACCESS_KEY_ID",
                                ENV_ACCESS_KEY,
                                "AWS_SECRET_ACCESS_KEY",
                                ENV_SECRET_KEY),
                        "kinesis:trades?" + endpoint() + "&profile=flinkkda-test",
                        dir.resolve("out.jsonl").toString());
        assertThat(signedBy)
                .as(process.stderr())
                .anySatisfy(
                        auth ->
                                assertThat(auth)
                                        .contains("Credential=" + PROFILE_ACCESS_KEY + "/"));
        Map<String, String> shown = shown(process);
        assertThat(shown.get("stderr")).contains("flink-kda: the job failed:");
        assertNoSecretIn(shown);
    }

    /**
     * The environment's keys and session token sign the Firehose sink's requests, a profile's keys
     * the S3 client's (reference data), and are shown nowhere: the fake endpoint refuses both, the
     * run ends with one line each (stderr holds the AWS SDK's DEBUG log here, stack traces of its
     * idle-connection thread included).
     */
    @Test
    void keysReachFirehoseAndS3AndAreNotShown() throws Exception {
        Path credentials =
                Files.writeString(
                        dir.resolve("credentials"),
                        "[flinkkda-test]\naws_access_key_id = "
                                + PROFILE_ACCESS_KEY
                                + "\naws_secret_access_key = "
                                + PROFILE_SECRET_KEY
                                + "\n");
        Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        JavaProcess firehose =
                run(
                        Map.of(
                                "AWS_ACCESS_KEY_ID", ENV_ACCESS_KEY,
                                "AWS_SECRET_ACCESS_KEY", ENV_SECRET_KEY,
                                "AWS_SESSION_TOKEN", ENV_SESSION_TOKEN),
                        "firehose:results?" + endpoint() + "&aws.credentials.provider=AUTO");
        assertThat(signedBy)
                .as(firehose.stderr())
                .anySatisfy(
                        auth ->
                                assertThat(auth)
                                        .contains("Credential=" + ENV_ACCESS_KEY + "/")
                                        .contains("/firehose/aws4_request")
                                        .contains("token=" + ENV_SESSION_TOKEN));
        Map<String, String> shownByFirehose = shown(firehose);
        assertThat(shownByFirehose.get("stderr")).contains("flink-kda: the job failed:");
        assertNoSecretIn(shownByFirehose);

        signedBy.clear();
        JavaProcess s3 =
                run(
                        env,
                        "-",
                        "--reference",
                        "R=s3://kda-reference/companies.csv?"
                                + endpoint()
                                + "&profile=flinkkda-test",
                        "--schema",
                        "R=TICKER VARCHAR(4), COMPANY VARCHAR(20)");
        assertThat(signedBy)
                .as(s3.stderr())
                .anySatisfy(
                        auth ->
                                assertThat(auth)
                                        .contains("Credential=" + PROFILE_ACCESS_KEY + "/")
                                        .contains("/s3/aws4_request"));
        Map<String, String> shownByS3 = shown(s3);
        assertThat(shownByS3.get("stderr"))
                .contains(
                        "flink-kda run: reference table R: s3://kda-reference/companies.csv: S3"
                                + " refused the request (no error code, HTTP 400)");
        assertNoSecretIn(shownByS3);
    }

    @Test
    void keysInTheLocationAreRefusedWithoutBeingShown() throws Exception {
        JavaProcess process =
                run(
                        Map.of(),
                        "kinesis:results?"
                                + endpoint()
                                + "&accessKey="
                                + URI_ACCESS_KEY
                                + "&secretKey="
                                + URI_SECRET_KEY);
        Map<String, String> shown = shown(process);
        assertThat(shown.get("stderr"))
                .contains(
                        "flink-kda run: --output kinesis:results?"
                                + endpoint()
                                + "&accessKey=***&secretKey=***: setting 'accessKey' is refused:"
                                + " credentials are not taken from the command line;");
        assertThat(signedBy).isEmpty();
        assertNoSecretIn(shown);
    }

    /**
     * Every way into a message of {@code run} and {@code translate} that quotes an argument, with
     * keys: the location's parse, an option given twice, a stray argument, a user in the endpoint.
     */
    @Test
    void argumentErrorsOfRunAndTranslateMaskKeys() throws Exception {
        String keyed = "&accessKey=" + URI_ACCESS_KEY + "&secretKey=" + URI_SECRET_KEY;
        String[][] runs = {
            {
                "run",
                app.toString(),
                "--input",
                input.toString(),
                "--schema",
                "TICKER VARCHAR(4)",
                "--output",
                "kinesis:r?" + endpoint() + keyed
            },
            {
                "translate",
                app.toString(),
                "--schema",
                "TICKER VARCHAR(4), PRICE DOUBLE",
                "--output",
                "kinesis:r?" + endpoint() + keyed
            },
            {
                "validate",
                app.toString(),
                "--schema",
                "TICKER VARCHAR(4), PRICE DOUBLE",
                "--input",
                "kinesis:r?aws.credentials.provider.basic.secretkey=" + URI_SECRET_KEY
            },
            {
                "run",
                app.toString(),
                "--input",
                "kinesis:?" + keyed,
                "--schema",
                "TICKER VARCHAR(4)"
            },
            {
                "translate",
                app.toString(),
                "--input",
                "kinesis:a?" + keyed,
                "--input",
                "kinesis:b?" + keyed,
                "--schema",
                "TICKER VARCHAR(4), PRICE DOUBLE"
            },
            {"run", app.toString(), "stray?secretKey=" + URI_SECRET_KEY},
            {
                "run",
                app.toString(),
                "--input",
                "kinesis:t?endpoint=http://"
                        + URI_ACCESS_KEY
                        + ":"
                        + URI_SECRET_KEY
                        + "@127.0.0.1:1",
                "--schema",
                "TICKER VARCHAR(4)"
            },
        };
        for (String[] args : runs) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit =
                    FlinkKdaCli.run(
                            args,
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
            String shown =
                    out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            System.out.println(String.join(" ", args[0]) + " -> " + exit + ": " + shown.strip());
            assertThat(exit).as(shown).isEqualTo(2);
            for (String secret : ALL_SECRETS) {
                assertThat(shown).doesNotContain(secret);
            }
        }
    }
}
