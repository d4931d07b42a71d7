package dev.flinkkda.kda.examples;

import java.util.Objects;

/**
 * A row of the KDA stagger example's output ({@code DESTINATION_SQL_STREAM}): the window's close
 * (KDA's {@code ROWTIME}) and start, {@code FLOOR(EVENT_TIME TO MINUTE)}, {@code TICKER_SYMBOL} and
 * the count; times in epoch milliseconds, UTC. A Flink POJO.
 */
public class StaggerCount {
    /** The window close, KDA's ROWTIME of the result row. */
    public long rowtime;

    /** The window start: the ROWTIME of the row that opened it. */
    public long windowStart;

    /** FLOOR(EVENT_TIME TO MINUTE). */
    public long eventMinute;

    public String ticker;
    public long count;

    /** For Flink's POJO serializer. */
    public StaggerCount() {}

    public StaggerCount(
            long rowtime, long windowStart, long eventMinute, String ticker, long count) {
        this.rowtime = rowtime;
        this.windowStart = windowStart;
        this.eventMinute = eventMinute;
        this.ticker = ticker;
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StaggerCount)) {
            return false;
        }
        StaggerCount that = (StaggerCount) o;
        return rowtime == that.rowtime
                && windowStart == that.windowStart
                && eventMinute == that.eventMinute
                && count == that.count
                && Objects.equals(ticker, that.ticker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rowtime, windowStart, eventMinute, ticker, count);
    }

    @Override
    public String toString() {
        return "StaggerCount{rowtime="
                + rowtime
                + ", windowStart="
                + windowStart
                + ", eventMinute="
                + eventMinute
                + ", ticker="
                + ticker
                + ", count="
                + count
                + "}";
    }
}
