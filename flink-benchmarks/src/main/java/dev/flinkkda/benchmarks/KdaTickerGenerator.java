package dev.flinkkda.benchmarks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one definition of the KDA benchmarks' input: ticker trades of seed 001's shape, {@code
 * (TICKER_SYMBOL, EVENT_TIME, PRICE, ROWTIME)}, shared by the Flink jobs, the plain-Java
 * expectation and (in Python) {@code tools/kda_e2e_throughput.py}.
 *
 * <p>Record {@code i} (counting from 0):
 *
 * <ul>
 *   <li>{@code TICKER_SYMBOL} = the name of ticker {@code i % 1000}: {@code "T"} and three letters
 *       ({@code TAAA}, {@code TAAB}, …), four characters as {@code VARCHAR(4)};
 *   <li>{@code ROWTIME} = 2018-08-01 11:00:00 UTC + {@code i} ms: strictly increasing, so each
 *       ticker sees one record per second of {@code ROWTIME}, 60 per one-minute window;
 *   <li>{@code EVENT_TIME} = {@code ROWTIME} − {@code (7 * (i / 1000)) % 45} seconds: the lag (0 to
 *       44 s) changes with every round of the 1,000 tickers, so the event time of a ticker's
 *       records goes back now and then; a {@code ROWTIME} minute holds records of two {@code
 *       EVENT_TIME} minutes (seed 001's "partial results"), and an {@code EVENT_TIME} minute's
 *       records span up to 104 s of {@code ROWTIME} (two stagger windows at times);
 *   <li>{@code PRICE} = {@code 100 + (i % 997) / 8.0} (not used by the queries).
 * </ul>
 */
public final class KdaTickerGenerator {

    /** Number of distinct tickers. */
    public static final int NUM_TICKERS = 1_000;

    /** {@code ROWTIME} of record 0: 2018-08-01 11:00:00 UTC, in epoch milliseconds. */
    public static final long BASE_MS =
            LocalDateTime.of(2018, 8, 1, 11, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private static final String[] TICKERS = new String[NUM_TICKERS];

    static {
        for (int k = 0; k < NUM_TICKERS; k++) {
            TICKERS[k] =
                    "T"
                            + (char) ('A' + k / 676)
                            + (char) ('A' + k / 26 % 26)
                            + (char) ('A' + k % 26);
        }
    }

    private KdaTickerGenerator() {}

    public static String ticker(long i) {
        return TICKERS[(int) (i % NUM_TICKERS)];
    }

    /** {@code ROWTIME} of record {@code i}, epoch milliseconds. */
    public static long rowtime(long i) {
        return BASE_MS + i;
    }

    /** {@code EVENT_TIME} of record {@code i}, epoch milliseconds. */
    public static long eventTime(long i) {
        return rowtime(i) - 1_000L * ((7 * (i / NUM_TICKERS)) % 45);
    }

    public static double price(long i) {
        return 100 + (i % 997) / 8.0;
    }

    /** Epoch milliseconds as the UTC {@link LocalDateTime} of a {@code TIMESTAMP(3)} column. */
    public static LocalDateTime toLocalDateTime(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
