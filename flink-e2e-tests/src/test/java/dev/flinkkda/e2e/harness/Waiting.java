package dev.flinkkda.e2e.harness;

import java.time.Duration;

/** Sleeping in polling loops. */
public final class Waiting {

    private Waiting() {}

    /** Sleeps; an interrupt ends the wait with an exception and keeps the thread interrupted. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
