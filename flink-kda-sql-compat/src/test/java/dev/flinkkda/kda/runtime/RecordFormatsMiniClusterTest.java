package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.StreamLocation;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications whose input records hold several rows — JSON with {@code RecordRowPath
 * $.readings[0:]}, CSV with a row delimiter — and an output written as CSV, run by {@link
 * KdaApplicationJob} on a MiniCluster. Expected rows worked out by hand from the inputs.
 */
class RecordFormatsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String SUM_PER_MINUTE =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                KEY_COLUMN VARCHAR(4), N BIGINT, TOTAL DOUBLE);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM %1$s, COUNT(*), SUM(%2$s)
                FROM "SOURCE_SQL_STREAM_001"
                GROUP BY %1$s, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' MINUTE);
            """;

    @TempDir Path dir;

    /** What a run wrote: the output's lines and error_stream's. */
    private record Run(List<String> output, List<String> errors, List<String> messages) {}

    private Run run(
            String app,
            List<String> inputLines,
            String schema,
            String rowtime,
            RecordFormat format,
            RecordFormatType outputFormat)
            throws Exception {
        Path appFile = Files.writeString(dir.resolve("app.sql"), app);
        Path input = Files.write(dir.resolve("input.txt"), inputLines, StandardCharsets.UTF_8);
        Path output = dir.resolve("out.txt");
        Path errors = dir.resolve("errors.jsonl");
        RunOptions parsed =
                RunOptions.parse(
                        appFile.toString(),
                        "--input",
                        input.toString(),
                        "--schema",
                        schema,
                        "--rowtime",
                        rowtime,
                        "--output",
                        output.toString(),
                        "--output",
                        "error_stream=" + errors);
        List<InputSpec> inputs = List.of(parsed.inputs().get(0).withFormat(format));
        List<OutputSpec> outputs =
                List.of(parsed.outputs().get(0).withFormat(outputFormat), parsed.outputs().get(1));
        RunOptions options =
                new RunOptions(
                        parsed.application(),
                        inputs,
                        outputs,
                        parsed.references(),
                        parsed.parallelism(),
                        parsed.randomSeed(),
                        parsed.checkpoints());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KdaApplicationJob job =
                KdaApplicationJob.build(
                        options,
                        env,
                        new OutputSpec(
                                RunOptions.DEFAULT_OUTPUT_STREAM, new StreamLocation.Stdout()));
        JobClient client = env.executeAsync("RecordFormatsMiniClusterTest");
        List<String> messages = new ArrayList<>();
        job.malformedMessages().forEachRemaining(messages::add);
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        return new Run(
                Files.readAllLines(output, StandardCharsets.UTF_8),
                Files.readAllLines(errors, StandardCharsets.UTF_8),
                messages);
    }

    @Test
    void jsonRecordsWhoseReadingsAreTheRows() throws Exception {
        RecordFormat readings =
                RecordFormat.json(
                        JsonPath.parse("$.readings[0:]"),
                        Map.of(
                                "SENSOR", JsonPath.parse("$.sensor"),
                                "TEMP", JsonPath.parse("$.readings[0:].temp")));
        Run run =
                run(
                        SUM_PER_MINUTE.formatted("SENSOR", "TEMP"),
                        List.of(
                                "{\"ROWTIME\":\"2018-08-01 11:00:10\",\"sensor\":\"s1\","
                                        + "\"readings\":[{\"temp\":20},{\"temp\":22}]}",
                                "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"sensor\":\"s2\","
                                        + "\"readings\":[{\"temp\":30},{\"temp\":\"bad\"},"
                                        + "{\"temp\":\"34\"}]}",
                                "{\"ROWTIME\":\"2018-08-01 11:01:05\",\"sensor\":\"s1\","
                                        + "\"readings\":[]}"),
                        "SENSOR VARCHAR(4), TEMP DOUBLE",
                        "field:ROWTIME",
                        readings,
                        RecordFormatType.JSON);
        // Minute 11:00: s1 20 + 22; s2 30 + 34 ("bad" is an error). Minute 11:01: s1's empty
        // array is one row with TEMP NULL: COUNT(*) 1, SUM NULL.
        assertThat(run.output())
                .containsExactlyInAnyOrder(
                        "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"KEY_COLUMN\":\"s1\",\"N\":2,"
                                + "\"TOTAL\":42.0}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"KEY_COLUMN\":\"s2\",\"N\":2,"
                                + "\"TOTAL\":64.0}",
                        "{\"ROWTIME\":\"2018-08-01 11:02:00\",\"KEY_COLUMN\":\"s1\",\"N\":1,"
                                + "\"TOTAL\":null}");
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0))
                .contains("\"ERROR_NAME\":\"COERCION_ERROR\"")
                .contains(
                        "input.txt:2: row 2 of 3: column TEMP: cannot convert \\\"bad\\\" to"
                                + " DOUBLE");
    }

    @Test
    void csvRecordsOfSeveralRowsAndACsvOutput() throws Exception {
        Run run =
                run(
                        SUM_PER_MINUTE.formatted("TICKER", "PRICE"),
                        List.of(
                                "AMZN,2018-08-01 11:00:20,840.5|AMZN,2018-08-01 11:00:30,841.5",
                                "INTC,2018-08-01 11:00:40,45.25|\"AMZN\",2018-08-01 11:00:50,x"
                                        + "|INTC,2018-08-01 11:00:59,44.75|",
                                "AMZN,2018-08-01 11:01:10,850"),
                        "TICKER VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE",
                        "field:EVENT_TIME",
                        RecordFormat.csv(",", "|"),
                        RecordFormatType.CSV);
        // Minute 11:00: AMZN 840.5 + 841.5, INTC 45.25 + 44.75 (the x row is an error);
        // minute 11:01: AMZN 850. CSV rows: ROWTIME first, as in JSON output.
        assertThat(run.output())
                .containsExactlyInAnyOrder(
                        "2018-08-01 11:01:00,AMZN,2,1682.0",
                        "2018-08-01 11:01:00,INTC,2,90.0",
                        "2018-08-01 11:02:00,AMZN,1,850.0");
        assertThat(run.errors()).hasSize(1);
        assertThat(run.errors().get(0))
                .contains("\"ERROR_NAME\":\"COERCION_ERROR\"")
                .contains(
                        "input.txt:2: row 2 of 3: column PRICE: cannot convert \\\"x\\\" to DOUBLE");
    }
}
