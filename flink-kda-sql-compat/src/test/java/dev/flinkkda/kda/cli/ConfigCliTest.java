package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.config.ApplicationConfigReader;
import dev.flinkkda.kda.options.RunOptions;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flink-kda run|translate|validate --config}: the configuration gives what the flags would,
 * and the same translation and rows come out.
 */
class ConfigCliTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path CONFIGS = Path.of("src/test/resources/config");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        out.reset();
        err.reset();
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * The getting-started configuration translates as its ApplicationCode does with the columns
     * spelt out as flags (the demo stream's: TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE
     * REAL, PRICE REAL); only the name the script gives its source differs.
     */
    @Test
    void translateWithConfigPrintsTheTranslationOfTheFlags(@TempDir Path dir) throws Exception {
        Path config = CONFIGS.resolve("getting-started.json");
        Path app = dir.resolve("app.sql");
        Files.writeString(
                app, ApplicationConfigReader.read(config).applicationCode().orElseThrow().value());

        assertThat(run("translate", "--config", config.toString())).as(err()).isZero();
        String fromConfig = out();
        assertThat(
                        run(
                                "translate",
                                app.toString(),
                                "--schema",
                                "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE"
                                        + " REAL"))
                .as(err())
                .isZero();
        String fromFlags = out();

        assertThat(fromConfig).contains("getting-started.json: $.ApplicationCode");
        assertThat(fromConfig.replace("getting-started.json: $.ApplicationCode", "app.sql"))
                .isEqualTo(fromFlags);
        // and not trivially: the translation reads the configured columns
        assertThat(fromFlags).contains("SIMILAR TO").contains("`SECTOR`");
    }

    /** An APP.sql given with --config replaces ApplicationCode; the columns still come from it. */
    @Test
    void validateWithConfigAndApplicationFile(@TempDir Path dir) throws Exception {
        Path config = CONFIGS.resolve("getting-started.json");
        Path app = dir.resolve("other.sql");
        Files.writeString(
                app,
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (PRICE REAL);\n"
                        + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM PRICE FROM \"SOURCE_SQL_STREAM_001\";\n");
        assertThat(run("validate", "--config", config.toString(), app.toString()))
                .as(err())
                .isZero();
        assertThat(out()).startsWith("other.sql: valid");

        Files.writeString(
                app,
                "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (PRICE REAL);\n"
                        + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                        + "  SELECT STREAM VOLUME FROM \"SOURCE_SQL_STREAM_001\";\n");
        assertThat(run("validate", "--config", config.toString(), app.toString())).isEqualTo(1);
        assertThat(err()).contains("other.sql:3:").contains("VOLUME");
    }

    /**
     * A describe-application output validates whatever the runtime cannot run (two in-application
     * streams of one Kinesis stream): validate needs the SQL, the columns and the mappings only.
     */
    @Test
    void validateTakesADescribeApplicationOutput() throws Exception {
        Path config = CONFIGS.resolve("describe-application.json");
        assertThat(run("validate", "--config", config.toString())).as(err()).isZero();
        assertThat(out())
                .startsWith("describe-application.json: valid — 2 statements: 2 native Flink SQL");
        // InputParallelism.Count 2: each of CLICKS_001 and CLICKS_002 reads half of the shards
        assertThat(
                        RunOptions.parse("--config", config.toString()).inputs().stream()
                                .map(i -> i.streamName() + " " + i.location()))
                .contains(
                        "CLICKS_001 kinesis:clicks?region=eu-central-1&start=LATEST&shards=1/2",
                        "CLICKS_002 kinesis:clicks?region=eu-central-1&start=LATEST&shards=2/2");
    }

    /** A syntax error in ApplicationCode is reported at its line and column within the code. */
    @Test
    void errorsInApplicationCodeNameTheJsonPath(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("application.json");
        Files.writeString(
                config,
                Files.readString(CONFIGS.resolve("getting-started.json"))
                        .replace("SELECT STREAM ticker_symbol", "SELEKT STREAM ticker_symbol"));
        assertThat(run("validate", "--config", config.toString())).isEqualTo(1);
        assertThat(err()).startsWith("application.json: $.ApplicationCode:4:5: ");
    }

    /** Configuration problems: one line each, exit status 2, before anything runs. */
    @Test
    void configurationProblemsAreOneLineEach(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("application.json");
        Files.writeString(
                config,
                Files.readString(CONFIGS.resolve("getting-started.json"))
                        .replace("\"SqlType\": \"REAL\"", "\"SqlType\": \"REEL\"")
                        .replace("\"NamePrefix\"", "\"NamePrefx\""));
        assertThat(run("run", "--config", config.toString())).isEqualTo(2);
        assertThat(err().lines())
                .containsExactly(
                        "application.json: $.Inputs[0].NamePrefx: unknown field (did you mean"
                                + " NamePrefix?); an Input has NamePrefix,"
                                + " InputProcessingConfiguration, KinesisStreamsInput,"
                                + " KinesisFirehoseInput, InputParallelism, InputSchema,"
                                + " InputStartingPositionConfiguration",
                        "application.json: $.Inputs[0].NamePrefix: missing; an Input needs"
                                + " NamePrefix (a string)",
                        "application.json: $.Inputs[0].InputSchema.RecordColumns[2].SqlType: 'REEL'"
                                + " is not a KDA SQL type; expected one of KDA's SQL types, e.g."
                                + " VARCHAR(4), INTEGER, BIGINT, DOUBLE, REAL, DECIMAL(8,2),"
                                + " BOOLEAN, DATE, TIMESTAMP",
                        "application.json: $.Inputs[0].InputSchema.RecordColumns[3].SqlType: 'REEL'"
                                + " is not a KDA SQL type; expected one of KDA's SQL types, e.g."
                                + " VARCHAR(4), INTEGER, BIGINT, DOUBLE, REAL, DECIMAL(8,2),"
                                + " BOOLEAN, DATE, TIMESTAMP");
    }

    /**
     * The bundled example's configuration with a replay file in place of its Kinesis stream and a
     * file in place of its Kinesis output gives the rows of the flag-only run, which are the SQL
     * reference's published rows.
     */
    @Test
    void runWithConfigGivesTheRowsOfTheFlagOnlyRun(@TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve("windowed-aggregation-weather");
        Path fromConfig = dir.resolve("from-config.jsonl");
        Path fromFlags = dir.resolve("from-flags.jsonl");

        int exit =
                run(
                        "run",
                        "--config",
                        folder.resolve("application.json").toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + folder.resolve("input.jsonl"),
                        "--output",
                        "DESTINATION_SQL_STREAM=" + fromConfig);
        assertThat(exit).as(err()).isZero();
        assertThat(err())
                .contains("18 records in, 18 rows out to DESTINATION_SQL_STREAM, 0 errors");

        exit =
                run(
                        "run",
                        folder.resolve("app.sql").toString(),
                        "--input",
                        folder.resolve("input.jsonl").toString(),
                        "--schema",
                        "@" + folder.resolve("schema.txt"),
                        "--output",
                        fromFlags.toString());
        assertThat(exit).as(err()).isZero();

        assertThat(Files.readAllLines(fromConfig))
                .hasSize(18)
                .containsExactlyElementsOf(Files.readAllLines(fromFlags))
                .containsExactlyElementsOf(
                        Files.readAllLines(folder.resolve("expected-output.jsonl")));
    }

    /**
     * The reference-data configuration with the S3 object replaced by the example's local copy
     * gives the example's documented rows: the table's columns come from ReferenceSchema.
     */
    @Test
    void referenceDataFromTheConfigurationWithALocalFile(@TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve("reference-join");
        Path output = dir.resolve("out.jsonl");
        int exit =
                run(
                        "run",
                        "--config",
                        CONFIGS.resolve("reference-data.json").toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + folder.resolve("input.jsonl"),
                        "--reference",
                        "\"CompanyName\"=" + folder.resolve("companies.csv") + "?csv.header=true",
                        "--output",
                        "DESTINATION_SQL_STREAM=" + output);
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactlyElementsOf(
                        Files.readAllLines(folder.resolve("expected-output.jsonl")));
    }

    /**
     * The configured S3 object, at an endpoint on 127.0.0.1 (a fake S3 in the test, the real SDK
     * client): read with the ReferenceSchema's CSV format, the run gives the reference-join
     * example's rows (the object's header line is one more row, whose "Ticker" joins no trade).
     */
    @Test
    void s3ReferenceDataIsReadAsItsReferenceSchemaSays(@TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve("reference-join");
        byte[] object = Files.readAllBytes(folder.resolve("companies.csv"));
        List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer s3 =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(
                                java.net.InetAddress.getLoopbackAddress(), 0),
                        0);
        s3.createContext(
                "/",
                exchange -> {
                    try (exchange) {
                        String path = exchange.getRequestURI().getPath();
                        requested.add(exchange.getRequestMethod() + " " + path);
                        boolean known = path.equals("/kda-reference-data/TickerReference.csv");
                        exchange.sendResponseHeaders(known ? 200 : 404, known ? object.length : -1);
                        if (known) {
                            exchange.getResponseBody().write(object);
                        }
                    }
                });
        s3.start();
        try {
            Path output = dir.resolve("out.jsonl");
            int exit =
                    run(
                            "run",
                            "--config",
                            CONFIGS.resolve("reference-data.json").toString(),
                            "--input",
                            "SOURCE_SQL_STREAM_001=" + folder.resolve("input.jsonl"),
                            "--reference",
                            "\"CompanyName\"=s3://kda-reference-data/TickerReference.csv"
                                    + "?endpoint=http://127.0.0.1:"
                                    + s3.getAddress().getPort(),
                            "--output",
                            "DESTINATION_SQL_STREAM=" + output);
            assertThat(exit).as(err()).isZero();
            assertThat(requested).contains("GET /kda-reference-data/TickerReference.csv");
            assertThat(Files.readAllLines(output))
                    .containsExactlyElementsOf(
                            Files.readAllLines(folder.resolve("expected-output.jsonl")));
        } finally {
            s3.stop(0);
        }
    }

    /**
     * A configuration's JSONPath mappings and CSV destination, run on a replay of its stream: each
     * reading a row ({@code $.readings[0:]}), the unit from {@code $.meta.unit}. By hand: s1's
     * readings 10 and 20 °C are 50 and 68 °F; s2 is in °F, filtered out; s3's empty array is one
     * row of NULLs (AWS: an array is flattened to at least one row), so TEMP_F is NULL; s4's "warm"
     * goes to error_stream and its -40 °C is -40 °F. The output keeps the configured CSV.
     */
    @Test
    void runReadsJsonPathRowsAndWritesTheConfiguredCsv(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out.csv");
        Path errors = dir.resolve("errors.jsonl");
        int exit =
                run(
                        "run",
                        "--config",
                        CONFIGS.resolve("sensors/application.json").toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + CONFIGS.resolve("sensors/replay.jsonl"),
                        "--output",
                        "DESTINATION_SQL_STREAM=" + output,
                        "--output",
                        "error_stream=" + errors);
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactly(
                        "2024-01-01 00:00:00,s1,50.0",
                        "2024-01-01 00:00:00,s1,68.0",
                        "2024-01-01 00:00:02,s3,",
                        "2024-01-01 00:00:03,s4,-40.0");
        List<String> errorLines = Files.readAllLines(errors);
        assertThat(errorLines).hasSize(1);
        assertThat(errorLines.get(0))
                .contains("\"ERROR_NAME\":\"COERCION_ERROR\"")
                .contains("column TEMP: cannot convert \\\"warm\\\" to DOUBLE");
        assertThat(err())
                .contains(
                        "4 records in, 4 rows out to DESTINATION_SQL_STREAM, 1 rows out to"
                                + " error_stream, 1 error (COERCION_ERROR 1)");
    }

    /**
     * The developer guide's getting-started configuration on a replay of its demo stream: the pump
     * keeps rows whose SECTOR is {@code SIMILAR TO '%TECH%'} (case-sensitive, anywhere in the
     * text). By hand: AMZN (TECHNOLOGY) and SQ (FINTECH) pass; WMT (RETAIL) and IBM ("technology",
     * lower case) do not; NFLX's CHANGE "-1.75" is a numeric string KDA coerces to REAL, its PRICE
     * 300 becomes 300.0. REAL values exact in binary (-0.25, 0.5, 45.75), so their DOUBLE output is
     * the same number. The output keeps the configured JSON.
     */
    @Test
    void gettingStartedKeepsTheTechSectors(@TempDir Path dir) throws Exception {
        Path replay = dir.resolve("demo-stream.jsonl");
        Files.write(
                replay,
                List.of(
                        "{\"ROWTIME\": \"2024-01-01 00:00:00\", \"TICKER_SYMBOL\": \"AMZN\","
                                + " \"SECTOR\": \"TECHNOLOGY\", \"CHANGE\": -0.25, \"PRICE\": 1802.5}",
                        "{\"ROWTIME\": \"2024-01-01 00:00:01\", \"TICKER_SYMBOL\": \"WMT\","
                                + " \"SECTOR\": \"RETAIL\", \"CHANGE\": 1.5, \"PRICE\": 120.25}",
                        "{\"ROWTIME\": \"2024-01-01 00:00:02\", \"TICKER_SYMBOL\": \"SQ\","
                                + " \"SECTOR\": \"FINTECH\", \"CHANGE\": 0.5, \"PRICE\": 45.75}",
                        "{\"ROWTIME\": \"2024-01-01 00:00:03\", \"TICKER_SYMBOL\": \"IBM\","
                                + " \"SECTOR\": \"technology\", \"CHANGE\": 0.125, \"PRICE\": 140.5}",
                        "{\"ROWTIME\": \"2024-01-01 00:00:04\", \"TICKER_SYMBOL\": \"NFLX\","
                                + " \"SECTOR\": \"TECHNOLOGY\", \"CHANGE\": \"-1.75\", \"PRICE\": 300}"));
        Path output = dir.resolve("out.jsonl");
        int exit =
                run(
                        "run",
                        "--config",
                        CONFIGS.resolve("getting-started.json").toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + replay,
                        "--output",
                        "DESTINATION_SQL_STREAM=" + output);
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactly(
                        "{\"ROWTIME\":\"2024-01-01 00:00:00\",\"TICKER_SYMBOL\":\"AMZN\","
                                + "\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":-0.25,\"PRICE\":1802.5}",
                        "{\"ROWTIME\":\"2024-01-01 00:00:02\",\"TICKER_SYMBOL\":\"SQ\","
                                + "\"SECTOR\":\"FINTECH\",\"CHANGE\":0.5,\"PRICE\":45.75}",
                        "{\"ROWTIME\":\"2024-01-01 00:00:04\",\"TICKER_SYMBOL\":\"NFLX\","
                                + "\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":-1.75,\"PRICE\":300.0}");
        assertThat(err()).contains("5 records in, 3 rows out to DESTINATION_SQL_STREAM, 0 errors");
    }

    /**
     * The describe-application fixture, every in-application stream replayed: ORDERS_001 (JSON, a
     * row per element of {@code $.orders[0:]}, the customer at {@code $.orders[0:].customer.name}),
     * CLICKS_001 and CLICKS_002 (Count 2: each its own {@code --input}; CSV, {@code ;} between
     * columns, {@code |} between rows, ROWTIME their CLICKED_AT), the reference table CUSTOMERS
     * from a local copy. ORDER_STREAM's two destinations (Kinesis JSON, Firehose CSV) are replaced
     * by two files in that order, each keeping its DestinationSchema; error_stream by a third.
     *
     * <p>By hand: record 1 holds two orders, two rows (o-1, o-2; "7.25" a numeric string coerced to
     * DECIMAL(10,2)); record 2's empty array is one row of NULLs (AWS: "an array is always
     * flattened to at least one row"); record 3's first order has the amount "lots", a
     * COERCION_ERROR for that row alone, its second (o-4, no customer) a row with customer NULL.
     * The pump selects ORDERS_001 only; CLICKS_002's VISITS "many" is a COERCION_ERROR of its own.
     */
    @Test
    void describeApplicationWithEveryStreamReplayed(@TempDir Path dir) throws Exception {
        Path orders = dir.resolve("orders.jsonl");
        Files.write(
                orders,
                List.of(
                        "{\"ROWTIME\": \"2019-03-05 08:00:00\", \"orders\": ["
                                + "{\"id\": \"o-1\", \"customer\": {\"name\": \"John Doe\"},"
                                + " \"amount\": 12.5},"
                                + " {\"id\": \"o-2\", \"customer\": {\"name\": \"Jane Roe\"},"
                                + " \"amount\": \"7.25\"}]}",
                        "{\"ROWTIME\": \"2019-03-05 08:00:01\", \"orders\": []}",
                        "{\"ROWTIME\": \"2019-03-05 08:00:02\", \"orders\": ["
                                + "{\"id\": \"o-3\", \"customer\": {\"name\": \"Ann\"},"
                                + " \"amount\": \"lots\"}, {\"id\": \"o-4\", \"amount\": 3}]}"));
        Path clicks1 = dir.resolve("clicks-1.csv");
        Files.writeString(
                clicks1, "index.html;3;2019-03-05 08:00:00|cart.html;1;2019-03-05 08:00:05\n");
        Path clicks2 = dir.resolve("clicks-2.csv");
        Files.writeString(clicks2, "checkout.html;many;2019-03-05 08:00:10\n");
        Path customers = dir.resolve("customers.jsonl");
        Files.writeString(customers, "{\"name\": \"John Doe\", \"tier\": \"A\"}\n");
        Path json = dir.resolve("order-results.jsonl");
        Path csv = dir.resolve("order-archive.csv");
        Path errors = dir.resolve("errors.jsonl");

        int exit =
                run(
                        "run",
                        "--config",
                        CONFIGS.resolve("describe-application.json").toString(),
                        "--input",
                        "ORDERS_001=" + orders,
                        "--input",
                        "CLICKS_001=" + clicks1,
                        "--input",
                        "CLICKS_002=" + clicks2,
                        "--rowtime",
                        "CLICKS_001=field:CLICKED_AT",
                        "--rowtime",
                        "CLICKS_002=field:CLICKED_AT",
                        "--reference",
                        "CUSTOMERS=" + customers + "?format=json",
                        "--output",
                        "ORDER_STREAM=" + json,
                        "--output",
                        "ORDER_STREAM=" + csv,
                        "--output",
                        "error_stream=" + errors);
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(json))
                .containsExactly(
                        "{\"ROWTIME\":\"2019-03-05 08:00:00\",\"ORDER_ID\":\"o-1\","
                                + "\"CUSTOMER\":\"John Doe\",\"AMOUNT\":12.50}",
                        "{\"ROWTIME\":\"2019-03-05 08:00:00\",\"ORDER_ID\":\"o-2\","
                                + "\"CUSTOMER\":\"Jane Roe\",\"AMOUNT\":7.25}",
                        "{\"ROWTIME\":\"2019-03-05 08:00:01\",\"ORDER_ID\":null,"
                                + "\"CUSTOMER\":null,\"AMOUNT\":null}",
                        "{\"ROWTIME\":\"2019-03-05 08:00:02\",\"ORDER_ID\":\"o-4\","
                                + "\"CUSTOMER\":null,\"AMOUNT\":3.00}");
        assertThat(Files.readAllLines(csv))
                .containsExactly(
                        "2019-03-05 08:00:00,o-1,John Doe,12.50",
                        "2019-03-05 08:00:00,o-2,Jane Roe,7.25",
                        "2019-03-05 08:00:01,,,",
                        "2019-03-05 08:00:02,o-4,,3.00");
        List<String> errorLines = Files.readAllLines(errors);
        assertThat(errorLines).hasSize(2);
        assertThat(errorLines)
                .allSatisfy(line -> assertThat(line).contains("\"ERROR_NAME\":\"COERCION_ERROR\""))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("row 1 of 2: column amount: cannot convert")
                                        .contains("lots"))
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("column VISITS: cannot convert")
                                        .contains("many"));
    }
}
