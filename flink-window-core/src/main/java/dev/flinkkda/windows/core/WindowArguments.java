package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;

import java.time.Duration;

/**
 * The argument checks of every window factory and entry point, so that all window kinds reject the
 * same mistakes with the same words: a null argument is named; a duration must be whole epoch
 * milliseconds (Flink's time unit), never silently truncated.
 *
 * <pre>
 *   PT0.0015S  → "… must be a whole number of milliseconds (Flink's time unit), was PT0.0015S"
 *   PT0.0005S  → "… must be at least 1 millisecond, was PT0.0005S"
 *   PT0S, -1 s → "… must be positive, was PT0S"      (a delay: zero is allowed)
 * </pre>
 */
@Internal
public final class WindowArguments {

    private WindowArguments() {}

    /**
     * {@code value}, if not null.
     *
     * @param what the argument, for the error, e.g. "the keyed stream"
     * @throws IllegalArgumentException "{@code what} must not be null"
     */
    public static <V> V notNull(V value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /**
     * A positive {@code duration} in milliseconds (a window size, gap or hop).
     *
     * @param what the window kind and argument, for the error, e.g. "session gap"
     * @throws IllegalArgumentException naming {@code what} if it is null, not positive, shorter
     *     than a millisecond, not a whole number of milliseconds, or too large
     */
    public static long positiveMillis(Duration duration, String what) {
        notNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        return wholeMillis(duration, what);
    }

    /**
     * A zero or positive {@code duration} in milliseconds (a delay).
     *
     * @param what the window kind and argument, for the error, e.g. "per-event sliding window
     *     delay"
     * @throws IllegalArgumentException naming {@code what} if it is null, negative, positive but
     *     shorter than a millisecond, not a whole number of milliseconds, or too large
     */
    public static long nonNegativeMillis(Duration duration, String what) {
        notNull(duration, what);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive, was " + duration);
        }
        return duration.isZero() ? 0 : wholeMillis(duration, what);
    }

    private static long wholeMillis(Duration duration, String what) {
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    what + " is too large for epoch milliseconds: " + duration, e);
        }
        if (millis == 0) {
            throw new IllegalArgumentException(
                    what + " must be at least 1 millisecond, was " + duration);
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    what
                            + " must be a whole number of milliseconds (Flink's time unit), was "
                            + duration);
        }
        return millis;
    }
}
