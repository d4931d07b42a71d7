package dev.flinkkda.kda.cli;

import java.util.Objects;

/**
 * A row of the stagger example's output, as KDA's DESTINATION_SQL_STREAM has it: ROWTIME (the
 * window close), FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL and the count.
 */
public class StaggerCount {
    public long rowtime;
    public long eventMinute;
    public String ticker;
    public long count;

    public StaggerCount() {}

    public StaggerCount(long rowtime, long eventMinute, String ticker, long count) {
        this.rowtime = rowtime;
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
                && eventMinute == that.eventMinute
                && count == that.count
                && ticker.equals(that.ticker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rowtime, eventMinute, ticker, count);
    }

    @Override
    public String toString() {
        return "StaggerCount{rowtime="
                + rowtime
                + ", eventMinute="
                + eventMinute
                + ", ticker="
                + ticker
                + ", count="
                + count
                + "}";
    }
}
