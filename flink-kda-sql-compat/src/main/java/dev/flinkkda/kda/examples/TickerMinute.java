package dev.flinkkda.kda.examples;

import java.util.Objects;

/**
 * The stagger job's key, KDA's {@code PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER}: a ticker
 * symbol and its event time floored to the minute (epoch milliseconds). A Flink POJO with a
 * deterministic {@link #hashCode()}.
 */
public class TickerMinute {

    private static final long MINUTE_MILLIS = 60_000L;

    /** The ticker symbol. */
    public String ticker;

    /** The event time floored to the minute, epoch milliseconds. */
    public long eventMinute;

    /** For Flink's POJO serializer. */
    public TickerMinute() {}

    /** Creates a key. */
    public TickerMinute(String ticker, long eventMinute) {
        this.ticker = ticker;
        this.eventMinute = eventMinute;
    }

    /** The key of an event: its ticker and its event time floored to the minute. */
    public static TickerMinute of(TickerTrade trade) {
        return new TickerMinute(
                trade.ticker, Math.floorDiv(trade.eventTime, MINUTE_MILLIS) * MINUTE_MILLIS);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TickerMinute)) {
            return false;
        }
        TickerMinute that = (TickerMinute) o;
        return eventMinute == that.eventMinute && Objects.equals(ticker, that.ticker);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(ticker) + Long.hashCode(eventMinute);
    }

    @Override
    public String toString() {
        return ticker + '@' + TickerTradeJson.formatTime(eventMinute);
    }
}
