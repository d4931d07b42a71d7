package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * KDA's day-time intervals where Flink SQL has no syntax or no operator: the datetime difference
 * {@code (a - b) qualifier}, an interval times or divided by a number, {@code FLOOR}/{@code CEIL}
 * of an interval, and {@code CAST} of an interval to a number or a string. Intervals are Flink
 * {@code INTERVAL SECOND(3)} values (milliseconds), as KDA's timestamps have milliseconds.
 *
 * <p>Following SQL, a datetime difference keeps the qualifier's fields and drops those below its
 * last: {@code (a - b) MINUTE} is the whole minutes of the difference (truncated toward zero),
 * {@code (a - b) SECOND} keeps the milliseconds. {@code CAST} of an interval to a number gives its
 * length in the qualifier's last unit ({@code CAST((TIME '12:03:34' - TIME '11:57:23') SECOND AS
 * BIGINT)} is 371).
 */
public final class KdaIntervalFunctions {

    private KdaIntervalFunctions() {}

    /**
     * Milliseconds in one {@code unit} ({@code DAY}, {@code HOUR}, {@code MINUTE}, {@code SECOND}).
     */
    public static long unitMillis(String unit) {
        switch (unit.trim().toUpperCase(Locale.ROOT)) {
            case "DAY":
                return 86_400_000L;
            case "HOUR":
                return 3_600_000L;
            case "MINUTE":
                return 60_000L;
            case "SECOND":
                return 1_000L;
            default:
                throw new IllegalArgumentException("not a day-time unit: " + unit);
        }
    }

    /** The last unit of a qualifier: {@code SECOND} of {@code MINUTE TO SECOND}. */
    static String lastUnit(String qualifier) {
        String q = qualifier.trim();
        int to = q.toUpperCase(Locale.ROOT).lastIndexOf(" TO ");
        return to < 0 ? q : q.substring(to + 4).trim();
    }

    /** The first unit of a qualifier: {@code MINUTE} of {@code MINUTE TO SECOND}. */
    static String firstUnit(String qualifier) {
        String q = qualifier.trim();
        int to = q.toUpperCase(Locale.ROOT).indexOf(" TO ");
        return to < 0 ? q : q.substring(0, to).trim();
    }

    /** {@code millis} truncated toward zero to the qualifier's fields. */
    static long truncate(long millis, String qualifier) {
        String last = lastUnit(qualifier);
        long unit = last.equalsIgnoreCase("SECOND") ? 1 : unitMillis(last);
        return millis / unit * unit;
    }

    /** {@code (a - b) qualifier}. */
    public static final class DatetimeMinus extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                @DataTypeHint("TIMESTAMP(3)") LocalDateTime a,
                @DataTypeHint("TIMESTAMP(3)") LocalDateTime b,
                String qualifier) {
            if (a == null || b == null) {
                return null;
            }
            return Duration.ofMillis(
                    truncate(
                            a.toInstant(ZoneOffset.UTC).toEpochMilli()
                                    - b.toInstant(ZoneOffset.UTC).toEpochMilli(),
                            qualifier));
        }

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                LocalDate a, LocalDate b, String qualifier) {
            if (a == null || b == null) {
                return null;
            }
            return Duration.ofMillis(
                    truncate((a.toEpochDay() - b.toEpochDay()) * 86_400_000L, qualifier));
        }

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                @DataTypeHint("TIME(0)") LocalTime a,
                @DataTypeHint("TIME(0)") LocalTime b,
                String qualifier) {
            if (a == null || b == null) {
                return null;
            }
            return Duration.ofMillis(
                    truncate((a.toNanoOfDay() - b.toNanoOfDay()) / 1_000_000L, qualifier));
        }
    }

    /** {@code interval * number} and {@code number * interval}, to whole milliseconds. */
    public static final class Times extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                @DataTypeHint("INTERVAL SECOND(3)") Duration interval, Double factor) {
            if (interval == null || factor == null) {
                return null;
            }
            return Duration.ofMillis(
                    BigDecimal.valueOf(interval.toMillis())
                            .multiply(BigDecimal.valueOf(factor))
                            .setScale(0, RoundingMode.DOWN)
                            .longValueExact());
        }
    }

    /** {@code interval / number}, to whole milliseconds; division by zero is an error. */
    public static final class Divide extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                @DataTypeHint("INTERVAL SECOND(3)") Duration interval, Double divisor) {
            if (interval == null || divisor == null) {
                return null;
            }
            if (divisor == 0) {
                throw new ArithmeticException("interval divided by zero");
            }
            return Duration.ofMillis(
                    BigDecimal.valueOf(interval.toMillis())
                            .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.DOWN)
                            .longValueExact());
        }
    }

    /** {@code FLOOR(interval TO unit)}: down to a whole number of units. */
    public static final class Floor extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                @DataTypeHint("INTERVAL SECOND(3)") Duration interval, String unit) {
            if (interval == null) {
                return null;
            }
            long size = unitMillis(unit);
            return Duration.ofMillis(Math.floorDiv(interval.toMillis(), size) * size);
        }
    }

    /** {@code CEIL(interval TO unit)}: up to a whole number of units. */
    public static final class Ceil extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("INTERVAL SECOND(3)") Duration eval(
                @DataTypeHint("INTERVAL SECOND(3)") Duration interval, String unit) {
            if (interval == null) {
                return null;
            }
            long size = unitMillis(unit);
            return Duration.ofMillis(-Math.floorDiv(-interval.toMillis(), size) * size);
        }
    }

    /** {@code CAST(interval AS BIGINT|DECIMAL)}: its length in its last unit. */
    public static final class ToNumber extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("DECIMAL(38, 9)") BigDecimal eval(
                @DataTypeHint("INTERVAL SECOND(3)") Duration interval, String unit) {
            if (interval == null) {
                return null;
            }
            return BigDecimal.valueOf(interval.toMillis())
                    .divide(BigDecimal.valueOf(unitMillis(unit)), 9, RoundingMode.DOWN);
        }
    }

    /**
     * {@code CAST(interval AS VARCHAR)}: sign, the first field unpadded, the others two digits, as
     * the SR's {@code +6:11} for {@code MINUTE TO SECOND}; milliseconds only when not zero.
     */
    public static final class ToChar extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(
                @DataTypeHint("INTERVAL SECOND(3)") Duration interval, String qualifier) {
            if (interval == null) {
                return null;
            }
            return format(interval.toMillis(), qualifier);
        }
    }

    /** The text of an interval of {@code millis} with {@code qualifier}'s fields. */
    public static String format(long millis, String qualifier) {
        String[] units = {"DAY", "HOUR", "MINUTE", "SECOND"};
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String first = firstUnit(qualifier).toUpperCase(Locale.ROOT);
        String last = lastUnit(qualifier).toUpperCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(millis < 0 ? "-" : "+");
        long rest = Math.abs(millis);
        boolean started = false;
        for (int i = 0; i < units.length; i++) {
            if (units[i].equals(first)) {
                started = true;
            }
            if (!started) {
                continue;
            }
            long value = rest / sizes[i];
            rest -= value * sizes[i];
            if (!units[i].equals(first)) {
                text.append(units[i].equals("HOUR") ? ' ' : ':');
                if (value < 10) {
                    text.append('0');
                }
            }
            text.append(value);
            if (units[i].equals(last)) {
                break;
            }
        }
        if (last.equals("SECOND") && rest > 0) {
            text.append('.').append(String.format(Locale.ROOT, "%03d", rest));
        }
        return text.toString();
    }
}
