package dev.flinkkda.kda.cli;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code flink-kda} commands on the bundled examples: their outputs must equal the results AWS
 * published for them ({@code expected-output.jsonl}, written from the documentation).
 */
class FlinkKdaCliTest {

    /** Four slots: the examples also run at {@code --parallelism 4}. */
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final Path EXAMPLES = Path.of("..", "examples");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /**
     * {@code flink-kda run} of an example folder's {@code app.sql} over its {@code input.jsonl} and
     * {@code schema.txt}, writing {@code output}; {@code more} arguments go before {@code
     * --output}.
     */
    private int runExample(String example, Path output, String... more) throws Exception {
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
        args.addAll(List.of("--output", output.toString()));
        return run(args.toArray(new String[0]));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "seed-001-stagger",
                "seed-001-step",
                "seed-000-stagger",
                "log-parsing",
                "windowed-aggregation-weather",
                "top-k-items",
                "distinct-count"
            })
    void examplesGiveTheDocumentedResults(String example, @TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve(example);
        Path output = dir.resolve("out.jsonl");
        int exit = runExample(example, output);
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(folder.resolve("expected-output.jsonl")));
        long rows = Files.readAllLines(folder.resolve("expected-output.jsonl")).size();
        long records = Files.readAllLines(folder.resolve("input.jsonl")).size();
        assertThat(err())
                .contains(
                        records
                                + " records in, "
                                + rows
                                + " rows out to DESTINATION_SQL_STREAM, 0 errors");
    }

    /** Scale-out gives the same answer: the examples at parallelism 4 give the documented rows. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "seed-001-stagger",
                "seed-001-step",
                "seed-000-stagger",
                "log-parsing",
                "windowed-aggregation-weather",
                "top-k-items",
                "distinct-count"
            })
    void examplesGiveTheDocumentedResultsAtParallelismFour(String example, @TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("out.jsonl");
        int exit = runExample(example, output, "--parallelism", "4");
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(
                                EXAMPLES.resolve(example).resolve("expected-output.jsonl")));
    }

    /** KDA's reference-data example: a LEFT JOIN with a table read from a CSV file. */
    @Test
    void referenceTableJoin(@TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve("reference-join");
        Path output = dir.resolve("out.jsonl");
        int exit =
                run(
                        "run",
                        folder.resolve("app.sql").toString(),
                        "--input",
                        folder.resolve("input.jsonl").toString(),
                        "--schema",
                        "@" + folder.resolve("schema.txt"),
                        "--reference",
                        "\"CompanyName\"=" + folder.resolve("companies.csv") + "?csv.header=true",
                        "--schema",
                        "\"CompanyName\"=@" + folder.resolve("companies-schema.txt"),
                        "--output",
                        output.toString());
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactlyElementsOf(
                        Files.readAllLines(folder.resolve("expected-output.jsonl")));
    }

    /**
     * One stream to two files (KDA's configuration sends a stream to a Kinesis stream and a
     * Firehose delivery stream alike): each output is an operator of its own — before, the second
     * collided with the first on its uid and the job did not start — and each gets every row, the
     * reference-join example's three.
     */
    @Test
    void oneStreamToTwoOutputs(@TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve("reference-join");
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        int exit =
                run(
                        "run",
                        folder.resolve("app.sql").toString(),
                        "--input",
                        folder.resolve("input.jsonl").toString(),
                        "--schema",
                        "@" + folder.resolve("schema.txt"),
                        "--reference",
                        "\"CompanyName\"=" + folder.resolve("companies.csv") + "?csv.header=true",
                        "--schema",
                        "\"CompanyName\"=@" + folder.resolve("companies-schema.txt"),
                        "--output",
                        "DESTINATION_SQL_STREAM=" + first,
                        "--output",
                        "DESTINATION_SQL_STREAM=" + second);
        assertThat(exit).as(err()).isZero();
        List<String> expected = Files.readAllLines(folder.resolve("expected-output.jsonl"));
        assertThat(expected).hasSize(3);
        assertThat(Files.readAllLines(first)).containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(second)).containsExactlyElementsOf(expected);
    }

    /**
     * The developer guide's anomaly-detection shape on 600 rows of one normal cluster (PRICE about
     * 100 ± 2, CHANGE about 0 ± 0.5) with three planted rows at PRICE 131, CHANGE 9 (10:00:40, :48,
     * :56). The forest is random, so no row-exact output: the planted rows must score above three
     * times the median of the other learned rows, and each second's rows come highest score first,
     * as the ORDER BY asks.
     */
    @Test
    void anomalyDetectionScoresThePlantedRowsHighest(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out.jsonl");
        int exit = runExample("anomaly-detection", output);
        assertThat(exit).as(err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            rows.add(json.readTree(line));
        }
        assertThat(rows).hasSize(600);
        List<Double> planted = new ArrayList<>();
        List<Double> normal = new ArrayList<>();
        for (JsonNode row : rows) {
            double score = row.get("ANOMALY_SCORE").asDouble();
            if (row.get("PRICE").asDouble() == 131.0) {
                planted.add(score);
            } else if (score > 0) {
                normal.add(score);
            }
        }
        normal.sort(null);
        double median = normal.get(normal.size() / 2);
        assertThat(planted).hasSize(3).allSatisfy(s -> assertThat(s).isGreaterThan(3 * median));
        for (int i = 1; i < rows.size(); i++) {
            String second = rows.get(i).get("ROWTIME").asText().substring(0, 19);
            if (second.equals(rows.get(i - 1).get("ROWTIME").asText().substring(0, 19))) {
                assertThat(rows.get(i).get("ANOMALY_SCORE").asDouble())
                        .isLessThanOrEqualTo(rows.get(i - 1).get("ANOMALY_SCORE").asDouble());
            }
        }
    }

    /**
     * {@code --random-seed}: two runs of the anomaly-detection example with the same seed give the
     * same scores row for row; another seed gives other scores.
     */
    @Test
    void randomSeedMakesForestScoresRepeat(@TempDir Path dir) throws Exception {
        List<List<String>> outputs = new ArrayList<>();
        for (String seed : new String[] {"7", "7", "8"}) {
            Path output = dir.resolve("out-" + outputs.size() + ".jsonl");
            int exit = runExample("anomaly-detection", output, "--random-seed", seed);
            assertThat(exit).as(err()).isZero();
            outputs.add(Files.readAllLines(output));
        }
        assertThat(outputs.get(0)).hasSize(600).isEqualTo(outputs.get(1));
        assertThat(outputs.get(2)).hasSize(600).isNotEqualTo(outputs.get(0));
    }

    /**
     * The developer guide's hotspots shape on 1,200 points: background points spread over [0, 10]²,
     * and one row in ten planted in [4, 4.5] × [6, 6.5] ({@code is_hot = 'Y'}). After the last row,
     * the window of 1,000 rows holds exactly one hotspot: its bounds cover every planted point of
     * the window and stay within the scan radius (0.2) of the planted square.
     */
    @Test
    void hotspotsFindsThePlantedSquare(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out.jsonl");
        int exit = runExample("hotspots", output);
        assertThat(exit).as(err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<String> input =
                Files.readAllLines(EXAMPLES.resolve("hotspots").resolve("input.jsonl"));
        double[] plantedMin = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] plantedMax = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (String line : input.subList(input.size() - 1000, input.size())) {
            JsonNode row = json.readTree(line);
            if (row.get("is_hot").asText().equals("Y")) {
                double[] point = {row.get("x").asDouble(), row.get("y").asDouble()};
                for (int d = 0; d < 2; d++) {
                    plantedMin[d] = Math.min(plantedMin[d], point[d]);
                    plantedMax[d] = Math.max(plantedMax[d], point[d]);
                }
            }
        }
        List<String> rows = Files.readAllLines(output);
        assertThat(rows).hasSize(1200);
        JsonNode hotspots =
                json.readTree(
                                json.readTree(rows.get(rows.size() - 1))
                                        .get("HOTSPOTS_RESULT")
                                        .asText())
                        .get("hotspots");
        assertThat(hotspots).hasSize(1);
        double[] squareMin = {4.0, 6.0};
        double[] squareMax = {4.5, 6.5};
        for (int d = 0; d < 2; d++) {
            double min = hotspots.get(0).get("minValues").get(d).asDouble();
            double max = hotspots.get(0).get("maxValues").get(d).asDouble();
            assertThat(min)
                    .isLessThanOrEqualTo(plantedMin[d])
                    .isGreaterThanOrEqualTo(squareMin[d] - 0.2);
            assertThat(max)
                    .isGreaterThanOrEqualTo(plantedMax[d])
                    .isLessThanOrEqualTo(squareMax[d] + 0.2);
        }
        assertThat(hotspots.get(0).get("density").asDouble()).isPositive();
    }

    /**
     * KDA's stream join example with two inputs read from files: each order with the trades of the
     * minute before it, an order without such trades once with NULLs (LEFT OUTER JOIN).
     */
    @Test
    void streamToStreamJoinOfTwoInputs(@TempDir Path dir) throws Exception {
        Path folder = EXAMPLES.resolve("stream-join");
        Path output = dir.resolve("out.jsonl");
        int exit =
                run(
                        "run",
                        folder.resolve("app.sql").toString(),
                        "--input",
                        "ORDERSTREAM=" + folder.resolve("orders.jsonl"),
                        "--schema",
                        "ORDERSTREAM=@" + folder.resolve("orders-schema.txt"),
                        "--input",
                        "TRADESTREAM=" + folder.resolve("trades.jsonl"),
                        "--schema",
                        "TRADESTREAM=@" + folder.resolve("trades-schema.txt"),
                        "--output",
                        output.toString());
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(folder.resolve("expected-output.jsonl")));
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumberAndTheRunGoesOn(@TempDir Path dir)
            throws Exception {
        Path input = dir.resolve("trades.jsonl");
        Files.writeString(
                input,
                "{\"ROWTIME\": \"2018-08-01 11:00:20\", \"EVENT_TIME\": \"2018-08-01 11:00:10\","
                        + " \"TICKER_SYMBOL\": \"AMZN\"}\n"
                        + "{\"ROWTIME\": \"yesterday\", \"TICKER_SYMBOL\": \"AMZN\"}\n"
                        + "not json\n"
                        + "{\"ROWTIME\": \"2018-08-01 11:00:40\", \"EVENT_TIME\": \"2018-08-01"
                        + " 11:00:20\", \"TICKER_SYMBOL\": \"AMZN\"}\n");
        Path output = dir.resolve("out.jsonl");
        Path folder = EXAMPLES.resolve("seed-001-stagger");
        int exit =
                run(
                        "run",
                        folder.resolve("app.sql").toString(),
                        "--input",
                        input.toString(),
                        "--schema",
                        "@" + folder.resolve("schema.txt"),
                        "--output",
                        output.toString());
        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(output))
                .containsExactly(
                        "{\"ROWTIME\":\"2018-08-01 11:01:20\",\"TICKER_SYMBOL\":\"AMZN\","
                                + "\"EVENT_TIME\":\"2018-08-01 11:00:00\",\"TICKER_COUNT\":2.0}");
        assertThat(err())
                .contains("trades.jsonl:2: ")
                .contains("trades.jsonl:3: ")
                .contains(
                        "4 records in, 1 rows out to DESTINATION_SQL_STREAM, 2 errors"
                                + " (MALFORMED_RECORD 1, COERCION_ERROR 1)");
    }

    @Test
    void translatePrintsTheFlinkSqlAndTheReport() throws Exception {
        Path folder = EXAMPLES.resolve("seed-001-step");
        int exit =
                run(
                        "translate",
                        folder.resolve("app.sql").toString(),
                        "--schema",
                        "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP");
        assertThat(exit).as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "FROM TABLE(TUMBLE(TABLE `SOURCE_SQL_STREAM_001`, DESCRIPTOR(`ROWTIME`),"
                                + " INTERVAL '1' MINUTE))")
                .contains(
                        "CREATE PUMP \"STREAM_PUMP\": NATIVE — GROUP BY … STEP(ROWTIME BY …) →"
                                + " TUMBLE window aggregation; ROWTIME = window end");
    }

    @Test
    void validateReportsTheFirstErrorWithItsPosition(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("app.sql");
        Files.writeString(
                app,
                "CREATE STREAM out_stream (t VARCHAR(4));\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream\n"
                        + "  SELECT STREAM ticker FROM source_sql_stream_001;\n");
        assertThat(run("validate", app.toString(), "--schema", "TICKER_SYMBOL VARCHAR(4)"))
                .isEqualTo(1);
        assertThat(err())
                .contains("app.sql:3:17: unknown column \"TICKER\" in \"SOURCE_SQL_STREAM_001\"");
        err.reset();
        Files.writeString(app, "CREATE STREAM out_stream (t VARCHAR(4);\n");
        assertThat(run("validate", app.toString())).isEqualTo(1);
        assertThat(err()).contains("app.sql:1:39: syntax error at ';'");
        Path valid = EXAMPLES.resolve("seed-001-stagger").resolve("app.sql");
        assertThat(
                        run(
                                "validate",
                                valid.toString(),
                                "--schema",
                                "@" + EXAMPLES.resolve("seed-001-stagger").resolve("schema.txt")))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "app.sql: valid — 2 statements: 1 native Flink SQL, 1 via flink-kda operators");
    }

    @Test
    void badArgumentsAreClearErrors() throws Exception {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("flink-kda: unknown command 'frobnicate'");
        err.reset();
        assertThat(run("run", "no-such-app.sql")).isEqualTo(2);
        assertThat(err()).contains("flink-kda run: ").contains("no-such-app.sql");
        err.reset();
        Path folder = EXAMPLES.resolve("seed-001-step");
        assertThat(
                        run(
                                "run",
                                folder.resolve("app.sql").toString(),
                                "--input",
                                folder.resolve("input.jsonl").toString(),
                                "--schema",
                                "@" + folder.resolve("schema.txt"),
                                "--rowtime",
                                "processing"))
                .isEqualTo(2);
        assertThat(err())
                .contains(
                        "flink-kda run: --rowtime processing with the file input of"
                                + " SOURCE_SQL_STREAM_001: the application's windows close on the"
                                + " clock");
    }

    /**
     * Seed 003 (a SageMaker notebook's KDA application): its STEP pump is native Flink SQL; its
     * RANDOM_CUT_FOREST and COUNT_DISTINCT_ITEMS_TUMBLING pumps run flink-kda's operators.
     */
    @Test
    void translateReportsEveryStatement() throws Exception {
        Path app =
                Path.of("src/test/resources/kda-apps/seed003-reviews-step-rcf-count-distinct.sql");
        int exit =
                run(
                        "translate",
                        app.toString(),
                        "--schema",
                        "\"star_rating\" INTEGER, \"review_id\" VARCHAR(32)");
        assertThat(exit).as(err()).isZero();
        String translated = out.toString(StandardCharsets.UTF_8);
        assertThat(translated)
                .contains("CREATE TEMPORARY VIEW `AVG_STAR_RATING_SQL_STREAM` AS")
                .contains(
                        "CREATE PUMP \"AVG_STAR_RATING_SQL_STREAM_PUMP\": NATIVE — GROUP BY …"
                                + " STEP(ROWTIME BY …) → TUMBLE window aggregation")
                .contains(
                        "13:1 CREATE PUMP \"ANOMALY_SCORE_STREAM_PUMP\": VIA_FLINK_KDA —"
                                + " TABLE(RANDOM_CUT_FOREST(CURSOR(…))) → flink-kda-analytics"
                                + " operator")
                .contains(
                        "24:1 CREATE PUMP \"APPROXIMATE_COUNT_STREAM_PUMP\": VIA_FLINK_KDA —"
                                + " TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(…))) →"
                                + " flink-kda-analytics operator")
                .doesNotContain("UNSUPPORTED");
    }
}
