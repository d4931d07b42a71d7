package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code (left - right) qualifier}: the difference of two datetimes as an interval of the
 * qualifier's units, e.g. {@code (ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND} or {@code (t1
 * - t2) MINUTE TO SECOND} (SR "Date, Timestamp, and Interval Operators").
 */
public record DatetimeDifference(
        SourcePosition position, Expression left, Expression right, IntervalQualifier qualifier)
        implements Expression {

    public DatetimeDifference {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(qualifier, "qualifier");
    }
}
