package dev.flinkkda.kda.json;

import dev.flinkkda.kda.json.JsonCoercion.CoercionException;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.Row;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Makes the row of an input's table from the values a record reader found for its slots, by KDA's
 * coercion rules ({@link JsonCoercion}), and takes its {@code ROWTIME} ({@link RowtimeMode}) and
 * {@code APPROXIMATE_ARRIVAL_TIME} ({@link ArrivalTimeMode}). Whatever the record format, this is
 * where values become typed and where a value that does not fit fails.
 *
 * <p>Slots {@code 0..n-1} are the schema's columns; then, when {@code ROWTIME} comes from a field,
 * the {@link #rowtimeSlot()}; then, when {@code APPROXIMATE_ARRIVAL_TIME} does, the {@link
 * #arrivalSlot()}. A schema column named {@code APPROXIMATE_ARRIVAL_TIME} is filled with the
 * arrival time, not from its slot.
 *
 * <p>The row has the schema's columns, then {@code APPROXIMATE_ARRIVAL_TIME} (with an {@link
 * ArrivalTimeMode}, unless the schema declares it), then, for event time, {@code ROWTIME}; both as
 * {@link LocalDateTime}s in UTC with millisecond precision ({@link #rowType()}).
 */
final class RowAssembler implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No slot. */
    static final int NO_SLOT = -1;

    private final KdaSchema schema;
    private final RowtimeMode rowtime;
    private final ArrivalTimeMode arrivalTime;
    private final JsonCoercion[] coercions;
    private final boolean[] notNull;
    private final JsonCoercion timestampCoercion;
    // The schema's own APPROXIMATE_ARRIVAL_TIME column, or -1.
    private final int declaredArrival;
    // Where APPROXIMATE_ARRIVAL_TIME goes in the row, or -1 without an ArrivalTimeMode.
    private final int arrivalPosition;
    private final int arity;
    private final int rowtimeSlot;
    private final int arrivalSlot;
    private final int slots;

    /** The times of a row: its {@code ROWTIME} (null for processing time) and arrival time. */
    record Times(LocalDateTime rowtime, LocalDateTime arrival) {}

    RowAssembler(KdaSchema schema, RowtimeMode rowtime, ArrivalTimeMode arrivalTime) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.rowtime = Objects.requireNonNull(rowtime, "rowtime");
        this.arrivalTime = arrivalTime;
        List<KdaColumn> columns = schema.columns();
        int n = columns.size();
        declaredArrival = arrivalTime == null ? -1 : ArrivalTimeMode.declaredColumn(schema);
        arrivalPosition = arrivalTime == null ? -1 : declaredArrival >= 0 ? declaredArrival : n;
        arity =
                n
                        + (arrivalTime != null && declaredArrival < 0 ? 1 : 0)
                        + (rowtime.isEventTime() ? 1 : 0);
        coercions = new JsonCoercion[n];
        notNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            KdaColumn column = columns.get(i);
            coercions[i] =
                    JsonCoercion.forType(column.dataType().getLogicalType(), column.kdaType());
            notNull[i] = column.notNull();
        }
        timestampCoercion =
                new JsonCoercion.ToTimestamp("TIMESTAMP", RowtimeMode.ROWTIME_PRECISION);
        int nextSlot = n;
        rowtimeSlot = rowtime.kind() == RowtimeMode.Kind.FIELD ? nextSlot++ : NO_SLOT;
        arrivalSlot =
                arrivalTime != null && arrivalTime.kind() == ArrivalTimeMode.Kind.FIELD
                        ? nextSlot++
                        : NO_SLOT;
        slots = nextSlot;
    }

    KdaSchema schema() {
        return schema;
    }

    RowtimeMode rowtimeMode() {
        return rowtime;
    }

    ArrivalTimeMode arrivalTimeMode() {
        return arrivalTime;
    }

    /** The number of slots. */
    int slots() {
        return slots;
    }

    /** The slot of the {@code ROWTIME} field, or {@link #NO_SLOT}. */
    int rowtimeSlot() {
        return rowtimeSlot;
    }

    /** The slot of the {@code APPROXIMATE_ARRIVAL_TIME} field, or {@link #NO_SLOT}. */
    int arrivalSlot() {
        return arrivalSlot;
    }

    /** The schema's column that is filled with the arrival time, or -1. */
    int declaredArrivalColumn() {
        return declaredArrival;
    }

    /**
     * The type of the rows: the schema's columns, then {@code APPROXIMATE_ARRIVAL_TIME} (with an
     * {@link ArrivalTimeMode}, unless the schema declares it), then {@code ROWTIME} when it is
     * event time.
     */
    RowTypeInfo rowType() {
        int n = schema.size();
        TypeInformation<?>[] types = new TypeInformation<?>[arity];
        String[] names = new String[arity];
        for (int i = 0; i < n; i++) {
            KdaColumn column = schema.columns().get(i);
            names[i] = column.name();
            types[i] = typeInformation(column.dataType().getLogicalType());
        }
        if (arrivalPosition == n) {
            names[n] = ArrivalTimeMode.COLUMN;
            types[n] = Types.LOCAL_DATE_TIME;
        }
        if (rowtime.isEventTime()) {
            names[arity - 1] = KdaSchema.ROWTIME;
            types[arity - 1] = Types.LOCAL_DATE_TIME;
        }
        return new RowTypeInfo(types, names);
    }

    /**
     * The DataStream type of a column's values: the Java classes the coercion produces, with
     * Flink's own serializers (no generic or external-type serializers).
     */
    private static TypeInformation<?> typeInformation(LogicalType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return Types.STRING;
            case BOOLEAN:
                return Types.BOOLEAN;
            case TINYINT:
                return Types.BYTE;
            case SMALLINT:
                return Types.SHORT;
            case INTEGER:
                return Types.INT;
            case BIGINT:
                return Types.LONG;
            case FLOAT:
                return Types.FLOAT;
            case DOUBLE:
                return Types.DOUBLE;
            case DECIMAL:
                return Types.BIG_DEC;
            case DATE:
                return Types.LOCAL_DATE;
            case TIME_WITHOUT_TIME_ZONE:
                return Types.LOCAL_TIME;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return Types.LOCAL_DATE_TIME;
            case BINARY:
            case VARBINARY:
                return Types.PRIMITIVE_ARRAY(Types.BYTE);
            default:
                throw new IllegalArgumentException(
                        "JSON records cannot fill a column of type " + type.asSummaryString());
        }
    }

    /**
     * The row of the values found.
     *
     * @param arrivalTime the record's arrival time in epoch milliseconds, or {@link
     *     RawRecord#NO_ARRIVAL_TIME}
     * @param times the row's times when already taken ({@link #times}, e.g. once for all rows of a
     *     record), else null: they are taken after the columns
     * @throws MalformedRecordException ({@code COERCION_ERROR}) for a value that does not fit its
     *     column, a missing NOT NULL value, or no usable {@code ROWTIME}
     */
    Row row(SlotSource values, long arrivalTime, Times times) throws MalformedRecordException {
        int n = schema.size();
        Row row = Row.withPositions(arity);
        for (int i = 0; i < n; i++) {
            if (i != declaredArrival) {
                row.setField(i, columnValue(values, i));
            }
        }
        Times rowTimes = times != null ? times : times(values, arrivalTime);
        if (this.arrivalTime != null) {
            row.setField(arrivalPosition, rowTimes.arrival());
        }
        if (rowTimes.rowtime() != null) {
            row.setField(arity - 1, rowTimes.rowtime());
        }
        return row;
    }

    /**
     * The row's {@code ROWTIME} and {@code APPROXIMATE_ARRIVAL_TIME}.
     *
     * @throws MalformedRecordException ({@code COERCION_ERROR}) for no usable {@code ROWTIME}, or
     *     an arrival-time field that is no timestamp
     */
    Times times(SlotSource values, long arrivalTime) throws MalformedRecordException {
        LocalDateTime rowtimeValue =
                rowtime.isEventTime() ? rowtimeValue(values, arrivalTime) : null;
        LocalDateTime arrival =
                this.arrivalTime == null
                        ? null
                        : arrivalTimeValue(values, arrivalTime, rowtimeValue);
        return new Times(rowtimeValue, arrival);
    }

    private Object columnValue(SlotSource values, int column) throws MalformedRecordException {
        KdaColumn definition = schema.columns().get(column);
        Object value;
        try {
            value = slotValue(values, column, coercions[column]);
        } catch (CoercionException e) {
            throw MalformedRecordException.coercion(
                    "column " + definition.name() + ": " + e.getMessage());
        }
        if (value == null && notNull[column]) {
            throw MalformedRecordException.coercion(
                    "column "
                            + definition.name()
                            + ": "
                            + (values.found(column) == FoundValues.NOT_FOUND ? "missing" : "null")
                            + ", but the column is NOT NULL");
        }
        return value;
    }

    private LocalDateTime rowtimeValue(SlotSource values, long arrivalTime)
            throws MalformedRecordException {
        if (rowtime.kind() == RowtimeMode.Kind.ARRIVAL) {
            if (arrivalTime == RawRecord.NO_ARRIVAL_TIME) {
                throw MalformedRecordException.coercion("ROWTIME: the record has no arrival time");
            }
            return utc(arrivalTime);
        }
        String where = "ROWTIME field " + rowtime.fieldName() + ": ";
        LocalDateTime value;
        try {
            value = (LocalDateTime) slotValue(values, rowtimeSlot, timestampCoercion);
        } catch (CoercionException e) {
            throw MalformedRecordException.coercion(where + e.getMessage());
        }
        if (value == null) {
            throw MalformedRecordException.coercion(
                    where
                            + (values.found(rowtimeSlot) == FoundValues.NOT_FOUND
                                    ? "missing"
                                    : "null"));
        }
        return value;
    }

    /**
     * The {@code APPROXIMATE_ARRIVAL_TIME} of a record, by {@link #arrivalTime}.
     *
     * @param rowtimeValue the row's event-time {@code ROWTIME}, null with processing time (then
     *     {@code rowtime} means the time the record is read)
     */
    private LocalDateTime arrivalTimeValue(
            SlotSource values, long recordArrival, LocalDateTime rowtimeValue)
            throws MalformedRecordException {
        switch (arrivalTime.kind()) {
            case ARRIVAL:
                if (recordArrival == RawRecord.NO_ARRIVAL_TIME) {
                    throw MalformedRecordException.coercion(
                            ArrivalTimeMode.COLUMN + ": the record has no arrival time");
                }
                return utc(recordArrival);
            case FIELD:
                LocalDateTime value;
                try {
                    value = (LocalDateTime) slotValue(values, arrivalSlot, timestampCoercion);
                } catch (CoercionException e) {
                    throw MalformedRecordException.coercion(
                            ArrivalTimeMode.COLUMN
                                    + " field "
                                    + arrivalTime.fieldName()
                                    + ": "
                                    + e.getMessage());
                }
                if (value != null) {
                    return value;
                }
                return rowtimeOrNow(rowtimeValue);
            default:
                return rowtimeOrNow(rowtimeValue);
        }
    }

    private static LocalDateTime rowtimeOrNow(LocalDateTime rowtimeValue) {
        return rowtimeValue != null ? rowtimeValue : utc(System.currentTimeMillis());
    }

    private static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static Object slotValue(SlotSource values, int slot, JsonCoercion coercion)
            throws CoercionException {
        switch (values.found(slot)) {
            case FoundValues.NOT_FOUND:
                return null;
            case FoundValues.AMBIGUOUS:
                throw new CoercionException(
                        "the keys \""
                                + values.key(slot)
                                + "\" and \""
                                + values.otherKey(slot)
                                + "\" both match it ignoring case, and none exactly");
            default:
                JsonValueKind kind = values.kind(slot);
                if (kind == JsonValueKind.NULL) {
                    return null;
                }
                return coercion.coerce(kind, values.text(slot));
        }
    }
}
