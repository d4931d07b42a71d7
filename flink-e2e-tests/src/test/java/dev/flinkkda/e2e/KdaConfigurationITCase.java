package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkKdaArguments;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.KinesaliteServer;
import dev.flinkkda.e2e.harness.ManagedProcess;
import dev.flinkkda.e2e.harness.S3rverServer;
import dev.flinkkda.e2e.harness.Waiting;
import dev.flinkkda.kda.cli.FlinkKdaCli;
import dev.flinkkda.kda.testing.FakeFirehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A KDA application given only as its configuration JSON ({@code
 * src/test/resources/kda-configuration/application.json}, the {@code CreateApplication} request
 * with its reference data source): {@code flink-kda run --config application.json} from the shaded
 * jar, embedded in a JVM of its own as {@link AwsConnectionsITCase} runs it. Every location the
 * configuration names (AWS ARNs) is pointed at a local server with the override flags; the columns,
 * JSONPath mappings and record formats all come from the configuration:
 *
 * <ul>
 *   <li>the input {@code SOURCE_SQL_STREAM_001}: a Kinesalite stream of nested JSON records, the
 *       columns {@code $.device.id} and {@code $.reading.temperature};
 *   <li>the reference table {@code DEVICES}: a CSV object in s3rver, {@code ;} between columns (the
 *       ReferenceSchema's delimiter; the override location sets no format);
 *   <li>the reference table {@code SITES}: an object of JSON records in s3rver, its columns by the
 *       ReferenceSchema's JSONPath mappings ({@code $.device}, {@code $.site.name});
 *   <li>{@code READINGS_STREAM} (each reading with its device's location) to a Kinesalite stream as
 *       JSON, {@code HOT_STREAM} (readings of 25 °C or more, in °F, with the device's site) to a
 *       Firehose endpoint faked at the protocol level ({@link FakeFirehose}) as CSV, {@code
 *       error_stream} to a Kinesalite stream as JSON.
 * </ul>
 *
 * <p>ROWTIME is the records' own {@code ROWTIME} field ({@code --rowtime field:ROWTIME}), so that
 * the expected rows can be written down. The job reads an unbounded stream: the test waits for the
 * rows, then stops the process.
 *
 * <p>Logs: {@code target/e2e/KdaConfigurationITCase/}.
 */
class KdaConfigurationITCase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(75);

    private static final String BUCKET = "sensor-reference-data";
    private static final String KEY = "devices/devices.csv";

    /** The device table: ';' between columns, as the configuration's ReferenceSchema says. */
    private static final String DEVICES_CSV = "d1;Roof\nd2;Basement\n";

    private static final String SITES_KEY = "devices/sites.json";

    /** The site table: a JSON record per line, the site's name nested. */
    private static final String SITES_JSON =
            "{\"device\":\"d1\",\"site\":{\"name\":\"North\",\"floor\":3}}\n"
                    + "{\"device\":\"d2\",\"site\":{\"name\":\"South\"}}\n";

    private static Path runDir;
    private static KinesaliteServer kinesalite;
    private static S3rverServer s3;
    private static FakeFirehose firehose;

    @BeforeAll
    static void startServers() throws IOException {
        runDir = E2eSettings.workDir().resolve(KdaConfigurationITCase.class.getSimpleName());
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        Path pids = E2eSettings.workDir().resolve("pids");
        kinesalite = KinesaliteServer.start(E2eSettings.moduleDir(), runDir.resolve("log"), pids);
        s3 =
                S3rverServer.start(
                        E2eSettings.moduleDir(),
                        runDir.resolve("s3rver-data"),
                        runDir.resolve("log"),
                        pids);
        firehose = FakeFirehose.start("hot-readings");
    }

    @AfterAll
    static void stopServers() {
        try {
            if (firehose != null) {
                firehose.close();
            }
        } finally {
            try {
                if (s3 != null) {
                    s3.close();
                }
            } finally {
                if (kinesalite != null) {
                    kinesalite.close();
                }
            }
        }
    }

    /**
     * Four records, worked by hand through the configuration's mappings and ApplicationCode:
     *
     * <ol>
     *   <li>d1 at 21.5 °C: the table gives "Roof"; below 25, so not hot.
     *   <li>d2 at "30" (a string: KDA coerces a numeric string to DOUBLE, 30.0): "Basement"; hot,
     *       30 * 9 / 5 + 32 = 86.0 °F.
     *   <li>d1 at "hot": no DOUBLE, a COERCION_ERROR in error_stream, no row.
     *   <li>d9 at 35 °C (a field more under {@code reading}, ignored): no device row, so LOCATION
     *       is NULL (LEFT JOIN); hot, 35 * 9 / 5 + 32 = 95.0 °F, its LOCATION an empty CSV field.
     * </ol>
     */
    @Test
    void theConfigurationRunsAgainstKinesaliteS3rverAndFirehose() throws Exception {
        KinesaliteClient kinesis = new KinesaliteClient(kinesalite.endpoint());
        for (String stream : List.of("readings-in", "readings-out", "errors-out")) {
            kinesis.createStream(stream, 1, STREAM_TIMEOUT);
        }
        s3.createBucket(BUCKET);
        s3.putObject(BUCKET, KEY, DEVICES_CSV.getBytes(StandardCharsets.UTF_8));
        s3.putObject(BUCKET, SITES_KEY, SITES_JSON.getBytes(StandardCharsets.UTF_8));

        String bad =
                "{\"ROWTIME\":\"2024-05-01 10:00:02\",\"device\":{\"id\":\"d1\"},"
                        + "\"reading\":{\"temperature\":\"hot\"}}";
        List<String> records =
                List.of(
                        "{\"ROWTIME\":\"2024-05-01 10:00:00\",\"device\":{\"id\":\"d1\",\"model\":"
                                + "\"TH-2\"},\"reading\":{\"temperature\":21.5,\"unit\":\"C\"}}",
                        "{\"ROWTIME\":\"2024-05-01 10:00:01\",\"device\":{\"id\":\"d2\"},"
                                + "\"reading\":{\"temperature\":\"30\"}}",
                        bad,
                        "{\"ROWTIME\":\"2024-05-01 10:00:03\",\"device\":{\"id\":\"d9\"},"
                                + "\"reading\":{\"temperature\":35,\"humidity\":40}}");
        records.forEach(record -> kinesis.putRecord("readings-in", "sensors", record));

        Path config =
                E2eSettings.moduleDir()
                        .resolve("src/test/resources/kda-configuration/application.json");
        List<String> arguments =
                List.of(
                        "run",
                        "--config",
                        config.toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001="
                                + FlinkKdaArguments.kinesisLocation(kinesalite, "readings-in")
                                + "&start=TRIM_HORIZON",
                        "--rowtime",
                        "field:ROWTIME",
                        "--reference",
                        "DEVICES=s3://" + BUCKET + "/" + KEY + "?endpoint=" + s3.endpoint(),
                        "--reference",
                        "SITES=s3://" + BUCKET + "/" + SITES_KEY + "?endpoint=" + s3.endpoint(),
                        "--output",
                        "READINGS_STREAM="
                                + FlinkKdaArguments.kinesisLocation(kinesalite, "readings-out"),
                        "--output",
                        "HOT_STREAM=firehose:hot-readings?endpoint=" + firehose.endpoint(),
                        "--output",
                        "error_stream="
                                + FlinkKdaArguments.kinesisLocation(kinesalite, "errors-out"));

        List<String> readings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        KinesaliteClient.ShardReader readingsReader = kinesis.readFromStart("readings-out");
        KinesaliteClient.ShardReader errorsReader = kinesis.readFromStart("errors-out");
        try (ManagedProcess run = startFlinkKda(arguments)) {
            long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
            while (readings.size() < 3
                    || errors.size() < 1
                    || firehose.records("hot-readings").size() < 2) {
                if (!run.isAlive()) {
                    fail("flink-kda ended before the rows arrived:%n%s", run.logTail(60));
                }
                if (System.nanoTime() > deadline) {
                    fail(
                            "within %s: readings %s, errors %s, Firehose %s; flink-kda:%n%s",
                            RESULT_TIMEOUT,
                            readings,
                            errors,
                            firehose.records("hot-readings"),
                            run.logTail(60));
                }
                Waiting.sleep(Duration.ofMillis(500));
                readings.addAll(readingsReader.poll());
                errors.addAll(errorsReader.poll());
            }
            // A pause in which a row too many would arrive.
            Waiting.sleep(Duration.ofSeconds(3));
            readings.addAll(readingsReader.poll());
            errors.addAll(errorsReader.poll());
            assertThat(run.isAlive()).as(run.logTail(60)).isTrue();
        }

        // JSON, ROWTIME first, then the stream's columns; NULL as null.
        assertThat(readings)
                .containsExactlyInAnyOrder(
                        "{\"ROWTIME\":\"2024-05-01 10:00:00\",\"DEVICE_ID\":\"d1\","
                                + "\"LOCATION\":\"Roof\",\"TEMP\":21.5}",
                        "{\"ROWTIME\":\"2024-05-01 10:00:01\",\"DEVICE_ID\":\"d2\","
                                + "\"LOCATION\":\"Basement\",\"TEMP\":30.0}",
                        "{\"ROWTIME\":\"2024-05-01 10:00:03\",\"DEVICE_ID\":\"d9\","
                                + "\"LOCATION\":null,\"TEMP\":35.0}");
        // CSV, as the configuration's DestinationSchema says, though --output moved the stream.
        assertThat(firehose.records("hot-readings"))
                .containsExactlyInAnyOrder(
                        "2024-05-01 10:00:01,d2,Basement,South,86.0",
                        "2024-05-01 10:00:03,d9,,,95.0");

        assertThat(errors).hasSize(1);
        JsonNode error = MAPPER.readTree(errors.get(0));
        assertThat(error.path("ERROR_LEVEL").asText()).isEqualTo("ERROR");
        assertThat(error.path("ERROR_NAME").asText()).isEqualTo("COERCION_ERROR");
        assertThat(error.path("MESSAGE").asText())
                .contains("column TEMP: cannot convert \"hot\" to DOUBLE");
        // The record as read, its UTF-8 bytes as lower-case hex (KDA's DATA_ROW).
        assertThat(error.path("DATA_ROW").asText())
                .isEqualTo(HexFormat.of().formatHex(bad.getBytes(StandardCharsets.UTF_8)));
        assertThat(error.path("PUMP_NAME").isNull()).as(errors.get(0)).isTrue();
    }

    /** {@code flink-kda ARGUMENTS} from the shaded jar, in a JVM of its own. */
    private static ManagedProcess startFlinkKda(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(E2eSettings.java17Opens());
        command.addAll(KinesaliteServer.CLIENT_JVM_OPTIONS);
        command.add("-Xmx512m");
        command.add(
                "-Dlog4j.configurationFile="
                        + E2eSettings.moduleDir()
                                .resolve("../flink-kda-sql-compat/conf/log4j2-cli.properties")
                                .normalize());
        command.add("-cp");
        command.add(E2eSettings.flinkKdaJar() + ":" + E2eSettings.flinkLib() + "/*");
        command.add(FlinkKdaCli.class.getName());
        command.addAll(arguments);
        // No AWS setting of this machine's user (empty files): only the local endpoints' keys.
        Map<String, String> env = new HashMap<>();
        env.put(
                "AWS_SHARED_CREDENTIALS_FILE",
                Files.writeString(runDir.resolve("no-credentials"), "").toString());
        env.put("AWS_CONFIG_FILE", Files.writeString(runDir.resolve("no-config"), "").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_REGION", "us-east-1");
        return ManagedProcess.start(
                "flink-kda-config",
                command,
                env,
                runDir,
                runDir.resolve("log").resolve("flink-kda-config.log"),
                E2eSettings.workDir().resolve("pids"));
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
