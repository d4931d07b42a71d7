package dev.flinkkda.windows.stagger;

import java.time.Duration;

/** Validation of a stagger window's size, shared by both assigners. */
final class StaggerWindowSize {

    private StaggerWindowSize() {}

    static long toMillis(Duration size) {
        if (size == null) {
            throw new IllegalArgumentException("stagger window size must not be null");
        }
        if (size.isNegative() || size.isZero()) {
            throw new IllegalArgumentException("stagger window size must be positive, was " + size);
        }
        long millis;
        try {
            millis = size.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "stagger window size is too large for epoch milliseconds: " + size, e);
        }
        if (millis == 0) {
            throw new IllegalArgumentException(
                    "stagger window size must be at least 1 millisecond, was " + size);
        }
        return millis;
    }
}
