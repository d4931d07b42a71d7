package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * KDA's {@code UNIX_TIMESTAMP(ts)}: milliseconds since the epoch (UTC), as {@code BIGINT}. Flink's
 * own {@code UNIX_TIMESTAMP} parses a string and counts seconds. Null if {@code ts} is.
 */
public final class KdaUnixTimestamp extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    public Long eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
