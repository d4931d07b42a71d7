package dev.flinkkda.e2e;

import java.util.Objects;

/**
 * One input record of {@link StaggerKinesisJob}: a ticker symbol, the event time the record
 * carries, and its {@code ROWTIME} (the time Kinesis Data Analytics would have ingested it), both
 * in epoch milliseconds, UTC. A Flink POJO.
 */
public class TickerEvent {

    /** The ticker symbol, e.g. {@code AMZN}. */
    public String ticker;

    /** The record's {@code EVENT_TIME}, epoch milliseconds. */
    public long eventTime;

    /** The record's {@code ROWTIME}, epoch milliseconds: the event time the windows run on. */
    public long rowtime;

    /** For Flink's POJO serializer. */
    public TickerEvent() {}

    /** Creates an event. */
    public TickerEvent(String ticker, long eventTime, long rowtime) {
        this.ticker = ticker;
        this.eventTime = eventTime;
        this.rowtime = rowtime;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TickerEvent)) {
            return false;
        }
        TickerEvent that = (TickerEvent) o;
        return eventTime == that.eventTime
                && rowtime == that.rowtime
                && Objects.equals(ticker, that.ticker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ticker, eventTime, rowtime);
    }

    @Override
    public String toString() {
        return "TickerEvent{"
                + ticker
                + ", eventTime="
                + TickerJson.formatTime(eventTime)
                + ", rowtime="
                + TickerJson.formatTime(rowtime)
                + '}';
    }
}
