package dev.flinkkda.benchmarks;

import dev.flinkkda.windows.sliding.EventTimePerEventSlidingWindows;
import dev.flinkkda.windows.sliding.PerEventWindowedStream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The jobs of {@link PerEventSlidingBenchmark}, up to (not including) their sink: per-event sliding
 * windows of 60 s ({@code flink-sliding-window}) against Flink SQL's {@code OVER (… RANGE BETWEEN
 * INTERVAL '60' SECOND PRECEDING AND CURRENT ROW)}, each with a sum and a max.
 *
 * <p>All four read the records, timestamps and watermarks of {@link WindowPipelines} ({@link
 * RecordGenerator}: 1,000 keys round robin, one record per key per second of event time, a
 * watermark every second of event time) from record {@link #FIRST_RECORD} on. Every record emits
 * one result: the aggregate of its key's records in {@code [t - 60 s, t]}, both ends included — 61
 * records once a key has a minute of history (at {@code t - 60 s}, {@code t - 59 s}, …, {@code t}).
 *
 * <ul>
 *   <li>Ours: {@code EventTimePerEventSlidingWindows.of(60 s).incremental(keyed).aggregate(f)} with
 *       {@link SumAggregate} or {@link MaxAggregate}; a result is the aggregate alone ({@code
 *       Long}).
 *   <li>SQL: the same DataStream as a table ({@code fromDataStream}) with the columns {@code key},
 *       {@code value} of {@link IntLongRecord}, and {@code rt TIMESTAMP_LTZ(3)}, the stream
 *       record's timestamp (metadata {@code rowtime}), as rowtime attribute with the DataStream's
 *       own watermarks ({@code SOURCE_WATERMARK()}); the query {@link #overQuery}; the result rows
 *       {@code (key, aggregate)} back as a DataStream ({@code toDataStream}). The planner runs it
 *       with its {@code RowTimeRangeBoundedPrecedingFunction} (state: the rows per timestamp;
 *       aggregates with retraction).
 * </ul>
 */
public final class PerEventPipelines {

    /** How far back each record's window reaches. */
    public static final Duration SIZE = Duration.ofSeconds(60);

    /**
     * The first record: record 0 has event timestamp 0, and Flink SQL's bounded {@code OVER RANGE}
     * ({@code RowTimeRangeBoundedPrecedingFunction}) drops rows whose rowtime is not after the last
     * timestamp it fired, which starts at 0 (epoch), so rows at or before the epoch are dropped as
     * late. The jobs read records 1, 2, …, {@code records}, all after the epoch.
     */
    public static final long FIRST_RECORD = 1;

    /** The name under which the SQL jobs register the records. */
    public static final String TABLE = "records";

    private PerEventPipelines() {}

    /**
     * Records {@link #FIRST_RECORD} to {@code FIRST_RECORD + records - 1}, with the timestamps,
     * watermarks and map of {@link WindowPipelines#source}.
     */
    public static DataStream<IntLongRecord> source(StreamExecutionEnvironment env, long records) {
        WatermarkStrategy<Long> watermarks =
                WatermarkStrategy.<Long>forGenerator(
                                context -> new WindowPipelines.EventTimeIntervalWatermarks())
                        .withTimestampAssigner(new WindowPipelines.GeneratedTimestamp());
        return env.fromSource(
                        new NumberSequenceSource(FIRST_RECORD, FIRST_RECORD + records - 1),
                        watermarks,
                        "records")
                .map(new WindowPipelines.ToRecord())
                .name("to-record");
    }

    /** Ours, with the aggregate still to choose: the records' per-event windows of 60 s. */
    public static PerEventWindowedStream<IntLongRecord, Integer> windows(
            StreamExecutionEnvironment env, long records) {
        return EventTimePerEventSlidingWindows.of(SIZE)
                .incremental(source(env, records).keyBy(new WindowPipelines.RecordKey()));
    }

    /** Ours: {@code EventTimePerEventSlidingWindows.of(60 s).incremental(keyed).aggregate(sum)}. */
    public static DataStream<Long> perEventSum(StreamExecutionEnvironment env, long records) {
        return windows(env, records).aggregate(new SumAggregate()).name("per-event-sum");
    }

    /** Ours: {@code EventTimePerEventSlidingWindows.of(60 s).incremental(keyed).aggregate(max)}. */
    public static DataStream<Long> perEventMax(StreamExecutionEnvironment env, long records) {
        return windows(env, records).aggregate(new MaxAggregate()).name("per-event-max");
    }

    /** Flink SQL: {@link #overQuery overQuery("SUM")}, rows {@code (key, sum)}. */
    public static DataStream<Row> sqlSum(StreamExecutionEnvironment env, long records) {
        return sql(env, records, "SUM");
    }

    /** Flink SQL: {@link #overQuery overQuery("MAX")}, rows {@code (key, max)}. */
    public static DataStream<Row> sqlMax(StreamExecutionEnvironment env, long records) {
        return sql(env, records, "MAX");
    }

    /**
     * {@code SELECT key, aggregate(value) OVER (PARTITION BY key ORDER BY rt RANGE BETWEEN INTERVAL
     * '60' SECOND PRECEDING AND CURRENT ROW) FROM records}.
     */
    public static String overQuery(String aggregate) {
        return "SELECT `key` AS k, "
                + aggregate
                + "(`value`) OVER (PARTITION BY `key` ORDER BY rt"
                + " RANGE BETWEEN INTERVAL '"
                + SIZE.toSeconds()
                + "' SECOND PRECEDING AND CURRENT ROW) AS v FROM "
                + TABLE;
    }

    private static DataStream<Row> sql(
            StreamExecutionEnvironment env, long records, String aggregate) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        Table table =
                tables.fromDataStream(
                        source(env, records),
                        Schema.newBuilder()
                                .columnByMetadata("rt", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                                .watermark("rt", "SOURCE_WATERMARK()")
                                .build());
        tables.createTemporaryView(TABLE, table);
        return tables.toDataStream(tables.sqlQuery(overQuery(aggregate)));
    }
}
