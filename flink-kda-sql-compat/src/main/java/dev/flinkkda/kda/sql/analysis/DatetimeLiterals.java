package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.DateTimeLiteral;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values {@code DATE '…'}, {@code TIME '…'} and {@code TIMESTAMP '…'} may hold: those Flink's
 * parser reads as KDA means them — {@code 2018-08-01}, {@code 11:00:20}, {@code 2018-08-01
 * 11:00:20.123}, from year 1 to 9999 — so that one it cannot read is an error at its line and
 * column, not in Flink's planner.
 */
final class DatetimeLiterals {

    private static final String DATE = "(\\d{4})-(\\d{1,2})-(\\d{1,2})";
    private static final String TIME = "(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.\\d{1,9})?";
    private static final Pattern DATE_ONLY = Pattern.compile(DATE);
    private static final Pattern TIME_ONLY = Pattern.compile(TIME);
    private static final Pattern TIMESTAMP = Pattern.compile(DATE + "(?: " + TIME + ")?");

    private DatetimeLiterals() {}

    static boolean isValid(DateTimeLiteral literal) {
        String value = literal.value();
        switch (literal.kind()) {
            case DATE:
                {
                    Matcher m = DATE_ONLY.matcher(value);
                    return m.matches() && isDate(m, 1);
                }
            case TIME:
                {
                    Matcher m = TIME_ONLY.matcher(value);
                    return m.matches() && isTime(m, 1);
                }
            default:
                {
                    Matcher m = TIMESTAMP.matcher(value);
                    return m.matches() && isDate(m, 1) && (m.group(4) == null || isTime(m, 4));
                }
        }
    }

    static String example(DateTimeLiteral.Kind kind) {
        switch (kind) {
            case DATE:
                return "DATE '2018-08-01'";
            case TIME:
                return "TIME '11:00:20'";
            default:
                return "TIMESTAMP '2018-08-01 11:00:20.123'";
        }
    }

    private static boolean isDate(Matcher m, int group) {
        try {
            return LocalDate.of(
                                    Integer.parseInt(m.group(group)),
                                    Integer.parseInt(m.group(group + 1)),
                                    Integer.parseInt(m.group(group + 2)))
                            .getYear()
                    >= 1;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isTime(Matcher m, int group) {
        try {
            LocalTime.of(
                    Integer.parseInt(m.group(group)),
                    Integer.parseInt(m.group(group + 1)),
                    Integer.parseInt(m.group(group + 2)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
