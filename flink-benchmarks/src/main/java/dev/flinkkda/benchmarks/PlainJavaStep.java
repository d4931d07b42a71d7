package dev.flinkkda.benchmarks;

import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's STEP query computed directly on the generated records ({@link KdaTickerGenerator}),
 * without Flink: {@code COUNT(*)} per ticker, {@code FLOOR(EVENT_TIME TO MINUTE)} and one-minute
 * {@code ROWTIME} window, with {@code ROWTIME} = the window end. The expectation the KDA benchmark
 * jobs are checked against.
 */
public final class PlainJavaStep {

    private static final long MINUTE_MS = 60_000;

    private PlainJavaStep() {}

    private record Group(String ticker, long eventMinute, long windowEnd) {}

    /** The result rows {@code (TICKER_SYMBOL, EVENT_TIME, TICKER_COUNT, ROWTIME)}. */
    public static List<Row> rows(long records) {
        Map<Group, long[]> counts = counts(records);
        List<Row> rows = new ArrayList<>(counts.size());
        counts.forEach(
                (group, count) ->
                        rows.add(
                                Row.of(
                                        group.ticker(),
                                        KdaTickerGenerator.toLocalDateTime(group.eventMinute()),
                                        (double) count[0],
                                        KdaTickerGenerator.toLocalDateTime(group.windowEnd()))));
        return rows;
    }

    /** The number of result rows. */
    public static long rowCount(long records) {
        return counts(records).size();
    }

    private static Map<Group, long[]> counts(long records) {
        Map<Group, long[]> counts = new HashMap<>();
        for (long i = 0; i < records; i++) {
            long rowtime = KdaTickerGenerator.rowtime(i);
            Group group =
                    new Group(
                            KdaTickerGenerator.ticker(i),
                            Math.floorDiv(KdaTickerGenerator.eventTime(i), MINUTE_MS) * MINUTE_MS,
                            (Math.floorDiv(rowtime, MINUTE_MS) + 1) * MINUTE_MS);
            counts.computeIfAbsent(group, g -> new long[1])[0]++;
        }
        return counts;
    }
}
