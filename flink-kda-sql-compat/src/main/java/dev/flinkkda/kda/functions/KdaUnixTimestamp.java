package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.utils.DateTimeUtils;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * KDA's {@code UNIX_TIMESTAMP(ts)}: milliseconds since the epoch (UTC), as {@code BIGINT}; null if
 * {@code ts} is. Flink's own {@code UNIX_TIMESTAMP(text [, format])} parses a string in the session
 * time zone and counts seconds; a module function of that name hides Flink's whatever the module
 * order, so this one takes Flink's string forms too and computes them as Flink does (the same
 * {@link DateTimeUtils} method, in the session zone the module gives it).
 */
public final class KdaUnixTimestamp extends KdaScalarFunction implements SessionTimeZoneAware {

    private static final long serialVersionUID = 1L;

    private final String sessionZone;

    /** With UTC as the session zone, as the translator's scripts set it. */
    public KdaUnixTimestamp() {
        this(ZoneOffset.UTC);
    }

    private KdaUnixTimestamp(ZoneId sessionZone) {
        this.sessionZone = sessionZone.getId();
    }

    @Override
    public UserDefinedFunction inTimeZone(ZoneId zone) {
        return new KdaUnixTimestamp(zone);
    }

    /** KDA's: epoch milliseconds of a timestamp. */
    public Long eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Flink's {@code UNIX_TIMESTAMP(text)}: seconds, {@code yyyy-MM-dd HH:mm:ss} text. */
    public Long eval(String text) {
        return text == null ? null : DateTimeUtils.unixTimestamp(text, timeZone());
    }

    /** Flink's {@code UNIX_TIMESTAMP(text, format)}: seconds. */
    public Long eval(String text, String format) {
        return text == null || format == null
                ? null
                : DateTimeUtils.unixTimestamp(text, format, timeZone());
    }

    private TimeZone timeZone() {
        return TimeZone.getTimeZone(ZoneId.of(sessionZone));
    }
}
