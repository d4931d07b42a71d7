package dev.flinkkda.kda.io;

import dev.flinkkda.kda.json.JsonCoercion;
import dev.flinkkda.kda.json.JsonLinesFormat;
import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.json.RawRecord;
import dev.flinkkda.kda.json.RecordMapper;
import dev.flinkkda.kda.kinesis.KinesisJvm;
import dev.flinkkda.kda.kinesis.KinesisRecordSchema;
import dev.flinkkda.kda.kinesis.ShardSubset;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;

/**
 * Registers an application's inputs as Flink tables.
 *
 * <p>An input becomes a table named after its in-application stream, with the schema's columns,
 * then the system column {@code APPROXIMATE_ARRIVAL_TIME TIMESTAMP(3)} (unless the schema declares
 * it; {@link ArrivalTimeMode}: the Kinesis record's arrival time, a JSON field, or {@code ROWTIME};
 * an ordinary column, not a time attribute) and then {@code ROWTIME}:
 *
 * <ul>
 *   <li>event time ({@code arrival}, {@code field:NAME}): {@code ROWTIME TIMESTAMP(3) *ROWTIME*}
 *       (UTC), with the watermarks of the DataStream ({@code forBoundedOutOfOrderness} of the
 *       input's watermark delay); usable by {@code TUMBLE}, {@code HOP}, {@code SESSION}, {@code
 *       OVER … ORDER BY ROWTIME} and interval joins;
 *   <li>processing time: {@code ROWTIME TIMESTAMP_LTZ(3) *PROCTIME*}, {@code PROCTIME()}.
 * </ul>
 *
 * <p>The table is made by {@code fromDataStream(rows, schema)} with the schema
 *
 * <pre>{@code
 * Schema.newBuilder()
 *     .column("TICKER_SYMBOL", DataTypes.VARCHAR(4))   // ... one per schema column
 *     .column("APPROXIMATE_ARRIVAL_TIME", DataTypes.TIMESTAMP(3))
 *     .column("ROWTIME", DataTypes.TIMESTAMP(3))       // a physical column of the rows
 *     .watermark("ROWTIME", "SOURCE_WATERMARK()")      // the DataStream's watermarks
 *     .build()
 * }</pre>
 *
 * <p>(or {@code .columnByExpression("ROWTIME", "PROCTIME()")} for processing time). The records are
 * read and parsed with parallelism 1, chained with the watermark generator, so that one watermark
 * covers all of an input's rows and lateness is decided in reading order; the rest of the job runs
 * at the environment's parallelism.
 */
public final class KdaInputs {

    private KdaInputs() {}

    /**
     * An input registered as a table.
     *
     * @param streamName the in-application stream, also the table's name in the catalog
     * @param table the table: the schema's columns, {@code APPROXIMATE_ARRIVAL_TIME} unless
     *     declared, then {@code ROWTIME}
     * @param rows the table's rows as a DataStream (with timestamps and watermarks for event time)
     * @param malformed the records that did not become rows, with why
     */
    public record RegisteredInput(
            String streamName,
            Table table,
            DataStream<Row> rows,
            DataStream<MalformedRecord> malformed) {}

    /**
     * Reads an input and registers it as the temporary view {@code `streamName`} of {@code
     * tableEnv}.
     *
     * @param env the environment of {@code tableEnv}
     */
    public static RegisteredInput register(
            StreamExecutionEnvironment env, StreamTableEnvironment tableEnv, InputSpec input) {
        RegisteredInput registered = read(env, tableEnv, input);
        tableEnv.createTemporaryView(
                KdaNames.toFlinkIdentifier(input.streamName()), registered.table());
        return registered;
    }

