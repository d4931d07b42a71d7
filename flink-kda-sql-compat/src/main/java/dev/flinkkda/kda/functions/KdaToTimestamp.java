package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.utils.DateTimeUtils;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * KDA's {@code TO_TIMESTAMP(millis)}, for the SQL client's {@code kda} module: the UTC timestamp of
 * epoch milliseconds, as the translator's {@code CAST(TO_TIMESTAMP_LTZ(millis, 3) AS TIMESTAMP(3))}
 * in the UTC session its scripts set. Flink's own {@code TO_TIMESTAMP(text [, format])} parses a
 * string; a module function of that name hides Flink's whatever the module order, so this one takes
 * Flink's forms too, through the {@link DateTimeUtils} methods Flink's is generated to call.
 */
public final class KdaToTimestamp extends KdaScalarFunction {

    private static final long serialVersionUID = 1L;

    /** KDA's: epoch milliseconds. */
    public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(Long millis) {
        return millis == null
                ? null
                : LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** Flink's {@code TO_TIMESTAMP(text)}. */
    public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(String text) {
        return text == null ? null : local(DateTimeUtils.parseTimestampData(text));
    }

    /** Flink's {@code TO_TIMESTAMP(text, format)}. */
    public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(String text, String format) {
        return text == null || format == null
                ? null
                : local(DateTimeUtils.parseTimestampData(text, format));
    }

    private static LocalDateTime local(TimestampData timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
