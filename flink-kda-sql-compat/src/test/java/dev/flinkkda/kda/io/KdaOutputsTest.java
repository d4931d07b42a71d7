package dev.flinkkda.kda.io;

import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

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

/** A JSON-lines file in, a windowed query, a JSON-lines file out. */
class KdaOutputsTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void aWindowedQueryWrittenAsJsonLines(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("ticker-trades.jsonl");
        Files.write(
                in,
                List.of(
                        "{\"ROWTIME\":\"2018-08-01T11:00:20\",\"EVENT_TIME\":\"2018-08-01T11:00:10\",\"TICKER\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01T11:00:30\",\"EVENT_TIME\":\"2018-08-01T11:00:20\",\"TICKER\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01T11:01:05\",\"EVENT_TIME\":\"2018-08-01T11:00:55\",\"TICKER\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01T11:01:05.250\",\"EVENT_TIME\":\"2018-08-01T11:01:01\",\"TICKER\":\"AMZN\"}"),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        KdaInputs.register(
                env,
                tableEnv,
                InputSpec.of(
                        "SOURCE_SQL_STREAM_001",
                        new StreamLocation.File(in),
                        KdaSchema.parse("EVENT_TIME TIMESTAMP, TICKER VARCHAR(4)")));
        OutputSpec output = new OutputSpec("DESTINATION_SQL_STREAM", new StreamLocation.File(out));
        KdaOutputs.write(
                tableEnv,
                tableEnv.sqlQuery(
                        "SELECT window_end AS ROWTIME, FLOOR(EVENT_TIME TO MINUTE) AS EVENT_TIME,"
                                + " TICKER, CAST(COUNT(*) AS DOUBLE) AS TICKER_COUNT"
                                + " FROM TABLE(TUMBLE(TABLE SOURCE_SQL_STREAM_001,"
                                + " DESCRIPTOR(ROWTIME), INTERVAL '1' MINUTE))"
                                + " GROUP BY window_start, window_end,"
                                + " FLOOR(EVENT_TIME TO MINUTE), TICKER"),
                output);
        JobExecutionResult result = env.execute("KdaOutputsTest");

        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(
                        "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"EVENT_TIME\":\"2018-08-01"
                                + " 11:00:00\",\"TICKER\":\"AMZN\",\"TICKER_COUNT\":2.0}",
                        "{\"ROWTIME\":\"2018-08-01 11:02:00\",\"EVENT_TIME\":\"2018-08-01"
                                + " 11:00:00\",\"TICKER\":\"AMZN\",\"TICKER_COUNT\":1.0}",
                        "{\"ROWTIME\":\"2018-08-01 11:02:00\",\"EVENT_TIME\":\"2018-08-01"
                                + " 11:01:00\",\"TICKER\":\"AMZN\",\"TICKER_COUNT\":1.0}");
        KdaCounters counters = KdaCounters.of(result);
        assertThat(counters.rowsIn("SOURCE_SQL_STREAM_001")).isEqualTo(4);
        assertThat(counters.rowsOut(output)).isEqualTo(3);
    }

    @Test
    void stdoutAndCollectedLines(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.write(
                in,
                List.of("{\"ROWTIME\":\"2018-08-01T11:00:20\",\"A\":1}", "{\"A\":2}"),
                StandardCharsets.UTF_8);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        KdaInputs.register(
                env,
                tableEnv,
                new InputSpec(
                        "TRADES",
                        new StreamLocation.File(in),
                        KdaSchema.parse("A INTEGER"),
                        RowtimeMode.field("ROWTIME"),
                        java.time.Duration.ZERO));
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
        OutputSpec stdout = new OutputSpec("TRADES", new StreamLocation.Stdout());
        KdaOutputs.write(tableEnv, tableEnv.sqlQuery("SELECT ROWTIME, A FROM TRADES"), stdout);
        CloseableIterator<String> collected =
                KdaOutputs.collect(
                        tableEnv,
                        tableEnv.sqlQuery("SELECT A * 10 AS A10 FROM TRADES"),
                        new OutputSpec("TRADES", new StreamLocation.Stdout()));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        try {
            JobClient job = env.executeAsync("stdout");
            collected.forEachRemaining(lines::add);
            job.getJobExecutionResult().get();
        } finally {
            System.setOut(originalOut);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"ROWTIME\":\"2018-08-01 11:00:20\",\"A\":1}\n");
        assertThat(lines).containsExactly("{\"A10\":10}");
    }
}
