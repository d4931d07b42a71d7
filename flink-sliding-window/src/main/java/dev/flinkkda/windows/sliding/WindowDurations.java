package dev.flinkkda.windows.sliding;

import java.time.Duration;

/** Checks the {@link Duration}s that define this module's windows: whole epoch milliseconds. */
final class WindowDurations {

    private WindowDurations() {}

    /**
     * {@code duration} in milliseconds.
     *
     * @param what the window kind and argument, for the error, e.g. "hopping window size"
     * @param zeroAllowed whether zero is valid (a delay); otherwise the duration must be positive
     * @throws IllegalArgumentException naming {@code what} if it is null, negative (or zero when
     *     not allowed), not a whole number of milliseconds, or too large
     */
    static long toMillis(Duration duration, String what, boolean zeroAllowed) {
        if (duration == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
            throw new IllegalArgumentException(
                    what
                            + (zeroAllowed ? " must be zero or positive" : " must be positive")
                            + ", was "
                            + duration);
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    what
                            + " must be a whole number of milliseconds (Flink's time unit), was "
                            + duration);
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    what + " is too large for epoch milliseconds: " + duration, e);
        }
    }
}
