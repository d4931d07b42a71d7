package dev.flinkkda.kda.sql.expr;

import java.util.List;
import java.util.Objects;

/**
 * A KDA sliding window ({@code WINDOW w AS (…)} or an inline {@code OVER (…)}): ordered by {@code
 * ROWTIME}, ending at the current row.
 *
 * @param partitionBy the {@code PARTITION BY} keys
 * @param unit {@code RANGE} (time) or {@code ROWS} (count)
 * @param preceding how far back the window reaches: milliseconds for {@code RANGE}, rows for {@code
 *     ROWS}; {@link #UNBOUNDED} for {@code UNBOUNDED PRECEDING}, 0 for {@code CURRENT ROW}
 */
public record SlidingWindow(List<TypedExpression> partitionBy, Unit unit, long preceding) {

    /** {@code UNBOUNDED PRECEDING}. */
    public static final long UNBOUNDED = -1;

    /** How the window's length is measured. */
    public enum Unit {
        RANGE,
        ROWS
    }

    public SlidingWindow {
        partitionBy = List.copyOf(partitionBy);
        Objects.requireNonNull(unit, "unit");
    }

    public boolean unbounded() {
        return preceding == UNBOUNDED;
    }
}
