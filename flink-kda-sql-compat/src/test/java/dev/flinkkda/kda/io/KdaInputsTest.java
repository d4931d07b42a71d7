package dev.flinkkda.kda.io;

import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.json.RawRecord;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs registered as tables and queried with Flink SQL on a MiniCluster. */
class KdaInputsTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final KdaSchema TRADES =
            KdaSchema.parse("TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE");

    @TempDir Path dir;

    private StreamExecutionEnvironment env;
    private StreamTableEnvironment tableEnv;

    @BeforeEach
    void environments() {
        env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        tableEnv = StreamTableEnvironment.create(env);
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
    }

    private Path file(String... lines) throws Exception {
        Path file = dir.resolve("trades.jsonl");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private KdaInputs.RegisteredInput register(Path file, RowtimeMode rowtime, Duration delay) {
        return KdaInputs.register(
                env,
                tableEnv,
                new InputSpec(
                        "SOURCE_SQL_STREAM_001",
                        new StreamLocation.File(file),
                        TRADES,
                        rowtime,
                        delay));
    }

    /** The rows of a query and the input's malformed records, from one job. */
    private record Run(List<Row> rows, List<MalformedRecord> malformed, KdaCounters counters) {}

    private Run run(Table query, KdaInputs.RegisteredInput input) throws Exception {
        CloseableIterator<Row> rows = tableEnv.toDataStream(query).collectAsync();
        CloseableIterator<MalformedRecord> malformed = input.malformed().collectAsync();
        JobClient job = env.executeAsync("KdaInputsTest");
        List<Row> rowList = new ArrayList<>();
        rows.forEachRemaining(rowList::add);
        List<MalformedRecord> malformedList = new ArrayList<>();
        malformed.forEachRemaining(malformedList::add);
        JobExecutionResult result = job.getJobExecutionResult().get();
        return new Run(rowList, malformedList, KdaCounters.of(result));
    }

    @Test
    void rowtimeFromAFieldIsAnEventTimeAttributeThatTumblingWindowsUse() throws Exception {
        Path trades =
                file(
                        "{\"ROWTIME\":\"2018-08-01 11:00:20\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":840.5}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":841}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:45\",\"TICKER_SYMBOL\":\"INTC\",\"PRICE\":\"45.25\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:05\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":842}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:59.999\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":843}",
                        "{\"ROWTIME\":\"2018-08-01 11:02:00\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":844}");
        KdaInputs.RegisteredInput input =
                register(trades, RowtimeMode.field("ROWTIME"), Duration.ZERO);

        assertThat(input.table().getResolvedSchema().toString())
                .isEqualTo(
                        String.join(
                                "\n",
                                "(",
                                "  `TICKER_SYMBOL` VARCHAR(4),",
                                "  `PRICE` DOUBLE,",
                                "  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3),",
                                "  `ROWTIME` TIMESTAMP(3) NOT NULL *ROWTIME*,",
                                "  WATERMARK FOR `ROWTIME`: TIMESTAMP(3) NOT NULL AS SOURCE_WATERMARK()",
                                ")"));

        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT window_end, TICKER_SYMBOL, COUNT(*) AS N, SUM(PRICE) AS P"
                                        + " FROM TABLE(TUMBLE(TABLE SOURCE_SQL_STREAM_001,"
                                        + " DESCRIPTOR(ROWTIME), INTERVAL '1' MINUTE))"
                                        + " GROUP BY window_start, window_end, TICKER_SYMBOL"),
                        input);

        assertThat(run.rows())
                .extracting(Row::toString)
                .containsExactlyInAnyOrder(
                        "+I[2018-08-01T11:01, AMZN, 2, 1681.5]",
                        "+I[2018-08-01T11:01, INTC, 1, 45.25]",
                        "+I[2018-08-01T11:02, AMZN, 2, 1685.0]",
                        "+I[2018-08-01T11:03, AMZN, 1, 844.0]");
        assertThat(run.malformed()).isEmpty();
        assertThat(run.counters().rowsIn("SOURCE_SQL_STREAM_001")).isEqualTo(6);
    }

    @Test
    void malformedRecordsGoToTheSideOutputWithTheirLineAndReasonAndAreCounted() throws Exception {
        Path trades =
                file(
                        "{\"ROWTIME\":\"2018-08-01 11:00:20\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":1}",
                        "",
                        "{\"ROWTIME\":\"2018-08-01 11:00:21\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":\"abc\"}",
                        "not json",
                        "   ",
                        "{\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":2}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"TICKER_SYMBOL\":\"AMAZON\",\"PRICE\":3}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:25\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":4}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"TICKER_SYMBOL\":\"INTC\",\"PRICE\":5}");
        KdaInputs.RegisteredInput input =
                register(trades, RowtimeMode.field("ROWTIME"), Duration.ZERO);

        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT ROWTIME, TICKER_SYMBOL, PRICE FROM SOURCE_SQL_STREAM_001"),
                        input);

        assertThat(run.rows())
                .extracting(Row::toString)
                .containsExactlyInAnyOrder(
                        "+I[2018-08-01T11:00:20, AMZN, 1.0]",
                        "+I[2018-08-01T11:00:30, AMAZ, 3.0]",
                        "+I[2018-08-01T11:00:30, INTC, 5.0]");
        String file = trades.toString();
        assertThat(run.malformed())
                .extracting(MalformedRecord::message)
                .containsExactly(
                        file + ":3: column PRICE: cannot convert \"abc\" to DOUBLE",
                        file
                                + ":4: not JSON: Unrecognized token 'not': was expecting (JSON"
                                + " String, Number, Array, Object or token 'null', 'true' or"
                                + " 'false')",
                        file + ":6: ROWTIME field ROWTIME: missing",
                        file
                                + ":8: late: ROWTIME 2018-08-01 11:00:25.000 is more than the"
                                + " watermark delay (0 ms) before the latest ROWTIME"
                                + " 2018-08-01 11:00:30.000");
        assertThat(run.malformed().get(0).rawText())
                .isEqualTo(
                        "{\"ROWTIME\":\"2018-08-01 11:00:21\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":\"abc\"}");
        String stream = "SOURCE_SQL_STREAM_001";
        assertThat(run.counters().records(stream)).isEqualTo(7);
        assertThat(run.counters().rowsIn(stream)).isEqualTo(3);
        assertThat(run.counters().malformed(stream)).isEqualTo(3);
        assertThat(run.counters().late(stream)).isEqualTo(1);
    }

    @Test
    void aWatermarkDelayKeepsRowsThatGoBackNoFurtherThanIt() throws Exception {
        Path trades =
                file(
                        "{\"ROWTIME\":\"2018-08-01 11:00:50\",\"TICKER_SYMBOL\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:02\",\"TICKER_SYMBOL\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:55\",\"TICKER_SYMBOL\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:51.999\",\"TICKER_SYMBOL\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:10\",\"TICKER_SYMBOL\":\"AMZN\"}");
        KdaInputs.RegisteredInput input =
                register(trades, RowtimeMode.field("ROWTIME"), Duration.ofSeconds(10));

        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT TUMBLE_END(ROWTIME, INTERVAL '1' MINUTE), COUNT(*)"
                                        + " FROM SOURCE_SQL_STREAM_001"
                                        + " GROUP BY TUMBLE(ROWTIME, INTERVAL '1' MINUTE)"),
                        input);

        // 11:00:55 is 7 s behind 11:01:02: kept, in the first window; 11:00:51.999 is 10.001 s
        // behind: late.
        assertThat(run.rows())
                .extracting(Row::toString)
                .containsExactlyInAnyOrder("+I[2018-08-01T11:01, 2]", "+I[2018-08-01T11:02, 2]");
        assertThat(run.malformed())
                .extracting(MalformedRecord::reason)
                .containsExactly(
                        "late: ROWTIME 2018-08-01 11:00:51.999 is more than the watermark delay"
                                + " (10000 ms) before the latest ROWTIME 2018-08-01 11:01:02.000");
    }

    @Test
    void slidingWindowsOverRowtime() throws Exception {
        Path trades =
                file(
                        "{\"ROWTIME\":\"2018-08-01 11:00:00\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":1}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":2}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":4}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:00.001\",\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":8}");
        KdaInputs.RegisteredInput input =
                register(trades, RowtimeMode.field("ROWTIME"), Duration.ZERO);

        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT ROWTIME, SUM(PRICE) OVER (PARTITION BY TICKER_SYMBOL"
                                        + " ORDER BY ROWTIME RANGE INTERVAL '1' MINUTE PRECEDING)"
                                        + " FROM SOURCE_SQL_STREAM_001"),
                        input);

        assertThat(run.rows())
                .extracting(Row::toString)
                .containsExactly(
                        "+I[2018-08-01T11:00, 1.0]",
                        "+I[2018-08-01T11:00:30, 3.0]",
                        "+I[2018-08-01T11:01, 7.0]",
                        "+I[2018-08-01T11:01:00.001, 14.0]");
    }

    @Test
    void processingTimeRowtime() throws Exception {
        Path trades =
                file(
                        "{\"TICKER_SYMBOL\":\"AMZN\",\"PRICE\":1}",
                        "{\"TICKER_SYMBOL\":\"INTC\",\"PRICE\":2,\"ROWTIME\":\"ignored\"}");
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        KdaInputs.RegisteredInput input = register(trades, RowtimeMode.processing(), Duration.ZERO);

        assertThat(input.table().getResolvedSchema().toString())
                .contains("`ROWTIME` TIMESTAMP_LTZ(3) NOT NULL *PROCTIME* AS PROCTIME()");
        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT TICKER_SYMBOL, CAST(ROWTIME AS TIMESTAMP(3))"
                                        + " FROM SOURCE_SQL_STREAM_001"),
                        input);

        assertThat(run.rows())
                .extracting(r -> r.getField(0))
                .containsExactlyInAnyOrder("AMZN", "INTC");
        assertThat(run.rows())
                .extracting(r -> (LocalDateTime) r.getField(1))
                .allSatisfy(rowtime -> assertThat(rowtime).isAfter(before));
        assertThat(run.malformed()).isEmpty();
    }

    private KdaInputs.RegisteredInput register(
            Path file, KdaSchema schema, RowtimeMode rowtime, ArrivalTimeMode arrival) {
        return KdaInputs.register(
                env,
                tableEnv,
                new InputSpec(
                        "SOURCE_SQL_STREAM_001",
                        new StreamLocation.File(file),
                        schema,
                        rowtime,
                        Duration.ZERO,
                        arrival));
    }

    @Test
    void approximateArrivalTimeOfAFileIsItsFieldElseTheRowtime() throws Exception {
        Path trades =
                file(
                        "{\"ROWTIME\":\"2018-08-01 11:00:20\",\"APPROXIMATE_ARRIVAL_TIME\":\"2018-08-01 11:00:19.5\",\"TICKER_SYMBOL\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"TICKER_SYMBOL\":\"INTC\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:40\",\"approximate_arrival_time\":null,\"TICKER_SYMBOL\":\"MSFT\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:50\",\"APPROXIMATE_ARRIVAL_TIME\":\"soon\",\"TICKER_SYMBOL\":\"IBM\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:01:00\",\"approximate_arrival_time\":1533121255000,\"TICKER_SYMBOL\":\"ORCL\"}");
        InputSpec spec =
                new InputSpec(
                        "SOURCE_SQL_STREAM_001",
                        new StreamLocation.File(trades),
                        TRADES,
                        RowtimeMode.field("ROWTIME"),
                        Duration.ZERO);
        assertThat(spec.arrivalTime()).isEqualTo(ArrivalTimeMode.field("APPROXIMATE_ARRIVAL_TIME"));
        KdaInputs.RegisteredInput input = KdaInputs.register(env, tableEnv, spec);

        assertThat(input.table().getResolvedSchema().toString())
                .contains(
                        "  `PRICE` DOUBLE,\n"
                                + "  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3),\n"
                                + "  `ROWTIME` TIMESTAMP(3) NOT NULL *ROWTIME*,");
        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT TICKER_SYMBOL, APPROXIMATE_ARRIVAL_TIME, ROWTIME"
                                        + " FROM SOURCE_SQL_STREAM_001"),
                        input);

        assertThat(run.rows())
                .extracting(Row::toString)
                .containsExactly(
                        "+I[AMZN, 2018-08-01T11:00:19.500, 2018-08-01T11:00:20]",
                        "+I[INTC, 2018-08-01T11:00:30, 2018-08-01T11:00:30]",
                        "+I[MSFT, 2018-08-01T11:00:40, 2018-08-01T11:00:40]",
                        "+I[ORCL, 2018-08-01T11:00:55, 2018-08-01T11:01]");
        assertThat(run.malformed())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.origin()).endsWith("trades.jsonl:4");
                            assertThat(m.reason())
                                    .startsWith(
                                            "APPROXIMATE_ARRIVAL_TIME field APPROXIMATE_ARRIVAL_TIME: ");
                        });
    }

    @Test
    void approximateArrivalTimeFromRowtimeOrANamedFieldOrTheDeclaredColumn() throws Exception {
        Path trades =
                file(
                        "{\"ROWTIME\":\"2018-08-01 11:00:20\",\"SENT\":\"2018-08-01 11:00:01\",\"APPROXIMATE_ARRIVAL_TIME\":\"2000-01-01 00:00:00\",\"TICKER_SYMBOL\":\"AMZN\"}",
                        "{\"ROWTIME\":\"2018-08-01 11:00:30\",\"TICKER_SYMBOL\":\"INTC\"}");
        KdaSchema declaring =
                KdaSchema.parse(
                        "TICKER_SYMBOL VARCHAR(4), APPROXIMATE_ARRIVAL_TIME TIMESTAMP NOT NULL");
        KdaInputs.RegisteredInput input =
                register(
                        trades,
                        declaring,
                        RowtimeMode.field("ROWTIME"),
                        ArrivalTimeMode.field("sent"));

        // declared: kept where the schema has it, once, and filled by --arrival-time
        assertThat(input.table().getResolvedSchema().getColumnNames())
                .containsExactly("TICKER_SYMBOL", "APPROXIMATE_ARRIVAL_TIME", "ROWTIME");
        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT TICKER_SYMBOL, APPROXIMATE_ARRIVAL_TIME FROM"
                                        + " SOURCE_SQL_STREAM_001"),
                        input);
        assertThat(run.rows())
                .extracting(Row::toString)
                .containsExactly("+I[AMZN, 2018-08-01T11:00:01]", "+I[INTC, 2018-08-01T11:00:30]");
        assertThat(run.malformed()).isEmpty();
    }

    @Test
    void approximateArrivalTimeIsTheReadTimeWithProcessingTimeRowtime() throws Exception {
        Path trades =
                file(
                        "{\"TICKER_SYMBOL\":\"AMZN\",\"APPROXIMATE_ARRIVAL_TIME\":\"2000-01-01 00:00:00\"}");
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        KdaInputs.RegisteredInput input =
                register(trades, TRADES, RowtimeMode.processing(), ArrivalTimeMode.rowtime());

        Run run =
                run(
                        tableEnv.sqlQuery(
                                "SELECT APPROXIMATE_ARRIVAL_TIME FROM SOURCE_SQL_STREAM_001"),
                        input);
        assertThat(run.rows())
                .singleElement()
                .satisfies(r -> assertThat((LocalDateTime) r.getField(0)).isAfter(before));
    }

    @Test
    void approximateArrivalTimeChoicesAFileCannotHave() {
        assertThatThrownBy(
                        () ->
                                new InputSpec(
                                        "SOURCE_SQL_STREAM_001",
                                        new StreamLocation.File(Path.of("trades.jsonl")),
                                        TRADES,
                                        RowtimeMode.field("ROWTIME"),
                                        Duration.ZERO,
                                        ArrivalTimeMode.arrival()))
                .hasMessage(
                        "input SOURCE_SQL_STREAM_001: --arrival-time arrival takes"
                                + " APPROXIMATE_ARRIVAL_TIME from the Kinesis arrival time, which"
                                + " the file trades.jsonl does not have; use --arrival-time"
                                + " field:NAME or rowtime");
        assertThatThrownBy(
                        () ->
                                InputSpec.of(
                                        "SOURCE_SQL_STREAM_001",
                                        new StreamLocation.File(Path.of("trades.jsonl")),
                                        KdaSchema.parse("APPROXIMATE_ARRIVAL_TIME VARCHAR(20)")))
                .hasMessage(
                        "input SOURCE_SQL_STREAM_001: column APPROXIMATE_ARRIVAL_TIME is the"
                                + " system column of every input stream, a TIMESTAMP; it cannot be"
                                + " declared as VARCHAR(20)");
    }

    @Test
    void arrivalTimeNeedsAKinesisInput() {
        assertThatThrownBy(
                        () ->
                                new InputSpec(
                                        "SOURCE_SQL_STREAM_001",
                                        new StreamLocation.File(Path.of("trades.jsonl")),
                                        TRADES,
                                        RowtimeMode.arrival(),
                                        Duration.ZERO))
                .hasMessage(
                        "input SOURCE_SQL_STREAM_001: --rowtime arrival takes ROWTIME from the"
                                + " Kinesis arrival time, which the file trades.jsonl does not"
                                + " have; use --rowtime field:NAME (e.g. field:ROWTIME) or"
                                + " processing");
    }

    @Test
    void recordsTravelAsPojosNotAsGenericTypes() {
        assertThat(TypeInformation.of(RawRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(MalformedRecord.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void aKinesisInputAndOutputMakeAJob() {
        KdaInputs.RegisteredInput input =
                KdaInputs.register(
                        env,
                        tableEnv,
                        InputSpec.of(
                                "SOURCE_SQL_STREAM_001",
                                StreamLocation.parse(
                                        "kinesis:ticker-trades?endpoint=http://127.0.0.1:4567"
                                                + "&start=TRIM_HORIZON"),
                                TRADES));
        assertThat(input.table().getResolvedSchema().toString())
                .contains("`ROWTIME` TIMESTAMP(3) NOT NULL *ROWTIME*");
        KdaOutputs.write(
                tableEnv,
                tableEnv.sqlQuery("SELECT ROWTIME, TICKER_SYMBOL FROM SOURCE_SQL_STREAM_001"),
                new OutputSpec(
                        "DESTINATION_SQL_STREAM",
                        StreamLocation.parse(
                                "kinesis:out?endpoint=http://127.0.0.1:4567"
                                        + "&partitionKey=TICKER_SYMBOL")));

        assertThat(env.getStreamGraph(false).getStreamNodes())
                .extracting(node -> node.getOperatorName())
                .contains(
                        "Source: SOURCE_SQL_STREAM_001 <- kinesis:ticker-trades",
                        "parse SOURCE_SQL_STREAM_001",
                        "ROWTIME of SOURCE_SQL_STREAM_001",
                        "DESTINATION_SQL_STREAM -> kinesis:out: Writer");
        assertThat(System.getProperty("aws.cborEnabled")).isEqualTo("false");
        assertThatThrownBy(
                        () ->
                                KdaOutputs.write(
                                        tableEnv,
                                        tableEnv.sqlQuery(
                                                "SELECT PRICE FROM SOURCE_SQL_STREAM_001"),
                                        new OutputSpec(
                                                "DESTINATION_SQL_STREAM",
                                                StreamLocation.parse(
                                                        "kinesis:out?partitionKey=TICKER"))))
                .hasMessage(
                        "partitionKey=TICKER is not a column of the output; its columns are"
                                + " [PRICE]");
    }

    @Test
    void anEmptyFileGivesNoRows() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        KdaInputs.RegisteredInput input =
                register(empty, RowtimeMode.field("ROWTIME"), Duration.ZERO);

        Run run = run(tableEnv.sqlQuery("SELECT * FROM SOURCE_SQL_STREAM_001"), input);

        assertThat(run.rows()).isEmpty();
        assertThat(run.malformed()).isEmpty();
        assertThat(run.counters().records("SOURCE_SQL_STREAM_001")).isZero();
    }
}
