package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkCliRun;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.KinesaliteClient.ShardRecord;
import dev.flinkkda.e2e.harness.OutputRecords;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flink SQL user's own script in the real SQL client, whichever way the flink-kda jar was added
 * ({@code sql-client.sh -j}, or the cluster's and client's {@code lib/}): {@code LOAD MODULE kda}
 * and KDA's functions by their KDA names over an access log in Kinesalite, the rows read back from
 * the output stream and compared with rows worked out by hand.
 */
final class KdaModuleScript {

    private static final Logger LOG = LoggerFactory.getLogger(KdaModuleScript.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

    /**
     * A Flink SQL user's own script: {@code LOAD MODULE kda} and KDA's functions by KDA's names
     * over an access log in Kinesalite ({@code %1$s} the input stream, {@code %2$s} the output
     * stream, {@code %3$s} Kinesalite's endpoint). {@code LOAD MODULE} appends the module after
     * {@code core}: {@code INITCAP}, a function of both, stays Flink's (a word starts after any
     * character that is not a letter or digit), KDA's is {@code KDA_INITCAP} (words split at spaces
     * only). {@code UNIX_TIMESTAMP} of a timestamp is KDA's (milliseconds): Flink's is a built-in
     * of its planner, not of the {@code core} module, and is looked up after every module (the
     * module's takes Flink's string forms too).
     */
    private static final String SCRIPT =
            """
            SET 'table.local-time-zone' = 'UTC';
            SET 'pipeline.name' = 'kda-module-functions';
            LOAD MODULE kda;
            CREATE TABLE access_log (
              `LINE` STRING,
              `EVENT_TIME` TIMESTAMP(3),
              `LOCAL_TIME` STRING,
              `ARRIVAL` TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL
            ) WITH (
              'connector' = 'kinesis',
              'stream' = '%1$s',
              'aws.region' = 'us-east-1',
              'aws.endpoint' = '%3$s',
              'aws.credentials.provider' = 'AUTO',
              'scan.stream.initpos' = 'TRIM_HORIZON',
              'scan.shard.getrecords.intervalmillis' = '200',
              'scan.shard.discovery.intervalmillis' = '1000',
              'format' = 'json'
            );
            CREATE TABLE parsed (
              `HOST` STRING,
              `METHOD` STRING,
              `PATH` STRING,
              `STATUS` INT,
              `EVENT_STEP` TIMESTAMP(3),
              `EVENT_MS` BIGINT,
              `ARRIVAL_LAG_MS` BIGINT,
              `LOCAL_TS` TIMESTAMP(3),
              `SECOND_ID_MASKED` STRING,
              `PATH_FLINK_INITCAP` STRING,
              `PATH_KDA_INITCAP` STRING
            ) WITH (
              'connector' = 'kinesis',
              'stream' = '%2$s',
              'aws.region' = 'us-east-1',
              'aws.endpoint' = '%3$s',
              'aws.credentials.provider' = 'AUTO',
              'sink.http-client.protocol.version' = 'HTTP1_1',
              'format' = 'json'
            );
            INSERT INTO parsed
            SELECT t.r.COLUMN1, t.r.COLUMN2, t.r.COLUMN3, CAST(t.r.COLUMN4 AS INT),
              STEP(t.EVENT_TIME, INTERVAL '10' SECOND),
              UNIX_TIMESTAMP(t.EVENT_TIME),
              TSDIFF(t.ARRIVAL, t.EVENT_TIME),
              CHAR_TO_TIMESTAMP('dd/MM/yyyy HH:mm:ss', t.LOCAL_TIME),
              REGEX_REPLACE(t.r.COLUMN3, '[0-9]+', '#', 1, 2),
              INITCAP(t.r.COLUMN3),
              KDA_INITCAP(t.r.COLUMN3)
            FROM (SELECT *, REGEX_LOG_PARSE(`LINE`, '(\\S+) "(\\S+) (\\S+)" (\\d+)') AS r
                  FROM access_log) AS t;
            """;

    /** The access log's records: two lines the parser matches, one it does not. */
    private static final List<String> ACCESS_LOG =
            List.of(
                    "{\"LINE\":\"10.0.0.1 \\\"GET /orders/42/items/7\\\" 200\",\"EVENT_TIME\":\"2018-08-01 11:00:03.250\",\"LOCAL_TIME\":\"01/08/2018 13:00:03\"}",
                    "{\"LINE\":\"example.com \\\"POST /cart/9\\\" 503\",\"EVENT_TIME\":\"2018-08-01 11:00:19.999\",\"LOCAL_TIME\":\"31/12/2017 23:59:59\"}",
                    "{\"LINE\":\"not a log line\",\"EVENT_TIME\":\"2018-08-01 10:59:59.999\",\"LOCAL_TIME\":\"01/08/2018 00:00:00\"}");

    private KdaModuleScript() {}

    /**
     * Puts the access log into a stream of its own ({@code NAME-input}), runs {@link #SCRIPT} in
     * the SQL client with {@code clientOptions} ({@code -j JAR}, or none when the jar is in {@code
     * lib/}), and asserts the rows of {@code NAME-output}: a log parser's ROW fields, STEP of a
     * timestamp, KDA's UNIX_TIMESTAMP, TSDIFF, CHAR_TO_TIMESTAMP, REGEX_REPLACE with an occurrence,
     * Flink's INITCAP next to KDA_INITCAP; the arrival lag from the arrival times Kinesalite
     * reports. Cancels the job.
     */
    static void run(E2eEnvironment env, List<String> clientOptions, String name)
            throws IOException {
        String input = name + "-input";
        String output = name + "-output";
        KinesaliteClient kinesis = env.kinesis();
        kinesis.createStream(input, 1, STREAM_TIMEOUT);
        kinesis.createStream(output, 1, STREAM_TIMEOUT);
        List<ShardRecord> sent = kinesis.putRecordsAndReadBack(input, "log", ACCESS_LOG);
        Path script = env.runDir().resolve(name + ".sql");
        Files.writeString(script, SCRIPT.formatted(input, output, env.kinesalite().endpoint()));

        // 2018-08-01 00:00 UTC is 1,533,081,600 s after the epoch (17,744 days); KDA's
        // UNIX_TIMESTAMP counts milliseconds. REGEX_REPLACE(…, 1, 2) masks the second number
        // only: /cart/9 has none. Flink's INITCAP starts a word after '/', KDA's after ' ' only.
        List<JsonNode> expected =
                List.of(
                        parsed(
                                "10.0.0.1",
                                "GET",
                                "/orders/42/items/7",
                                200,
                                "2018-08-01 11:00:00",
                                1_533_121_203_250L,
                                sent.get(0).arrivalMillis() - 1_533_121_203_250L,
                                "2018-08-01 13:00:03",
                                "/orders/42/items/#",
                                "/Orders/42/Items/7",
                                "/orders/42/items/7"),
                        parsed(
                                "example.com",
                                "POST",
                                "/cart/9",
                                503,
                                "2018-08-01 11:00:10",
                                1_533_121_219_999L,
                                sent.get(1).arrivalMillis() - 1_533_121_219_999L,
                                "2017-12-31 23:59:59",
                                "/cart/9",
                                "/Cart/9",
                                "/cart/9"),
                        // the parser does not match: a null row, its fields null
                        parsed(
                                null,
                                null,
                                null,
                                null,
                                "2018-08-01 10:59:50",
                                1_533_121_199_999L,
                                sent.get(2).arrivalMillis() - 1_533_121_199_999L,
                                "2018-08-01 00:00:00",
                                null,
                                null,
                                null));

        FlinkCliRun client =
                env.cluster().runSqlClient(E2eSettings.sqlClientLib(), clientOptions, script);
        FlinkJob job = client.awaitJob(CLIENT_TIMEOUT);
        try {
            assertThat(client.awaitExit(CLIENT_TIMEOUT))
                    .as("the SQL client's exit status:\n%s", client.output())
                    .hasValue(0);
            OutputRecords<JsonNode> rows =
                    new OutputRecords<>(
                            kinesis,
                            output,
                            r -> withTimestamps(r, "EVENT_STEP", "LOCAL_TS"),
                            RESULT_TIMEOUT);
            rows.await(job, expected, expected);
            List<JsonNode> read = rows.readAfterPause();
            LOG.info("Output of LOAD MODULE kda's functions ({}): {}", clientOptions, read);
            assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            job.cancelQuietly();
        }
    }

    /**
     * An output row of {@link #SCRIPT}; timestamps as SQL writes them ({@code 2018-08-01
     * 11:00:00}), compared as {@link #withTimestamps} reads them.
     */
    private static JsonNode parsed(
            String host,
            String method,
            String path,
            Integer status,
            String eventStep,
            long eventMillis,
            long arrivalLagMillis,
            String localTimestamp,
            String secondIdMasked,
            String pathFlinkInitcap,
            String pathKdaInitcap) {
        ObjectNode row = MAPPER.createObjectNode();
        row.put("HOST", host);
        row.put("METHOD", method);
        row.put("PATH", path);
        row.put("STATUS", status);
        row.put("EVENT_STEP", LocalDateTime.parse(eventStep.replace(' ', 'T')).toString());
        row.put("EVENT_MS", eventMillis);
        row.put("ARRIVAL_LAG_MS", arrivalLagMillis);
        row.put("LOCAL_TS", LocalDateTime.parse(localTimestamp.replace(' ', 'T')).toString());
        row.put("SECOND_ID_MASKED", secondIdMasked);
        row.put("PATH_FLINK_INITCAP", pathFlinkInitcap);
        row.put("PATH_KDA_INITCAP", pathKdaInitcap);
        return row;
    }

    /**
     * An output record with its timestamp {@code fields} ({@code 2026-12-06 08:40:01.5}, Flink's
     * SQL timestamp format) as {@link LocalDateTime#toString}; null ones stay null.
     */
    static JsonNode withTimestamps(String record, String... fields) {
        try {
            ObjectNode row = (ObjectNode) MAPPER.readTree(record);
            for (String field : fields) {
                if (row.hasNonNull(field)) {
                    row.put(
                            field,
                            LocalDateTime.parse(row.path(field).asText().replace(' ', 'T'))
                                    .toString());
                }
            }
            return row;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(record, e);
        }
    }
}