    /** Reads an input into a table without registering it. */
    public static RegisteredInput read(
            StreamExecutionEnvironment env, StreamTableEnvironment tableEnv, InputSpec input) {
        RecordMapper mapper = input.recordMapper();
        String name = input.streamName();
        SingleOutputStreamOperator<Row> parsed =
                rawRecords(env, input)
                        .process(new ParseRecords(name, mapper, input.watermarkDelay().toMillis()))
                        .returns(mapper.rowType())
                        .name("parse " + name)
                        .uid("flink-kda-input-" + name + "-parse")
                        .setParallelism(1);
        DataStream<MalformedRecord> malformed = parsed.getSideOutput(ParseRecords.MALFORMED);

        int rowtimeField = mapper.rowType().getArity() - 1;
        Schema.Builder schema = Schema.newBuilder();
        input.schema().columns().forEach(c -> schema.column(c.name(), c.dataType()));
        if (ArrivalTimeMode.declaredColumn(input.schema()) < 0) {
            schema.column(
                    ArrivalTimeMode.COLUMN, DataTypes.TIMESTAMP(RowtimeMode.ROWTIME_PRECISION));
        }
        DataStream<Row> rows;
        if (input.rowtime().isEventTime()) {
            rows =
                    parsed.assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Row>forBoundedOutOfOrderness(
                                                    input.watermarkDelay())
                                            .withTimestampAssigner(
                                                    (row, previous) ->
                                                            JsonCoercion.epochMillis(
                                                                    (LocalDateTime)
                                                                            row.getField(
                                                                                    rowtimeField))))
                            .name("ROWTIME of " + name)
                            .uid("flink-kda-input-" + name + "-watermarks")
                            .setParallelism(1);
            schema.column(
                            KdaSchema.ROWTIME,
                            DataTypes.TIMESTAMP(RowtimeMode.ROWTIME_PRECISION).notNull())
                    .watermark(KdaSchema.ROWTIME, "SOURCE_WATERMARK()");
        } else {
            rows = parsed;
            schema.columnByExpression(KdaSchema.ROWTIME, "PROCTIME()");
        }
        Table table = tableEnv.fromDataStream(rows, schema.build());
        return new RegisteredInput(name, table, rows, malformed);
    }

    private static DataStream<RawRecord> rawRecords(
            StreamExecutionEnvironment env, InputSpec input) {
        String name = input.streamName();
        if (input.location() instanceof StreamLocation.File file) {
            FileSource<RawRecord> source =
                    FileSource.forRecordStreamFormat(
                                    new JsonLinesFormat(file.path().toString()),
                                    org.apache.flink.core.fs.Path.fromLocalFile(
                                            file.path().toAbsolutePath().toFile()))
                            .build();
            return env.fromSource(
                            source,
                            WatermarkStrategy.noWatermarks(),
                            // Short names: Flink warns about task names over 80 characters.
                            name + " <- " + file.path().getFileName())
                    .uid("flink-kda-input-" + name + "-file")
                    .setParallelism(1);
        }
        if (input.location() instanceof StreamLocation.Kinesis kinesis) {
            return kinesisRecords(env, name, kinesis);
        }
        throw new IllegalArgumentException(
                "input " + name + ": cannot read from " + input.location());
    }

    // FlinkKinesisConsumer is a SourceFunction, deprecated in Flink 1.20, and the only Kinesis
    // source of connector 4.3.0-1.19 that works against Kinesalite (the FLIP-27 source lists
    // shards by stream ARN).
    @SuppressWarnings("deprecation")
    private static DataStream<RawRecord> kinesisRecords(
            StreamExecutionEnvironment env, String name, StreamLocation.Kinesis kinesis) {
        KinesisJvm.prepare(kinesis.settings());
        SourceFunction<RawRecord> consumer =
                new FlinkKinesisConsumer<>(
                        kinesis.streamName(),
                        new KinesisRecordSchema(),
                        kinesis.settings().clientProperties(true));
        DataStream<RawRecord> records =
                env.addSource(consumer, name + " <- kinesis:" + kinesis.streamName())
                        .uid("flink-kda-input-" + name + "-kinesis")
                        .setParallelism(1);
        if (kinesis.settings().shards().isEmpty()) {
            return records;
        }
        ShardSubset shards = kinesis.settings().shards().get();
        return records.filter(new ShardFilter(shards))
                .name(name + " <- shards " + shards)
                .uid("flink-kda-input-" + name + "-shards")
                .setParallelism(1);
    }

    /** The records of a {@link ShardSubset}'s shards (the shard id from the record's origin). */
    private record ShardFilter(ShardSubset shards) implements FilterFunction<RawRecord> {
        @Override
        public boolean filter(RawRecord record) {
            return shards.contains(KinesisRecordSchema.shardId(record));
        }
    }
}
