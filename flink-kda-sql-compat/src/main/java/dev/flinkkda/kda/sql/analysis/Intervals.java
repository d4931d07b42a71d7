package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.TimeUnit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Interval literals as numbers: day-time ones in milliseconds ({@code INTERVAL '1:30' MINUTE TO
 * SECOND} is 90,000), year-month ones in months ({@code INTERVAL '1-6' YEAR TO MONTH} is 18).
 *
 * <p>The value is read as SQL (and Calcite, from which KDA's and Flink's parsers come) reads it: an
 * optional sign, then one field per unit of the qualifier, separated by a space after days, a colon
 * between time fields and a hyphen between years and months; fields are whole numbers but seconds,
 * which may have up to 9 decimals (milliseconds are kept); fields after the first stay below their
 * next unit (hours below 24, minutes and seconds below 60, months below 12).
 */
public final class Intervals {

    /** Flink's interval literals hold less than 1,000 days (a day precision of at most 3). */
    public static final long MAX_DAYS = 999;

    /** Flink's interval literals hold at most 9,999 years (a year precision of at most 4). */
    public static final long MAX_YEARS = 9999;

    private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,18}(\\.\\d{1,9})?");

    private Intervals() {}

    /**
     * The length of a day-time interval in milliseconds, or empty for year-month intervals and
     * values that do not fit the qualifier.
     */
    public static Optional<Long> toMillis(IntervalLiteral interval) {
        TimeUnit start = interval.qualifier().start();
        TimeUnit end = interval.qualifier().end().orElse(start);
        if (start.isYearMonth()) {
            return Optional.empty();
        }
        Signed value = Signed.of(interval);
        String[] fields = value.digits().split(start == TimeUnit.DAY ? "[ :]" : ":", -1);
        if (fields.length != end.ordinal() - start.ordinal() + 1
                || (start == TimeUnit.DAY
                        && fields.length > 1
                        && value.digits().indexOf(' ') < 0)) {
            return Optional.empty();
        }
        BigDecimal millis = BigDecimal.ZERO;
        for (int i = 0; i < fields.length; i++) {
            TimeUnit unit = TimeUnit.values()[start.ordinal() + i];
            if (!(unit == TimeUnit.SECOND ? SECONDS : WHOLE).matcher(fields[i]).matches()) {
                return Optional.empty();
            }
            BigDecimal field = new BigDecimal(fields[i]);
            if (i > 0
                    && field.compareTo(BigDecimal.valueOf(unit == TimeUnit.HOUR ? 24 : 60)) >= 0) {
                return Optional.empty();
            }
            millis = millis.add(field.multiply(BigDecimal.valueOf(millisOf(unit))));
        }
        try {
            long result = millis.setScale(0, RoundingMode.DOWN).longValueExact();
            return Optional.of(value.negative() ? -result : result);
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The length of a year-month interval in months, or empty for day-time intervals and values
     * that do not fit the qualifier.
     */
    public static Optional<Long> toMonths(IntervalLiteral interval) {
        TimeUnit start = interval.qualifier().start();
        TimeUnit end = interval.qualifier().end().orElse(start);
        if (!start.isYearMonth()) {
            return Optional.empty();
        }
        Signed value = Signed.of(interval);
        String[] fields = value.digits().split("-", -1);
        if (fields.length != end.ordinal() - start.ordinal() + 1) {
            return Optional.empty();
        }
        for (String field : fields) {
            if (!WHOLE.matcher(field).matches()) {
                return Optional.empty();
            }
        }
        long months =
                fields.length == 2
                        ? Long.parseLong(fields[0]) * 12 + Long.parseLong(fields[1])
                        : Long.parseLong(fields[0]) * (start == TimeUnit.YEAR ? 12 : 1);
        if (fields.length == 2 && Long.parseLong(fields[1]) >= 12) {
            return Optional.empty();
        }
        return Optional.of(value.negative() ? -months : months);
    }

    /**
     * Whether the literal's first field has more than two digits ({@code '3600' SECOND}): more than
     * Flink reads unless the literal says so.
     */
    public static boolean hasLongFirstField(IntervalLiteral interval) {
        String digits = Signed.of(interval).digits();
        int end = 0;
        while (end < digits.length() && Character.isDigit(digits.charAt(end))) {
            end++;
        }
        return end > 2
                && new BigDecimal(digits.substring(0, end)).compareTo(BigDecimal.valueOf(99)) > 0;
    }

    /** A day-time interval's value in days to seconds, e.g. {@code 1 02:03:04.005}. */
    public static String dayToSecond(long millis) {
        long seconds = millis / 1000;
        return String.format(
                "%d %02d:%02d:%02d.%03d",
                seconds / 86_400,
                seconds / 3600 % 24,
                seconds / 60 % 60,
                seconds % 60,
                millis % 1000);
    }

    /** A value of the qualifier's form, for messages: {@code '1:30'} for MINUTE TO SECOND. */
    static String example(dev.flinkkda.kda.sql.ast.IntervalQualifier qualifier) {
        TimeUnit start = qualifier.start();
        TimeUnit end = qualifier.end().orElse(start);
        if (start.isYearMonth()) {
            return start == end ? "e.g. '2'" : "e.g. '1-6' (years-months)";
        }
        String[] examples = {"1", "2", "30", "15.5"};
        StringBuilder text = new StringBuilder();
        for (int u = start.ordinal(); u <= end.ordinal(); u++) {
            if (u > start.ordinal()) {
                text.append(TimeUnit.values()[u] == TimeUnit.HOUR ? " " : ":");
            }
            text.append(examples[u - TimeUnit.DAY.ordinal()]);
        }
        return "e.g. '" + text + "' (" + qualifier + ")";
    }

    /** The value of an interval literal without its signs, and whether it is negative. */
    private record Signed(boolean negative, String digits) {
        static Signed of(IntervalLiteral interval) {
            String value = interval.value().trim();
            boolean negative = interval.negative();
            if (value.startsWith("-") || value.startsWith("+")) {
                negative ^= value.startsWith("-");
                value = value.substring(1);
            }
            return new Signed(negative, value);
        }
    }

    private static long millisOf(TimeUnit unit) {
        switch (unit) {
            case DAY:
                return 86_400_000L;
            case HOUR:
                return 3_600_000L;
            case MINUTE:
                return 60_000L;
            case SECOND:
                return 1_000L;
            default:
                throw new IllegalArgumentException("not a day-time unit: " + unit);
        }
    }

    /** The length of one {@code unit} in milliseconds ({@code FLOOR(ROWTIME TO unit)}). */
    public static Optional<Long> unitMillis(TimeUnit unit) {
        return unit.isYearMonth() ? Optional.empty() : Optional.of(millisOf(unit));
    }
}
