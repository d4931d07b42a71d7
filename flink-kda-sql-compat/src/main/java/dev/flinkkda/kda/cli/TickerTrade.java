package dev.flinkkda.kda.cli;

/** A row of the stagger example's input: ingestion time, event time and ticker symbol. */
public class TickerTrade {
    /** KDA's ROWTIME (ingestion time), epoch milliseconds. */
    public long rowtime;

    /** EVENT_TIME, epoch milliseconds. */
    public long eventTime;

    public String ticker;

    public TickerTrade() {}

    public TickerTrade(long rowtime, long eventTime, String ticker) {
        this.rowtime = rowtime;
        this.eventTime = eventTime;
        this.ticker = ticker;
    }
}
