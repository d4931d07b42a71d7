package dev.flinkkda.windows.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one set of argument checks: each rule with the duration it rejects or the milliseconds it
 * gives, by {@link Duration}'s own arithmetic (1.5 ms is 1,500,000 ns, not 1 ms).
 */
class WindowArgumentsTest {

    @Test
    void positiveMillisAcceptsWholeMillisecondsOnly() {
        assertThat(WindowArguments.positiveMillis(Duration.ofMillis(1), "gap")).isEqualTo(1);
        assertThat(WindowArguments.positiveMillis(Duration.ofSeconds(90), "gap")).isEqualTo(90_000);
        assertThatThrownBy(() -> WindowArguments.positiveMillis(null, "session gap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session gap must not be null");
        assertThatThrownBy(() -> WindowArguments.positiveMillis(Duration.ZERO, "session gap"))
                .hasMessage("session gap must be positive, was PT0S");
        assertThatThrownBy(() -> WindowArguments.positiveMillis(Duration.ofMillis(-5), "size"))
                .hasMessage("size must be positive, was PT-0.005S");
        assertThatThrownBy(() -> WindowArguments.positiveMillis(Duration.ofNanos(500_000), "hop"))
                .hasMessage("hop must be at least 1 millisecond, was PT0.0005S");
        assertThatThrownBy(() -> WindowArguments.positiveMillis(Duration.ofNanos(1_500_000), "hop"))
                .hasMessage(
                        "hop must be a whole number of milliseconds (Flink's time unit), was"
                                + " PT0.0015S");
        assertThatThrownBy(
                        () ->
                                WindowArguments.positiveMillis(
                                        Duration.ofSeconds(Long.MAX_VALUE), "size"))
                .hasMessageStartingWith("size is too large for epoch milliseconds");
    }

    @Test
    void nonNegativeMillisAllowsZero() {
        assertThat(WindowArguments.nonNegativeMillis(Duration.ZERO, "delay")).isZero();
        assertThat(WindowArguments.nonNegativeMillis(Duration.ofMillis(4), "delay")).isEqualTo(4);
        assertThatThrownBy(() -> WindowArguments.nonNegativeMillis(Duration.ofMillis(-1), "delay"))
                .hasMessage("delay must be zero or positive, was PT-0.001S");
        assertThatThrownBy(() -> WindowArguments.nonNegativeMillis(Duration.ofNanos(1), "delay"))
                .hasMessage("delay must be at least 1 millisecond, was PT0.000000001S");
        assertThatThrownBy(() -> WindowArguments.nonNegativeMillis(null, "delay"))
                .hasMessage("delay must not be null");
    }

    @Test
    void notNullNamesTheArgument() {
        assertThat(WindowArguments.notNull("x", "the keyed stream")).isEqualTo("x");
        assertThatThrownBy(() -> WindowArguments.notNull(null, "the keyed stream"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the keyed stream must not be null");
    }
}
