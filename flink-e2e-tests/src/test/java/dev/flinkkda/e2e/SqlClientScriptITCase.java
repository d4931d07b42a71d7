package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.FlinkCliRun;
import dev.flinkkda.e2e.harness.FlinkJob;
import dev.flinkkda.e2e.harness.KinesaliteClient;
import dev.flinkkda.e2e.harness.KinesaliteClient.ShardRecord;
import dev.flinkkda.e2e.harness.OutputRecords;
import dev.flinkkda.e2e.harness.StandaloneFlinkCluster;
import dev.flinkkda.e2e.harness.Waiting;
import dev.flinkkda.kda.cli.FlinkKdaCli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script of {@code flink-kda translate --format sql-script}, run unchanged by Flink's own SQL
 * client ({@code SqlClient embedded -f script.sql}, Flink 1.20.3 from Maven Central) against the
 * standalone cluster, reading and writing Kinesalite streams.
 *
 * <p>The application is the KDA developer guide's getting-started filter ({@code WHERE sector
 * SIMILAR TO '%TECH%'}) over records of its demo stream. The script's {@code ADD JAR} names the
 * flink-kda jar, which carries the Kinesis connector with its dependencies; its tables take their
 * credentials from the AWS default chain ({@code AUTO}), which finds the emulator's dummy keys in
 * the cluster's system properties: no key is in the script.
 *
 * <p>A second application counts per ticker in STEP windows of the records' arrival time and calls
 * a flink-kda function ({@code UNIX_TIMESTAMP}, KDA's milliseconds): the script's {@code ADD JAR}
 * and {@code LOAD MODULE kda} at work in the SQL client.
 *
 * <p>A Flink SQL user's own script: the flink-kda jar given with {@code sql-client.sh -j}, {@code
 * LOAD MODULE kda}, and KDA's functions by their KDA names over a Kinesalite table.
 *
 * <p>Logs: {@code target/e2e/SqlClientScriptITCase/} ({@code flink/log/sql-client-N.out} is the SQL
 * client's output; {@code NAME.script.sql} the script it ran).
 */
class SqlClientScriptITCase {

    private static final Logger LOG = LoggerFactory.getLogger(SqlClientScriptITCase.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

    /** The emulator's keys, found by the AWS default chain (SDK v1 and v2 system properties). */
    static final List<String> EMULATOR_KEYS =
            List.of(
                    "-Daws.accessKeyId=local-emulator",
                    "-Daws.secretKey=local-emulator",
                    "-Daws.secretAccessKey=local-emulator");

    /** The getting-started application (its pump as the developer guide prints it). */
    private static final String APPLICATION =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, sector, change, price
                FROM "SOURCE_SQL_STREAM_001"
                WHERE sector SIMILAR TO '%TECH%';
            """;

    /** KDA's STEP window: a count per ticker and 10 s of ROWTIME, with the window start in ms. */
    private static final String STEP_APPLICATION =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), window_ms BIGINT, ticker_count INTEGER);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, UNIX_TIMESTAMP(STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND)), COUNT(*)
                FROM "SOURCE_SQL_STREAM_001"
                GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
            """;

    private static final String SCHEMA =
            "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE DOUBLE, PRICE DOUBLE";

    /** Records of the demo stream's shape; the comments say what the filter makes of each. */
    private static final List<String> RECORDS =
            List.of(
                    // in: TECHNOLOGY matches %TECH%
                    "{\"TICKER_SYMBOL\":\"MJN\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":0.25,\"PRICE\":84.5}",
                    // out: not TECH
                    "{\"TICKER_SYMBOL\":\"QXZ\",\"SECTOR\":\"HEALTHCARE\",\"CHANGE\":-0.5,\"PRICE\":12.75}",
                    // in: TECH inside the word
                    "{\"TICKER_SYMBOL\":\"BTX\",\"SECTOR\":\"BIOTECH\",\"CHANGE\":1.5,\"PRICE\":40.0}",
                    // out: SIMILAR TO is case-sensitive
                    "{\"TICKER_SYMBOL\":\"LOW\",\"SECTOR\":\"tech\",\"CHANGE\":2.0,\"PRICE\":3.0}",
                    // in: 19 characters: the output column VARCHAR(12) keeps TECHNOLOGY-H
                    "{\"TICKER_SYMBOL\":\"HWR\",\"SECTOR\":\"TECHNOLOGY-HARDWARE\",\"CHANGE\":-1.25,\"PRICE\":7.5}",
                    // out: not TECH
                    "{\"TICKER_SYMBOL\":\"NRG\",\"SECTOR\":\"ENERGY\",\"CHANGE\":0.0,\"PRICE\":55.0}");

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlink() {
        env =
                E2eEnvironment.start(
                        SqlClientScriptITCase.class,
                        1,
                        StandaloneFlinkCluster.DEFAULT_SLOTS,
                        EMULATOR_KEYS);
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void gettingStartedFilterRunsInTheSqlClient() throws Exception {
        String input = "sql-script-input";
        String output = "sql-script-output";
        KinesaliteClient kinesis = env.kinesis();
        kinesis.createStream(input, 1, STREAM_TIMEOUT);
        kinesis.createStream(output, 1, STREAM_TIMEOUT);
        List<ShardRecord> sent = kinesis.putRecordsAndReadBack(input, "ticker", RECORDS);

        Path script = translate("getting-started", APPLICATION, input, output);
        String text = Files.readString(script);
        assertThat(text)
                .contains("'connector' = 'kinesis'")
                .contains("EXECUTE STATEMENT SET")
                .doesNotContain("local-emulator")
                .doesNotContain("accessKey")
                .doesNotContain("secretKey");

        // ROWTIME: the arrival time Kinesalite gave each record; the rows by hand from RECORDS
        List<JsonNode> expected =
                List.of(
                        row(sent.get(0), "MJN", "TECHNOLOGY", 0.25, 84.5),
                        row(sent.get(2), "BTX", "BIOTECH", 1.5, 40.0),
                        row(sent.get(4), "HWR", "TECHNOLOGY-H", -1.25, 7.5));

        FlinkCliRun client = env.cluster().runSqlClient(E2eSettings.sqlClientLib(), script);
        FlinkJob job = client.awaitJob(CLIENT_TIMEOUT);
        try {
            OptionalInt exit = client.awaitExit(CLIENT_TIMEOUT);
            assertThat(exit).as("the SQL client's exit status:\n%s", client.output()).hasValue(0);
            OutputRecords<JsonNode> rows =
                    new OutputRecords<>(
                            kinesis, output, SqlClientScriptITCase::withRowtime, RESULT_TIMEOUT);
            rows.await(job, expected, expected);
            List<JsonNode> read = rows.readAfterPause();
            LOG.info("Output of the SQL client's job: {}", read);
            assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(job.state()).isEqualTo("RUNNING");
        } finally {
            job.cancelQuietly();
        }
    }

    /**
     * A STEP window with a flink-kda function, ROWTIME the Kinesis arrival time: the script's
     * {@code ADD JAR} and {@code LOAD MODULE kda} (which offers {@code KDA_UNIX_TIMESTAMP}),
     * Flink's window aggregate on the connector's {@code timestamp} metadata, and the pump's error
     * check. The windows are worked out from the arrival times Kinesalite reports; a last record
     * after the windows' ends moves the watermark past them (its own window does not fire).
     */
    @Test
    void stepWindowWithAKdaFunctionRunsInTheSqlClient() throws Exception {
        String input = "sql-script-step-input";
        String output = "sql-script-step-output";
        KinesaliteClient kinesis = env.kinesis();
        kinesis.createStream(input, 1, STREAM_TIMEOUT);
        kinesis.createStream(output, 1, STREAM_TIMEOUT);
        Path script = translate("step-count", STEP_APPLICATION, input, output);
        assertThat(Files.readString(script))
                .contains("ADD JAR '" + E2eSettings.flinkKdaJar() + "';\nLOAD MODULE kda;\n")
                .contains("KDA_UNIX_TIMESTAMP(")
                .doesNotContain("CREATE TEMPORARY SYSTEM FUNCTION");

        FlinkCliRun client = env.cluster().runSqlClient(E2eSettings.sqlClientLib(), script);
        FlinkJob job = client.awaitJob(CLIENT_TIMEOUT);
        try {
            assertThat(client.awaitExit(CLIENT_TIMEOUT))
                    .as("the SQL client's exit status:\n%s", client.output())
                    .hasValue(0);
            for (String ticker : List.of("AMZN", "AMZN", "MSFT", "AMZN", "MSFT")) {
                kinesis.putRecord(input, ticker, record(ticker));
            }
            List<ShardRecord> sent = kinesis.readFromStart(input).pollRecords();
            assertThat(sent).hasSize(5);
            // per ticker and 10-second window of arrival [start, start + 10 s): the count
            Map<List<Object>, Integer> counts = new LinkedHashMap<>();
            long lastEnd = 0;
            for (ShardRecord record : sent) {
                long start =
                        record.arrivalMillis() - Math.floorMod(record.arrivalMillis(), 10_000L);
                String ticker = MAPPER.readTree(record.data()).path("TICKER_SYMBOL").asText();
                counts.merge(List.of(ticker, start), 1, Integer::sum);
                lastEnd = Math.max(lastEnd, start + 10_000L);
            }
            List<JsonNode> expected = new ArrayList<>();
            counts.forEach(
                    (key, count) -> {
                        long start = (Long) key.get(1);
                        ObjectNode row = MAPPER.createObjectNode();
                        row.put("ROWTIME", at(start + 10_000L));
                        row.put("TICKER_SYMBOL", (String) key.get(0));
                        row.put("WINDOW_MS", start);
                        row.put("TICKER_COUNT", count);
                        expected.add(row);
                    });
            while (System.currentTimeMillis() <= lastEnd + 500) {
                Waiting.sleep(Duration.ofMillis(200));
            }
            kinesis.putRecord(input, "ZZZZ", record("ZZZZ"));

            OutputRecords<JsonNode> rows =
                    new OutputRecords<>(
                            kinesis, output, SqlClientScriptITCase::withRowtime, RESULT_TIMEOUT);
            rows.await(job, expected, expected);
            List<JsonNode> read = rows.readAfterPause();
            LOG.info("Windows of the SQL client's job: {} (expected {})", read, expected);
            assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            job.cancelQuietly();
        }
    }

    /**
     * A Flink SQL user's own script with the flink-kda jar given as {@code sql-client.sh -j JAR}
     * (no {@code ADD JAR}): {@code LOAD MODULE kda} finds the module's factory in the jar, and
     * KDA's functions run on the cluster by their KDA names ({@link KdaModuleScript}).
     */
    @Test
    void kdaFunctionsByTheirKdaNamesWithDashJ() throws Exception {
        KdaModuleScript.run(
                env, List.of("-j", E2eSettings.flinkKdaJar().toString()), "kda-module-dash-j");
    }

    private static String record(String ticker) {
        return "{\"TICKER_SYMBOL\":\""
                + ticker
                + "\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":0.5,\"PRICE\":10.0}";
    }

    private static String at(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC)
                .toString();
    }

    /** {@code flink-kda translate APP.sql … --format sql-script}, in this JVM, into a file. */
    private static Path translate(String name, String application, String input, String output)
            throws Exception {
        Path app = env.runDir().resolve(name + ".sql");
        Files.writeString(app, application);
        String endpoint = env.kinesalite().endpoint();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                FlinkKdaCli.run(
                        new String[] {
                            "translate",
                            app.toString(),
                            "--input",
                            "kinesis:"
                                    + input
                                    + "?endpoint="
                                    + endpoint
                                    + "&region=us-east-1&start=TRIM_HORIZON"
                                    + "&flink.shard.getrecords.intervalmillis=200"
                                    + "&flink.shard.discovery.intervalmillis=1000",
                            "--schema",
                            SCHEMA,
                            "--output",
                            "kinesis:" + output + "?endpoint=" + endpoint + "&region=us-east-1",
                            "--format",
                            "sql-script",
                            "--jar",
                            E2eSettings.flinkKdaJar().toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("translate: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        Path script = env.runDir().resolve(name + ".script.sql");
        Files.writeString(script, out.toString(StandardCharsets.UTF_8));
        return script;
    }

    private static JsonNode row(
            ShardRecord arrived, String ticker, String sector, double change, double price) {
        ObjectNode row = MAPPER.createObjectNode();
        row.put(
                "ROWTIME",
                LocalDateTime.ofInstant(
                                Instant.ofEpochMilli(arrived.arrivalMillis()), ZoneOffset.UTC)
                        .toString());
        row.put("TICKER_SYMBOL", ticker);
        row.put("SECTOR", sector);
        row.put("CHANGE", change);
        row.put("PRICE", price);
        return row;
    }

    /**
     * An output record with its {@code ROWTIME} ({@code 2026-12-06 08:40:01.5}, Flink's SQL
     * timestamp format) as {@link LocalDateTime#toString}, to compare with the arrival time.
     */
    private static JsonNode withRowtime(String record) {
        return KdaModuleScript.withTimestamps(record, "ROWTIME");
    }
}
