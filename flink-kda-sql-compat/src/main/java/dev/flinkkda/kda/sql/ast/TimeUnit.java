package dev.flinkkda.kda.sql.ast;

/**
 * A datetime field, from the largest to the smallest: the units of interval literals, {@code
 * FLOOR/CEIL(x TO unit)} and {@code EXTRACT(unit FROM x)}.
 */
public enum TimeUnit {
    YEAR,
    MONTH,
    DAY,
    HOUR,
    MINUTE,
    SECOND;

    /** Whether this unit belongs to year-month intervals ({@code YEAR}, {@code MONTH}). */
    public boolean isYearMonth() {
        return this == YEAR || this == MONTH;
    }
}
