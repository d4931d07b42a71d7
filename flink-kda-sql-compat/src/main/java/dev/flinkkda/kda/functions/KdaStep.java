package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * KDA's {@code STEP(ts BY INTERVAL …)} as a value: {@code ts} rounded down to a multiple of the
 * interval counted from the epoch, {@code KDA_STEP(ts, intervalMillis)}. Null if {@code ts} is.
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
}
