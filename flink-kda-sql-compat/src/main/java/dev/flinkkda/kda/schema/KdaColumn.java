package dev.flinkkda.kda.schema;

import org.apache.flink.table.types.DataType;

import java.io.Serializable;
import java.util.Objects;

/**
 * A column of an input stream.
 *
 * @param name the column's name as KDA compares it: upper case if it was written unquoted ({@code
 *     ticker} → {@code TICKER}), as written if quoted ({@code "Ticker"} → {@code Ticker})
 * @param kdaType the KDA type as written, in upper case, e.g. {@code VARCHAR(4)}; without {@code
 *     NOT NULL}
 * @param dataType the Flink type ({@link KdaTypes}); not nullable for a {@code NOT NULL} column
 */
public record KdaColumn(String name, String kdaType, DataType dataType) implements Serializable {

    public KdaColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kdaType, "kdaType");
        Objects.requireNonNull(dataType, "dataType");
    }

    /** Whether the column was declared {@code NOT NULL}. */
    public boolean notNull() {
        return !dataType.getLogicalType().isNullable();
    }

    /** {@code NAME TYPE [NOT NULL]}, the name quoted when KDA needs quotes for it. */
    @Override
    public String toString() {
        return KdaNames.toSql(name) + " " + kdaType + (notNull() ? " NOT NULL" : "");
    }
}
