package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.expr.TypedExpression;

import java.util.List;
import java.util.Objects;

/**
 * A streaming {@code ORDER BY}: KDA sorts the rows of each time bucket of its first key, a
 * monotonic expression of {@code ROWTIME} ({@code ROWTIME}, {@code FLOOR(ROWTIME TO unit)}, {@code
 * STEP(ROWTIME BY …)}), by the other keys, and emits a bucket once it is complete.
 *
 * <pre>
 *   ORDER BY FLOOR(ROWTIME TO SECOND), score DESC
 *   rows (ROWTIME, score)   0.2 s: 5   0.7 s: 9   1.1 s: 4   1.4 s: 7
 *   out                     0.7 s: 9   0.2 s: 5 | 1.4 s: 7   1.1 s: 4
 * </pre>
 *
 * @param bucketMillis the length of a bucket: 1 for {@code ROWTIME} itself
 * @param keys the keys after the first, in order
 */
public record StreamSort(long bucketMillis, List<Key> keys) {

    /** One sort key after the bucket. */
    public record Key(TypedExpression expression, boolean descending, NullOrder nulls) {
        public Key {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(nulls, "nulls");
        }
    }

    /** Where NULLs go: as written, or the default. */
    public enum NullOrder {
        DEFAULT,
        FIRST,
        LAST
    }

    public StreamSort {
        if (bucketMillis < 1) {
            throw new IllegalArgumentException("a bucket is at least 1 ms");
        }
        keys = List.copyOf(keys);
    }
}
