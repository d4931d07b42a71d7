package dev.flinkkda.benchmarks;

import dev.flinkkda.windows.stagger.EventTimeStaggerWindows;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.time.Duration;

/**
 * The Flink jobs under measurement, up to (not including) their sink: a bounded source of {@code
 * records} generated records ({@link RecordGenerator}), keyed by the record's key, windowed, and
 * summed with {@link SumAggregate}. Every job shares the same source, watermarks and aggregate;
 * only the window differs.
 */
public final class WindowPipelines {

    /** The window size of every job. */
    public static final Duration WINDOW_SIZE = Duration.ofMinutes(1);

    /** The sums of {@link #WINDOW_SIZE} tumbling windows per key, as a window TVF. */
    public static final String TUMBLE_QUERY =
            "SELECT `key`, window_start, window_end, SUM(`value`) AS s FROM TABLE(TUMBLE(TABLE "
                    + RecordTable.NAME
                    + ", DESCRIPTOR(rt), INTERVAL '"
                    + WINDOW_SIZE.toMinutes()
                    + "' MINUTE)) GROUP BY `key`, window_start, window_end";

    private WindowPipelines() {}

    /**
     * The generated records, with event timestamps, and a watermark {@code t - 1} at the first
     * record {@code t} at least {@link RecordGenerator#WATERMARK_INTERVAL_MS} after the previous
     * one. Watermarks follow event time, not the wall clock, so every run sees the same watermarks
     * whatever its speed. The end of input sends the final watermark, which fires the last windows.
     */
    public static DataStream<IntLongRecord> source(StreamExecutionEnvironment env, long records) {
        WatermarkStrategy<Long> watermarks =
                WatermarkStrategy.<Long>forGenerator(context -> new EventTimeIntervalWatermarks())
                        .withTimestampAssigner(new GeneratedTimestamp());
        return env.fromSource(new NumberSequenceSource(0, records - 1), watermarks, "records")
                .map(new ToRecord())
                .name("to-record");
    }

    /** The source keyed by the record's key. */
    public static KeyedStream<IntLongRecord, Integer> keyed(
            StreamExecutionEnvironment env, long records) {
        return source(env, records).keyBy(new RecordKey());
    }

    /**
     * Stagger windows through {@link EventTimeStaggerWindows#window}: each key's records are put
     * into timestamp order (held until the watermark passes them) and then windowed.
     */
    public static DataStream<Long> stagger(StreamExecutionEnvironment env, long records) {
        return EventTimeStaggerWindows.of(WINDOW_SIZE)
                .window(keyed(env, records))
                .aggregate(new SumAggregate())
                .name("stagger-sum");
    }

    /**
     * Stagger windows through {@link EventTimeStaggerWindows#incremental}: one dedicated operator
     * that orders, windows and aggregates, without Flink's merging-window bookkeeping.
     */
    public static DataStream<Long> staggerIncremental(
            StreamExecutionEnvironment env, long records) {
        return EventTimeStaggerWindows.of(WINDOW_SIZE)
                .incremental(keyed(env, records))
                .aggregate(new SumAggregate())
                .name("stagger-incremental-sum");
    }

    /** Stagger windows as a plain window assigner: exact here since the input is in order. */
    public static DataStream<Long> staggerAssignerOnly(
            StreamExecutionEnvironment env, long records) {
        return keyed(env, records)
                .window(EventTimeStaggerWindows.of(WINDOW_SIZE))
                .aggregate(new SumAggregate())
                .name("stagger-assigner-sum");
    }

    /** Flink's tumbling event-time windows of the same size. */
    public static DataStream<Long> tumbling(StreamExecutionEnvironment env, long records) {
        return keyed(env, records)
                .window(TumblingEventTimeWindows.of(WINDOW_SIZE))
                .aggregate(new SumAggregate())
                .name("tumbling-sum");
    }

    /**
     * Flink SQL's peer of the tumbling windows — and, on this input, of the stagger windows (every
     * key's first record lies in the first second, so both hold the same records): the records as
     * {@link RecordTable}, {@link #TUMBLE_QUERY}; rows {@code (key, window_start, window_end,
     * sum)}.
     */
    public static DataStream<Row> sqlTumble(StreamExecutionEnvironment env, long records) {
        StreamTableEnvironment tables = RecordTable.register(env, source(env, records));
        return tables.toDataStream(tables.sqlQuery(TUMBLE_QUERY));
    }

    /** Record number {@code i} to its event timestamp. */
    static final class GeneratedTimestamp implements SerializableTimestampAssigner<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Long i, long recordTimestamp) {
            return RecordGenerator.timestamp(i);
        }
    }

    /** Record number {@code i} to the record. */
    static final class ToRecord implements MapFunction<Long, IntLongRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntLongRecord map(Long i) {
            return new IntLongRecord(RecordGenerator.key(i), RecordGenerator.value(i));
        }
    }

    /** The record's key. */
    static final class RecordKey implements KeySelector<IntLongRecord, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(IntLongRecord record) {
            return record.key;
        }
    }

    /**
     * Watermarks for strictly increasing timestamps, emitted every {@link
     * RecordGenerator#WATERMARK_INTERVAL_MS} of event time (punctuated, not periodic).
     */
    static final class EventTimeIntervalWatermarks implements WatermarkGenerator<Long> {
        private long nextAt = Long.MIN_VALUE;

        @Override
        public void onEvent(Long i, long timestamp, WatermarkOutput output) {
            if (timestamp >= nextAt) {
                if (nextAt != Long.MIN_VALUE) {
                    output.emitWatermark(new Watermark(timestamp - 1));
                }
                nextAt = timestamp + RecordGenerator.WATERMARK_INTERVAL_MS;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
