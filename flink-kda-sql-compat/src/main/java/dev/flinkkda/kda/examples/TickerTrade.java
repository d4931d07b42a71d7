package dev.flinkkda.kda.examples;

import java.util.Objects;

/**
 * A row of the KDA stagger example's input stream ({@code SOURCE_SQL_STREAM_001}): its {@code
 * ROWTIME} (the time KDA ingested it), its {@code EVENT_TIME} and its {@code TICKER}; times in
 * epoch milliseconds, UTC. A Flink POJO.
 */
public class TickerTrade {
    /** KDA's ROWTIME (ingestion time), epoch milliseconds: the time the windows run on. */
    public long rowtime;

    /** EVENT_TIME, epoch milliseconds. */
    public long eventTime;

    /** The ticker symbol, e.g. {@code AMZN}. */
    public String ticker;

    /** For Flink's POJO serializer. */
    public TickerTrade() {}

    public TickerTrade(long rowtime, long eventTime, String ticker) {
        this.rowtime = rowtime;
        this.eventTime = eventTime;
        this.ticker = ticker;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TickerTrade)) {
            return false;
        }
        TickerTrade that = (TickerTrade) o;
        return rowtime == that.rowtime
                && eventTime == that.eventTime
                && Objects.equals(ticker, that.ticker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rowtime, eventTime, ticker);
    }

    @Override
    public String toString() {
        return "TickerTrade{rowtime="
                + rowtime
                + ", eventTime="
                + eventTime
                + ", ticker="
                + ticker
                + "}";
    }
}
