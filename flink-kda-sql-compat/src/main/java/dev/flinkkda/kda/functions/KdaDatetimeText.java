package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;

import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;

/**
 * KDA's format-first conversions between datetimes and strings: {@code TIMESTAMP_TO_CHAR(format,
 * ts)}, {@code TIME_TO_CHAR}, {@code DATE_TO_CHAR}, {@code CHAR_TO_TIMESTAMP(format, s)}, {@code
 * CHAR_TO_DATE} and {@code CHAR_TO_TIME}, with {@link SimpleDateFormat} patterns in UTC (SR
 * CHAR_TO_TIMESTAMP: "For the full range of valid specifiers, see Class SimpleDateFormat"). Flink's
 * TO_TIMESTAMP and DATE_FORMAT read patterns as {@code DateTimeFormatter} does, where {@code hh}
 * without {@code a} is no hour: the SR's own {@code CHAR_TO_TIMESTAMP('yyyy-MM-dd hh:mm:ss',
 * '2009-09-16 03:15:24')} gave 00:15:24 there.
 */
public final class KdaDatetimeText {

    private KdaDatetimeText() {}

    private static final ThreadLocal<Map<String, SimpleDateFormat>> FORMATS =
            ThreadLocal.withInitial(HashMap::new);

    static SimpleDateFormat format(String pattern) {
        return FORMATS.get()
                .computeIfAbsent(
                        pattern,
                        p -> {
                            SimpleDateFormat f = new SimpleDateFormat(p);
                            f.setTimeZone(TimeZone.getTimeZone("UTC"));
                            f.setLenient(false);
                            return f;
                        });
    }

    /**
     * {@code TIMESTAMP_TO_CHAR(format, ts)}: "If the input is null, the output will be the string
     * "null"" (SR).
     */
    public static final class TimestampToChar extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(String pattern, @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts) {
            if (ts == null) {
                return "null";
            }
            if (pattern == null) {
                return null;
            }
            return format(pattern).format(new Date(ts.toInstant(ZoneOffset.UTC).toEpochMilli()));
        }
    }

    /** {@code DATE_TO_CHAR(format, d)}. */
    public static final class DateToChar extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(String pattern, LocalDate date) {
            if (pattern == null || date == null) {
                return null;
            }
            return format(pattern).format(new Date(date.toEpochDay() * 86_400_000L));
        }
    }

    /**
     * {@code CHAR_TO_TIMESTAMP(format, s)}: the fields the format names, read from the start of
     * {@code s}; those it leaves out are the epoch's (SR: "Fields not specified in your template
     * will use default values", hours to seconds zero, month and day 01). Null where {@code s} does
     * not start with the format's fields, as Flink's TO_TIMESTAMP.
     */
    public static final class CharToTimestamp extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(String pattern, String s) {
            if (pattern == null || s == null) {
                return null;
            }
            Date parsed = format(pattern).parse(s, new ParsePosition(0));
            return parsed == null
                    ? null
                    : LocalDateTime.ofInstant(parsed.toInstant(), ZoneOffset.UTC);
        }
    }

    /** {@code CHAR_TO_DATE(format, s)}: the date of {@code CHAR_TO_TIMESTAMP(format, s)}. */
    public static final class CharToDate extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        private final CharToTimestamp timestamp = new CharToTimestamp();

        public LocalDate eval(String pattern, String s) {
            LocalDateTime parsed = timestamp.eval(pattern, s);
            return parsed == null ? null : parsed.toLocalDate();
        }
    }

    /** {@code TIME_TO_CHAR(format, t)}. */
    public static final class TimeToChar extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(String pattern, @DataTypeHint("TIME(0)") LocalTime t) {
            if (pattern == null || t == null) {
                return null;
            }
            return format(pattern).format(new Date(t.toNanoOfDay() / 1_000_000L));
        }
    }

    /** {@code CHAR_TO_TIME(format, s)}: fields the format leaves out are zero. */
    public static final class CharToTime extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("TIME(0)") LocalTime eval(String pattern, String s) {
            if (pattern == null || s == null) {
                return null;
            }
            LocalTime time = parseTime(pattern, s);
            if (time == null) {
                throw new IllegalArgumentException(
                        "CHAR_TO_TIME: '" + s + "' does not match '" + pattern + "'");
            }
            return time;
        }
    }

    /**
     * {@code CHAR_TO_TIME} giving NULL where the text does not match the format: for the checks
     * that send such a row to {@code error_stream} instead of failing the job.
     */
    public static final class TryCharToTime extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("TIME(0)") LocalTime eval(String pattern, String s) {
            return pattern == null || s == null ? null : parseTime(pattern, s);
        }
    }

    /** The time of day {@code s} gives by {@code pattern}; null if it does not match. */
    private static LocalTime parseTime(String pattern, String s) {
        ParsePosition position = new ParsePosition(0);
        Date parsed = format(pattern).parse(s, position);
        if (parsed == null || position.getIndex() != s.length()) {
            return null;
        }
        return LocalDateTime.ofEpochSecond(
                        Math.floorDiv(parsed.getTime(), 1000L), 0, ZoneOffset.UTC)
                .toLocalTime();
    }
}
