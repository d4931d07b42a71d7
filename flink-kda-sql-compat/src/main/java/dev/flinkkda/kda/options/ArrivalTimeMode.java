package dev.flinkkda.kda.options;

import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an input's {@code APPROXIMATE_ARRIVAL_TIME} comes from. In KDA, every input stream has this
 * system column: the Kinesis record's {@code ApproximateArrivalTimestamp}, the time the record
 * reached the source stream. Here it is, by choice:
 *
 * <ul>
 *   <li>{@code arrival}: the Kinesis record's {@code ApproximateArrivalTimestamp}, as in KDA.
 *       Kinesis inputs only: a file has no arrival time.
 *   <li>{@code field:NAME}: a field of the JSON records, e.g. the {@code APPROXIMATE_ARRIVAL_TIME}
 *       of a file recorded from a KDA application; its name matches a JSON key exactly, else
 *       case-insensitively. A record without the field (missing or {@code null}) takes its {@code
 *       ROWTIME} instead; a value that is not a timestamp makes the record malformed.
 *   <li>{@code rowtime}: the row's {@code ROWTIME} (with {@code --rowtime processing}, the time the
 *       record is read).
 * </ul>
 *
 * <p>Without a choice, a Kinesis input uses {@code arrival} and a file {@code
 * field:APPROXIMATE_ARRIVAL_TIME} ({@link #defaultFor}): the recorded value when the record has it,
 * else {@code ROWTIME}. The column is never an event-time attribute; {@code ROWTIME} is the only
 * one.
 */
public final class ArrivalTimeMode implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of {@code APPROXIMATE_ARRIVAL_TIME}. */
    public enum Kind {
        ARRIVAL,
        FIELD,
        ROWTIME
    }

    /** The system column's name. */
    public static final String COLUMN = "APPROXIMATE_ARRIVAL_TIME";

    private static final ArrivalTimeMode ARRIVAL = new ArrivalTimeMode(Kind.ARRIVAL, null);
    private static final ArrivalTimeMode ROWTIME = new ArrivalTimeMode(Kind.ROWTIME, null);

    private final Kind kind;
    private final String field;

    private ArrivalTimeMode(Kind kind, String field) {
        this.kind = kind;
        this.field = field;
    }

    /** The Kinesis record's ApproximateArrivalTimestamp. */
    public static ArrivalTimeMode arrival() {
        return ARRIVAL;
    }

    /** A field of the JSON records, else {@code ROWTIME}. */
    public static ArrivalTimeMode field(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the APPROXIMATE_ARRIVAL_TIME field name is empty");
        }
        return new ArrivalTimeMode(Kind.FIELD, name);
    }

    /** The row's {@code ROWTIME}. */
    public static ArrivalTimeMode rowtime() {
        return ROWTIME;
    }

    /** {@code arrival} for Kinesis inputs, {@code field:APPROXIMATE_ARRIVAL_TIME} for files. */
    public static ArrivalTimeMode defaultFor(StreamLocation input) {
        return input instanceof StreamLocation.Kinesis ? arrival() : field(COLUMN);
    }

    /**
     * Parses {@code arrival}, {@code field:NAME} or {@code rowtime} (the words in any case; the
     * field name as written).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static ArrivalTimeMode parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("arrival")) {
            return arrival();
        }
        if (lower.equals("rowtime")) {
            return rowtime();
        }
        if (lower.startsWith("field:")) {
            String name = text.trim().substring("field:".length()).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "'" + text + "': field: needs a field name, e.g. field:" + COLUMN);
            }
            return field(name);
        }
        throw new IllegalArgumentException(
                "'"
                        + text
                        + "': expected arrival, field:NAME (e.g. field:"
                        + COLUMN
                        + ") or rowtime");
    }

    /**
     * The position of the schema's own {@code APPROXIMATE_ARRIVAL_TIME} column, or {@code -1}: a
     * schema may declare the system column (it then keeps its place, and {@code SELECT *} includes
     * it like any declared column), but only as a {@code TIMESTAMP}, since it is filled with the
     * arrival time.
     *
     * @throws IllegalArgumentException if it is declared with another type
     */
    public static int declaredColumn(KdaSchema schema) {
        List<KdaColumn> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            KdaColumn column = columns.get(i);
            if (column.name().equals(COLUMN)) {
                if (column.dataType().getLogicalType().getTypeRoot()
                        != LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE) {
                    throw new IllegalArgumentException(
                            "column "
                                    + COLUMN
                                    + " is the system column of every input stream, a TIMESTAMP;"
                                    + " it cannot be declared as "
                                    + column.kdaType());
                }
                return i;
            }
        }
        return -1;
    }

    /** The kind of {@code APPROXIMATE_ARRIVAL_TIME}. */
    public Kind kind() {
        return kind;
    }

    /** The JSON field of {@link Kind#FIELD}; null for the other kinds. */
    public String fieldName() {
        return field;
    }

    /** The form {@link #parse} reads: {@code arrival}, {@code field:NAME}, {@code rowtime}. */
    @Override
    public String toString() {
        return kind == Kind.FIELD ? "field:" + field : kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrivalTimeMode other
                && kind == other.kind
                && Objects.equals(field, other.field);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, field);
    }
}
