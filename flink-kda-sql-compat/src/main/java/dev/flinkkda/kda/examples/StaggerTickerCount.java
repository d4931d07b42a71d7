package dev.flinkkda.kda.examples;

import dev.flinkkda.windows.stagger.EventTimeStaggerWindows;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * The KDA stagger-window application of {@code examples/seed-001-stagger/app.sql}, written by hand
 * as a Flink pipeline (the end-to-end tests' job; {@code flink-kda run} translates the SQL itself):
 *
 * <pre>{@code
 * SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL)
 * FROM "SOURCE_SQL_STREAM_001"
 * WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE)
 * }</pre>
 *
 * The input must carry ROWTIME as its event timestamp (with watermarks); each result's ROWTIME is
 * its window's close. Used by the {@code flink-kda example} command and by the end-to-end job on
 * Kinesis.
 */
public final class StaggerTickerCount {

    private StaggerTickerCount() {}

    /** Counts trades per (ticker, event minute) in stagger windows of {@code size}. */
    public static DataStream<StaggerCount> apply(DataStream<TickerTrade> trades, Duration size) {
        return EventTimeStaggerWindows.of(size)
                .window(trades.keyBy(TickerMinute::of))
                .aggregate(new Count(), new ToStaggerCount())
                .name("StaggerTickerCount");
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

    /** Adds the window bounds and the partition key to the count. */
    static final class ToStaggerCount
            extends ProcessWindowFunction<Long, StaggerCount, TickerMinute, TimeWindow> {
        @Override
        public void process(
                TickerMinute key,
                Context context,
                Iterable<Long> counts,
                Collector<StaggerCount> out) {
            TimeWindow window = context.window();
            out.collect(
                    new StaggerCount(
                            window.getEnd(),
                            window.getStart(),
                            key.eventMinute,
                            key.ticker,
                            counts.iterator().next()));
        }
    }
}
