package dev.flinkkda.benchmarks;

import dev.flinkkda.windows.session.EventTimeCappedSessionWindows;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.time.Duration;

/**
 * The session-window jobs of {@link SessionWindowBenchmark}, up to (not including) their sink: a
 * bounded source of {@code records} records of {@link SessionRecordGenerator}, keyed by the
 * record's key, windowed into sessions, and summed with {@link SumAggregate}. The source, its
 * watermarks (as {@link WindowPipelines#source}: {@code t - 1} every 1,000 ms of event time) and
 * the aggregate are the same for every job; only the window differs.
 */
public final class SessionPipelines {

    /** The session gap of every job. */
    public static final Duration GAP = Duration.ofSeconds(10);

    /** The maximum duration of the capped sessions (strict cut at {@code start + 60 s}). */
    public static final Duration MAX_DURATION = Duration.ofSeconds(60);

    /** The sums of sessions of {@link #GAP} per key, as a window TVF. */
    public static final String SESSION_QUERY =
            "SELECT `key`, window_start, window_end, SUM(`value`) AS s FROM TABLE(SESSION(TABLE "
                    + RecordTable.NAME
                    + " PARTITION BY `key`, DESCRIPTOR(rt), INTERVAL '"
                    + GAP.toSeconds()
                    + "' SECOND)) GROUP BY `key`, window_start, window_end";

    private SessionPipelines() {}

    /** Sessions of {@link #GAP} cut at {@link #MAX_DURATION}. */
    public static EventTimeCappedSessionWindows<Object> cappedSessions() {
        return EventTimeCappedSessionWindows.withGap(GAP).withMaxDuration(MAX_DURATION);
    }

    /** The generated records with event timestamps and event-time-driven watermarks. */
    public static DataStream<IntLongRecord> source(StreamExecutionEnvironment env, long records) {
        WatermarkStrategy<Long> watermarks =
                WatermarkStrategy.<Long>forGenerator(
                                context -> new WindowPipelines.EventTimeIntervalWatermarks())
                        .withTimestampAssigner(new GeneratedTimestamp());
        return env.fromSource(new NumberSequenceSource(0, records - 1), watermarks, "records")
                .map(new ToRecord())
                .name("to-record");
    }

    /** The source keyed by the record's key. */
    public static KeyedStream<IntLongRecord, Integer> keyed(
            StreamExecutionEnvironment env, long records) {
        return source(env, records).keyBy(new WindowPipelines.RecordKey());
    }

    /** Flink's {@code EventTimeSessionWindows.withGap(GAP)}, no maximum duration: the reference. */
    public static DataStream<Long> flinkSessions(StreamExecutionEnvironment env, long records) {
        return keyed(env, records)
                .window(EventTimeSessionWindows.withGap(GAP))
                .aggregate(new SumAggregate())
                .name("session-sum");
    }

    /**
     * The capped sessions as a plain window assigner, {@code keyed.window(cappedSessions())}: exact
     * here since every key's input is in timestamp order.
     */
    public static DataStream<Long> cappedAssignerOnly(
            StreamExecutionEnvironment env, long records) {
        return keyed(env, records)
                .window(cappedSessions())
                .aggregate(new SumAggregate())
                .name("capped-session-assigner-sum");
    }

    /**
     * The capped sessions through {@link EventTimeCappedSessionWindows#window}: the ordering step
     * ({@code SessionTimestampOrder}) chained in front of Flink's window operator.
     */
    public static DataStream<Long> cappedWindow(StreamExecutionEnvironment env, long records) {
        return cappedSessions()
                .window(keyed(env, records))
                .aggregate(new SumAggregate())
                .name("capped-session-sum");
    }

    /**
     * The capped sessions through {@link EventTimeCappedSessionWindows#incremental}: one dedicated
     * operator that orders, sessionises and aggregates, without Flink's merging-window bookkeeping.
     */
    public static DataStream<Long> cappedIncremental(StreamExecutionEnvironment env, long records) {
        return cappedSessions()
                .incremental(keyed(env, records))
                .aggregate(new SumAggregate())
                .name("capped-session-incremental-sum");
    }

    /**
     * Flink SQL's peer: the records as {@link RecordTable}, {@link #SESSION_QUERY} — Flink 1.20's
     * {@code SESSION} window TVF with {@code PARTITION BY key} and the gap {@link #GAP}, uncapped
     * (SQL has no maximum duration), so it gives Flink's sessions of {@link #flinkSessions}; rows
     * {@code (key, window_start, window_end, sum)}.
     */
    public static DataStream<Row> sqlSessions(StreamExecutionEnvironment env, long records) {
        StreamTableEnvironment tables = RecordTable.register(env, source(env, records));
        return tables.toDataStream(tables.sqlQuery(SESSION_QUERY));
    }

    /** Record number {@code i} to its event timestamp. */
    static final class GeneratedTimestamp implements SerializableTimestampAssigner<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(Long i, long recordTimestamp) {
            return SessionRecordGenerator.timestamp(i);
        }
    }

    /** Record number {@code i} to the record. */
    static final class ToRecord implements MapFunction<Long, IntLongRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntLongRecord map(Long i) {
            return new IntLongRecord(
                    SessionRecordGenerator.key(i), SessionRecordGenerator.value(i));
        }
    }
}
