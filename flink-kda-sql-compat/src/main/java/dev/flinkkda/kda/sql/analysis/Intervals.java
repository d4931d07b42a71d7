package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.TimeUnit;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Day-time interval literals as milliseconds: {@code INTERVAL '1:30' MINUTE TO SECOND} is 90,000.
 */
public final class Intervals {

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
        String[] fields = interval.value().trim().split("[ :]");
        int units = end.ordinal() - start.ordinal() + 1;
        if (fields.length != units) {
            return Optional.empty();
        }
        try {
            BigDecimal millis = BigDecimal.ZERO;
            for (int i = 0; i < fields.length; i++) {
                TimeUnit unit = TimeUnit.values()[start.ordinal() + i];
                BigDecimal value = new BigDecimal(fields[i]);
                if (value.signum() < 0 || (i < fields.length - 1 && value.scale() > 0)) {
                    return Optional.empty();
                }
                millis = millis.add(value.multiply(BigDecimal.valueOf(millisOf(unit))));
            }
            long result = millis.longValueExact();
            return Optional.of(interval.negative() ? -result : result);
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
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
