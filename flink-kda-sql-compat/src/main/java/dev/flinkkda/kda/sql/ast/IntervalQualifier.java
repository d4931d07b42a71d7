package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * The units of an interval: {@code MINUTE}, or a range such as {@code MINUTE TO SECOND}.
 *
 * @param end the last unit of a range, empty for a single unit
 */
public record IntervalQualifier(TimeUnit start, Optional<TimeUnit> end) {

    public IntervalQualifier {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        end.ifPresent(
                last -> {
                    if (last.compareTo(start) <= 0 || last.isYearMonth() != start.isYearMonth()) {
                        throw new IllegalArgumentException(
                                "not an interval qualifier: " + start + " TO " + last);
                    }
                });
    }

    /** A single unit, e.g. {@code MINUTE}. */
    public static IntervalQualifier of(TimeUnit unit) {
        return new IntervalQualifier(unit, Optional.empty());
    }

    /** {@code MINUTE} or {@code MINUTE TO SECOND}. */
    @Override
    public String toString() {
        return end.map(last -> start + " TO " + last).orElse(start.name());
    }
}
