package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import java.time.Instant;
import java.util.List;

/**
 * The KDA developer guide's stagger concept page: PARTITION BY FLOOR(EVENT_TIME TO MINUTE),
 * TICKER_SYMBOL RANGE INTERVAL '1' MINUTE over four AMZN rows. Elements are (event minute | ticker,
 * ROWTIME, 1); the published result is ROWTIME 11:01:20 (event minute 11:00, count 3) and 11:02:15
 * (event minute 11:01, count 1).
 */
final class KdaConceptPageExample {

    private KdaConceptPageExample() {}

    static long at(String isoUtc) {
        return Instant.parse(isoUtc).toEpochMilli();
    }

    /** The rows in ROWTIME order. */
    static final List<Tuple3<String, Long, Long>> ROWS =
            List.of(
                    Tuple3.of("11:00|AMZN", at("2018-08-01T11:00:20Z"), 1L),
                    Tuple3.of("11:00|AMZN", at("2018-08-01T11:00:30Z"), 1L),
                    Tuple3.of("11:00|AMZN", at("2018-08-01T11:01:05Z"), 1L),
                    Tuple3.of("11:01|AMZN", at("2018-08-01T11:01:15Z"), 1L));

    /** The published result, as (key, window start, window end = ROWTIME, count, sum). */
    static final List<WindowResult> RESULT =
            List.of(
                    new WindowResult(
                            "11:00|AMZN",
                            at("2018-08-01T11:00:20Z"),
                            at("2018-08-01T11:01:20Z"),
                            3,
                            3),
                    new WindowResult(
                            "11:01|AMZN",
                            at("2018-08-01T11:01:15Z"),
                            at("2018-08-01T11:02:15Z"),
                            1,
                            1));
}
