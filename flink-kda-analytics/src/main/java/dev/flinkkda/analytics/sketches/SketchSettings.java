package dev.flinkkda.analytics.sketches;

import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;

/**
 * KDA's limits for {@code TOP_K_ITEMS_TUMBLING} and {@code COUNT_DISTINCT_ITEMS_TUMBLING}: {@code 1
 * <= K <= 100000} and a window of {@code 1 <= windowSize <= 3600} whole seconds.
 *
 * <pre>{@code
 * SketchSettings.tumblingWindows(60)   // TumblingEventTimeWindows.of(Duration.ofSeconds(60))
 * SketchSettings.tumblingWindows(0)    // IllegalArgumentException: windowSize must be ...
 * }</pre>
 */
public final class SketchSettings {

    /** Smallest K of {@code TOP_K_ITEMS_TUMBLING}. */
    public static final int MIN_K = 1;

    /** Largest K of {@code TOP_K_ITEMS_TUMBLING}. */
    public static final int MAX_K = 100_000;

    /** Shortest window, in seconds. */
    public static final long MIN_WINDOW_SECONDS = 1;

    /** Longest window, in seconds (one hour). */
    public static final long MAX_WINDOW_SECONDS = 3600;

    private SketchSettings() {}

    /**
     * Checks K.
     *
     * @return {@code k}
     * @throws IllegalArgumentException unless {@code 1 <= k <= 100000}
     */
    public static int checkK(int k) {
        if (k < MIN_K || k > MAX_K) {
            throw new IllegalArgumentException(
                    "K must be between " + MIN_K + " and " + MAX_K + ", was " + k);
        }
        return k;
    }

    /**
     * Checks a window size given in seconds, as KDA's {@code windowSize} argument.
     *
     * @return the size as a duration
     * @throws IllegalArgumentException unless {@code 1 <= seconds <= 3600}
     */
    public static Duration windowSize(long seconds) {
        if (seconds < MIN_WINDOW_SECONDS || seconds > MAX_WINDOW_SECONDS) {
            throw new IllegalArgumentException(
                    "windowSize must be between "
                            + MIN_WINDOW_SECONDS
                            + " and "
                            + MAX_WINDOW_SECONDS
                            + " seconds, was "
                            + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * Flink's event-time tumbling windows of a checked size; they are aligned to the epoch ({@code
     * [n * size, (n + 1) * size)}), like KDA's {@code STEP(ROWTIME BY INTERVAL …)} groups.
     */
    public static TumblingEventTimeWindows tumblingWindows(long seconds) {
        return TumblingEventTimeWindows.of(windowSize(seconds));
    }
}
