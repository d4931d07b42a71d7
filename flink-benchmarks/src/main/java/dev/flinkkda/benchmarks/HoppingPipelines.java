package dev.flinkkda.benchmarks;

import dev.flinkkda.windows.hopping.EventTimeHoppingWindows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The hopping-window jobs of {@link HoppingWindowBenchmark}, up to (not including) their sink: the
 * records, source, watermarks and keys of {@link WindowPipelines} ({@link RecordGenerator}: 1,000
 * keys, one record per key per second of event time), windowed, and summed with {@link
 * SumAggregate}. Only the window differs.
 *
 * <p>Flink SQL's {@code HOP} reads the same DataStream as a table ({@code fromDataStream}) with the
 * columns {@code key}, {@code value} of {@link IntLongRecord} and {@code rt TIMESTAMP_LTZ(3)}, the
 * stream record's timestamp (metadata {@code rowtime}), as rowtime attribute with the DataStream's
 * own watermarks ({@code SOURCE_WATERMARK()}), as {@link PerEventPipelines} does for {@code OVER};
 * its result rows {@code (key, window_start, window_end, sum)} come back as a DataStream ({@code
 * toDataStream}).
 */
public final class HoppingPipelines {

    /** The size of the overlapping windows: 60 s… */
    public static final Duration SIZE = Duration.ofSeconds(60);

    /** …every 0.5 s: each record is in 120 windows, and each key has a window every 0.5 s. */
    public static final Duration HOP = Duration.ofMillis(500);

    /** The name under which the SQL job registers the records. */
    public static final String TABLE = "records";

    /**
     * Flink SQL's hopping window table-valued function with the same size and hop, summed per key
     * and window.
     */
    public static final String HOP_QUERY =
            "SELECT `key`, window_start, window_end, SUM(`value`) AS total FROM TABLE(HOP(TABLE "
                    + TABLE
                    + ", DESCRIPTOR(rt), INTERVAL '0.5' SECOND, INTERVAL '60' SECOND))"
                    + " GROUP BY `key`, window_start, window_end";

    private HoppingPipelines() {}

    /** Flink's {@code SlidingEventTimeWindows.of(60 s, 0.5 s)}: the reference. */
    public static DataStream<Long> flinkSliding(StreamExecutionEnvironment env, long records) {
        return WindowPipelines.keyed(env, records)
                .window(SlidingEventTimeWindows.of(SIZE, HOP))
                .aggregate(new SumAggregate())
                .name("sliding-sum");
    }

    /**
     * {@code EventTimeHoppingWindows.of(60 s, 0.5 s).incremental(keyed)}: the same windows,
     * aggregated once per record into panes of 0.5 s and combined when a window fires.
     */
    public static DataStream<Long> hoppingIncremental(
            StreamExecutionEnvironment env, long records) {
        return EventTimeHoppingWindows.of(SIZE, HOP)
                .incremental(WindowPipelines.keyed(env, records))
                .aggregate(new SumAggregate())
                .name("hopping-incremental-sum");
    }

    /**
     * The fast path with hop = size = 1 min: the same windows as {@link WindowPipelines#tumbling},
     * one slice per window.
     */
    public static DataStream<Long> hoppingIncrementalTumbling(
            StreamExecutionEnvironment env, long records) {
        return EventTimeHoppingWindows.of(WindowPipelines.WINDOW_SIZE, WindowPipelines.WINDOW_SIZE)
                .incremental(WindowPipelines.keyed(env, records))
                .aggregate(new SumAggregate())
                .name("hopping-incremental-tumbling-sum");
    }

    /**
     * Flink SQL: {@link #HOP_QUERY} over the records, rows {@code (key, window_start, window_end,
     * sum)}; the planner slices the windows into panes of the hop too ({@code
     * SlicingWindowOperator}).
     */
    public static DataStream<Row> sqlHop(StreamExecutionEnvironment env, long records) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        tables.createTemporaryView(
                TABLE,
                tables.fromDataStream(
                        WindowPipelines.source(env, records),
                        Schema.newBuilder()
                                .columnByMetadata("rt", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                                .watermark("rt", "SOURCE_WATERMARK()")
                                .build()));
        return tables.toDataStream(tables.sqlQuery(HOP_QUERY));
    }
}
