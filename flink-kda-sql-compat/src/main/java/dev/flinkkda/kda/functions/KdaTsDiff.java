package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * KDA's {@code TSDIFF(ts1, ts2)}: {@code ts1 - ts2} in milliseconds, as {@code BIGINT}; null if
 * either is. Flink's {@code TIMESTAMPDIFF} counts whole seconds at best.
 */
public final class KdaTsDiff extends KdaScalarFunction {

    private static final long serialVersionUID = 1L;

    public Long eval(
            @DataTypeHint("TIMESTAMP(3)") LocalDateTime first,
            @DataTypeHint("TIMESTAMP(3)") LocalDateTime second) {
        if (first == null || second == null) {
            return null;
        }
        return first.toInstant(ZoneOffset.UTC).toEpochMilli()
                - second.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
