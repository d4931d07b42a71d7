package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.Objects;

/**
 * The time window of a {@code GROUP BY}: the {@code STEP(ROWTIME BY …)} or {@code FLOOR(ROWTIME TO
 * …)} key, whose value is the window start, and the window length.
 */
public record TumblingWindow(TypedExpression timeKey, long sizeMillis) {
    public TumblingWindow {
        Objects.requireNonNull(timeKey, "timeKey");
    }
}
