package dev.flinkkda.benchmarks;

import dev.flinkkda.kda.json.JsonRecordParser;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.runtime.PlanExecutor;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The two jobs of {@link KdaTranslationBenchmark}, up to (not including) their sink: seed 001's KDA
 * STEP application translated by flink-kda, and the same query written by hand in Flink SQL.
 *
 * <p>Both read the same input, registered as the table {@code SOURCE_SQL_STREAM_001} the way {@code
 * flink-kda run} registers an input ({@code dev.flinkkda.kda.io.KdaInputs}): rows of the DataStream
 * type the JSON parser produces, {@code forBoundedOutOfOrderness} watermarks (delay 0, {@code
 * run}'s default) on {@code ROWTIME}, and {@code fromDataStream} with the schema's columns, {@code
 * ROWTIME TIMESTAMP(3) NOT NULL} and {@code SOURCE_WATERMARK()}; the session time zone is UTC. Both
 * yield the rows {@code (TICKER_SYMBOL, EVENT_TIME, TICKER_COUNT, ROWTIME)}.
 */
public final class KdaTranslationPipelines {

    /** The input stream of seed 001's application. */
    public static final String INPUT_STREAM = KdaNames.DEFAULT_INPUT_STREAM;

    /** The in-application stream the application writes. */
    public static final String OUTPUT_STREAM = "DESTINATION_SQL_STREAM";

    /** The input's columns: seed 001's and a price; {@code ROWTIME} comes from a field. */
    public static final KdaSchema SCHEMA =
            KdaSchema.parse("TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE");

    /** Seed 001's STEP application, {@code examples/seed-001-step/app.sql}, as a resource. */
    public static final String STEP_APPLICATION_RESOURCE = "/kda/seed-001-step/app.sql";

    /**
     * The application's query by hand in Flink SQL: a {@code TUMBLE} window table function on
     * {@code ROWTIME}, the same groups and output columns ({@code TICKER_COUNT} is a {@code DOUBLE}
     * in the application's output stream, {@code ROWTIME} the window end).
     */
    public static final String HAND_WRITTEN_SQL =
            "SELECT TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE) AS EVENT_TIME,"
                    + " CAST(COUNT(TICKER_SYMBOL) AS DOUBLE) AS TICKER_COUNT, window_end AS ROWTIME\n"
                    + "FROM TABLE(TUMBLE(TABLE SOURCE_SQL_STREAM_001, DESCRIPTOR(ROWTIME),"
                    + " INTERVAL '1' MINUTE))\n"
                    + "GROUP BY window_start, window_end, TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE)";

    /**
     * A filter that can raise an error on a row ({@code PRICE / PRICE}: division by zero when the
     * price is 0), so that the translation checks every input row for {@code error_stream} before
     * the window. Every generated price is at least 100: it keeps every row.
     */
    public static final String CHECKED_FILTER = "PRICE / PRICE > 0";

    /** {@link #HAND_WRITTEN_SQL} with {@link #CHECKED_FILTER}: the same query, unchecked. */
    public static final String HAND_WRITTEN_FILTERED_SQL =
            HAND_WRITTEN_SQL.replace("\nGROUP BY", "\nWHERE " + CHECKED_FILTER + "\nGROUP BY");

    private KdaTranslationPipelines() {}

    /**
     * Seed 001's STEP application ({@link #STEP_APPLICATION_RESOURCE}) translated by {@link
     * KdaTranslator#translate} against {@link #SCHEMA}.
     */
    public static ApplicationPlan translateStepApplication() {
        return translate(stepApplication());
    }

    /**
     * Seed 001's STEP application with {@link #CHECKED_FILTER} as its {@code WHERE}: its plan has
     * an error_stream check step before the window.
     */
    public static ApplicationPlan translateCheckedStepApplication() {
        String sql = stepApplication();
        int groupBy = sql.indexOf("GROUP BY");
        return translate(
                sql.substring(0, groupBy)
                        + "WHERE "
                        + CHECKED_FILTER
                        + "\n    "
                        + sql.substring(groupBy));
    }

    private static String stepApplication() {
        try (InputStream sql =
                KdaTranslationPipelines.class.getResourceAsStream(STEP_APPLICATION_RESOURCE)) {
            if (sql == null) {
                throw new IllegalStateException("no resource " + STEP_APPLICATION_RESOURCE);
            }
            return new String(sql.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApplicationPlan translate(String application) {
        try {
            Path dir = Files.createTempDirectory("kda-benchmark");
            Path file = dir.resolve("app.sql");
            try {
                Files.writeString(file, application);
                return KdaTranslator.translate(file, Map.of(INPUT_STREAM, SCHEMA));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DataStream type of the input rows: what {@code flink-kda run}'s JSON parser gives. */
    public static RowTypeInfo inputType() {
        return new JsonRecordParser(SCHEMA, RowtimeMode.field(RowtimeMode.DEFAULT_FIELD)).rowType();
    }

    /** {@code records} generated rows ({@link KdaTickerGenerator}), without timestamps yet. */
    public static DataStream<Row> generatedInput(StreamExecutionEnvironment env, long records) {
        return env.fromSource(
                        new NumberSequenceSource(0, records - 1),
                        WatermarkStrategy.noWatermarks(),
                        "ticker trades")
                .map(new ToTickerRow())
                .returns(inputType())
                .name("to-row");
    }

    /**
     * The translated application over {@code input}: the plan's views run by {@link
     * PlanExecutor#execute} (with the Table → DataStream → Table step that makes the window end the
     * output's event-time {@code ROWTIME}), then the output stream as a DataStream.
     */
    public static DataStream<Row> translated(
            StreamExecutionEnvironment env, DataStream<Row> input, ApplicationPlan plan) {
        StreamTableEnvironment tables = tableEnvironment(env, input);
        PlanExecutor.execute(plan, tables, true);
        return tables.toDataStream(tables.from(KdaNames.toFlinkIdentifier(OUTPUT_STREAM)));
    }

    /** {@link #HAND_WRITTEN_SQL} over {@code input}, as a DataStream. */
    public static DataStream<Row> handWritten(
            StreamExecutionEnvironment env, DataStream<Row> input) {
        return handWritten(env, input, HAND_WRITTEN_SQL);
    }

    /** A hand-written query over {@code input}, as a DataStream. */
    public static DataStream<Row> handWritten(
            StreamExecutionEnvironment env, DataStream<Row> input, String query) {
        StreamTableEnvironment tables = tableEnvironment(env, input);
        return tables.toDataStream(tables.sqlQuery(query));
    }

    /**
     * A table environment on {@code env} with {@code input} registered as {@link #INPUT_STREAM}, as
     * {@code KdaApplicationJob} and {@code KdaInputs} do it.
     */
    static StreamTableEnvironment tableEnvironment(
            StreamExecutionEnvironment env, DataStream<Row> input) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        int rowtimeField = SCHEMA.size();
        DataStream<Row> rows =
                input.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Row>forBoundedOutOfOrderness(Duration.ZERO)
                                        .withTimestampAssigner(new RowtimeField(rowtimeField)))
                        .name("ROWTIME of " + INPUT_STREAM);
        Schema.Builder schema = Schema.newBuilder();
        SCHEMA.columns().forEach(c -> schema.column(c.name(), c.dataType()));
        schema.column(
                        KdaSchema.ROWTIME,
                        DataTypes.TIMESTAMP(RowtimeMode.ROWTIME_PRECISION).notNull())
                .watermark(KdaSchema.ROWTIME, "SOURCE_WATERMARK()");
        // the input's system column, as `run` has it (a file's default: its ROWTIME); read only
        // by an error_stream check, which passes every column on
        schema.columnByExpression(
                ArrivalTimeMode.COLUMN,
                "CAST("
                        + KdaSchema.ROWTIME
                        + " AS TIMESTAMP("
                        + RowtimeMode.ROWTIME_PRECISION
                        + "))");
        Table table = tables.fromDataStream(rows, schema.build());
        tables.createTemporaryView(KdaNames.toFlinkIdentifier(INPUT_STREAM), table);
        return tables;
    }

    /** Record number {@code i} to its row: the schema's columns, then {@code ROWTIME}. */
    static final class ToTickerRow implements MapFunction<Long, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row map(Long boxed) {
            long i = boxed;
            Row row = Row.withPositions(4);
            row.setField(0, KdaTickerGenerator.ticker(i));
            row.setField(1, KdaTickerGenerator.toLocalDateTime(KdaTickerGenerator.eventTime(i)));
            row.setField(2, KdaTickerGenerator.price(i));
            row.setField(3, KdaTickerGenerator.toLocalDateTime(KdaTickerGenerator.rowtime(i)));
            return row;
        }
    }

    /** The row's {@code ROWTIME} as its timestamp (UTC). */
    static final class RowtimeField implements SerializableTimestampAssigner<Row> {
        private static final long serialVersionUID = 1L;
        private final int field;

        RowtimeField(int field) {
            this.field = field;
        }

        @Override
        public long extractTimestamp(Row row, long recordTimestamp) {
            return ((LocalDateTime) row.getField(field)).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }
}
