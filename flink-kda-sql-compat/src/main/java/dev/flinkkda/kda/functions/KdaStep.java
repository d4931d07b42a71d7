package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * KDA's {@code STEP(x BY step)} as a value: {@code x} rounded down to a multiple of the step, a
 * timestamp counted from the epoch. The translator calls {@code KDA_STEP(ts, intervalMillis)}; the
 * SQL client's module offers {@code STEP(ts, INTERVAL '10' SECOND)} (Flink's parser has no {@code
 * BY} form) and {@code STEP(number, number)}. Null if {@code x} is.
 */
public final class KdaStep extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(
            @DataTypeHint("TIMESTAMP(3)") LocalDateTime timestamp, long intervalMillis) {
        if (timestamp == null) {
            return null;
        }
        long millis = timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
        long stepped = Math.floorDiv(millis, intervalMillis) * intervalMillis;
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(stepped), ZoneOffset.UTC);
    }

    /** {@code STEP(ts BY INTERVAL …)} of a day-time interval. */
    public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(
            @DataTypeHint("TIMESTAMP(3)") LocalDateTime timestamp,
            @DataTypeHint("INTERVAL SECOND(3)") Duration interval) {
        return interval == null ? null : eval(timestamp, interval.toMillis());
    }

    /** {@code STEP(n BY step)}: rounded down, also below zero ({@code STEP(-7 BY 5)} is -10). */
    public Integer eval(Integer value, Integer step) {
        return value == null || step == null ? null : value - Math.floorMod(value, step);
    }

    /** {@code STEP(n BY step)} of {@code BIGINT}s. */
    public Long eval(Long value, Long step) {
        return value == null || step == null ? null : value - Math.floorMod(value, step);
    }
}
