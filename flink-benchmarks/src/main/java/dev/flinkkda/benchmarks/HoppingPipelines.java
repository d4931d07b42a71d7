package dev.flinkkda.benchmarks;

import dev.flinkkda.windows.hopping.EventTimeHoppingWindows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

import java.time.Duration;

/**
 * The hopping-window jobs of {@link HoppingWindowBenchmark}, up to (not including) their sink: the
 * records, source, watermarks and keys of {@link WindowPipelines} ({@link RecordGenerator}: 1,000
 * keys, one record per key per second of event time), windowed, and summed with {@link
 * SumAggregate}. Only the window differs.
 */
public final class HoppingPipelines {

    /** The size of the overlapping windows: 60 s… */
    public static final Duration SIZE = Duration.ofSeconds(60);

    /** …every 0.5 s: each record is in 120 windows, and each key has a window every 0.5 s. */
    public static final Duration HOP = Duration.ofMillis(500);

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
}
