package dev.flinkkda.kda.cli;

import dev.flinkkda.windows.stagger.EventTimeStaggerWindows;
import dev.flinkkda.windows.stagger.StaggerWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * The KDA stagger-window application of {@code examples/stagger/app.sql} as a Flink job:
 *
 * <pre>{@code
 * SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL)
 * FROM "SOURCE_SQL_STREAM_001"
 * WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE)
 * }</pre>
 *
 * ROWTIME is the event-time attribute; each result's ROWTIME is its window's close.
 */
final class StaggerExampleJob {

    private static final long MINUTE_MS = 60_000L;

    private StaggerExampleJob() {}

    /** Runs the job on the given environment and returns its rows ordered by ROWTIME. */
    static List<StaggerCount> run(StreamExecutionEnvironment env, List<TickerTrade> trades)
            throws Exception {
        DataStream<TickerTrade> source =
                env.fromData(trades, TypeInformation.of(TickerTrade.class))
                        .name("SOURCE_SQL_STREAM_001")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TickerTrade>forBoundedOutOfOrderness(
                                                Duration.ofSeconds(1))
                                        .withTimestampAssigner((t, ignored) -> t.rowtime));
        DataStream<StaggerCount> counts =
                StaggerWindows.window(
                                source.keyBy(
                                        t -> Tuple2.of(t.ticker, floorToMinute(t.eventTime)),
                                        Types.TUPLE(Types.STRING, Types.LONG)),
                                EventTimeStaggerWindows.of(Duration.ofMinutes(1)))
                        .aggregate(new Count(), new ToStaggerCount())
                        .name("DESTINATION_SQL_STREAM");
        List<StaggerCount> rows = new ArrayList<>();
        try (CloseableIterator<StaggerCount> it = counts.executeAndCollect("stagger-example")) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(
                Comparator.comparingLong((StaggerCount r) -> r.rowtime)
                        .thenComparing(r -> r.ticker));
        return rows;
    }

    static long floorToMinute(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MS) * MINUTE_MS;
    }

    /** COUNT(*) with one long per window. */
    static final class Count implements AggregateFunction<TickerTrade, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(TickerTrade value, Long accumulator) {
            return accumulator + 1;
        }

        @Override
        public Long getResult(Long accumulator) {
            return accumulator;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Adds the window close (ROWTIME) and the partition key to the count. */
    static final class ToStaggerCount
            extends ProcessWindowFunction<Long, StaggerCount, Tuple2<String, Long>, TimeWindow> {
        @Override
        public void process(
                Tuple2<String, Long> key,
                Context context,
                Iterable<Long> counts,
                Collector<StaggerCount> out) {
            out.collect(
                    new StaggerCount(
                            context.window().getEnd(), key.f1, key.f0, counts.iterator().next()));
        }
    }
}
