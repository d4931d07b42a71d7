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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one JSON record into a Flink {@link Row} of an input stream's columns, by KDA's coercion
 * rules ({@link JsonCoercion}), and takes its {@code ROWTIME} ({@link RowtimeMode}).
 *
 * <p>The record must be one JSON object. Each column takes the value of the key equal to its name;
 * if there is none, of the key equal to it ignoring case (several such keys are an error); if there
 * is none either, the column is {@code NULL}. Other keys are ignored.
 *
 * <p>The row has the schema's columns, then (when the parser is given an {@link ArrivalTimeMode}
 * and the schema does not declare it) {@code APPROXIMATE_ARRIVAL_TIME}, then, when {@code ROWTIME}
 * is event time, the {@code ROWTIME}; both as {@link LocalDateTime}s in UTC with millisecond
 * precision: the row of the input's table ({@link #rowType()}). A schema column named {@code
 * APPROXIMATE_ARRIVAL_TIME} is filled with the arrival time, not by its JSON key. A record that
 * cannot be read throws a {@link MalformedRecordException} whose message is the reason, e.g. {@code
 * column PRICE: cannot convert "abc" to DOUBLE}.
 *
 * <p>Not thread-safe (it reuses buffers); serializable, to be shipped inside a Flink function.
 */
public final class JsonRecordParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final JsonFactory JSON = new JsonFactory();
    private static final int NO_SLOT = -1;

    // Per slot, how its value was found: not at all, by a key equal ignoring case (once, or
    // several different keys), or by the equal key, which wins.
    private static final byte NOT_FOUND = 0;
    private static final byte FOUND_IGNORING_CASE = 1;
    private static final byte AMBIGUOUS = 2;
    private static final byte FOUND_EXACTLY = 3;

    private final KdaSchema schema;
    private final RowtimeMode rowtime;
    private final JsonCoercion[] coercions;
    private final boolean[] notNull;
    private final JsonCoercion timestampCoercion;
    private final ArrivalTimeMode arrivalTime;
    // The schema's own APPROXIMATE_ARRIVAL_TIME column, or -1.
    private final int declaredArrival;
    // Where APPROXIMATE_ARRIVAL_TIME goes in the row, or -1 without an ArrivalTimeMode.
    private final int arrivalPosition;
    private final int arity;

    // Slots 0..n-1 are the columns, then the ROWTIME field (in field mode), then the
    // APPROXIMATE_ARRIVAL_TIME field (in field mode).
    private final int slots;
    private final int rowtimeSlot;
    private final int arrivalSlot;
    // Key -> the slots named exactly so; lower-case key -> the slots named so ignoring case; key
    // -> the slots that an exact key also matches ignoring case only (e.g. field:event_time next
    // to a column EVENT_TIME), so that an exact hit needs no lower-casing in the common case.
    private final Map<String, int[]> exactSlots = new HashMap<>();
    private final Map<String, int[]> lowerCaseSlots = new HashMap<>();
    private final Map<String, int[]> alsoIgnoringCase = new HashMap<>();

    private transient JsonValueKind[] kinds;
    private transient String[] texts;
    private transient byte[] found;
    private transient String[] keysFound;
    private transient String[] otherKeysFound;

    /**
     * @param schema the input's columns
     * @param rowtime where {@code ROWTIME} comes from; with {@link RowtimeMode.Kind#ARRIVAL} the
     *     record's arrival time is required
     */
    public JsonRecordParser(KdaSchema schema, RowtimeMode rowtime) {
        this(schema, rowtime, null);
    }

    /**
     * A parser whose rows also have the system column {@code APPROXIMATE_ARRIVAL_TIME}.
     *
     * @param arrivalTime where {@code APPROXIMATE_ARRIVAL_TIME} comes from; null for rows without
     *     it (e.g. a reference table's)
     * @throws IllegalArgumentException if the schema declares {@code APPROXIMATE_ARRIVAL_TIME} as
     *     something else than a {@code TIMESTAMP}
     */
    public JsonRecordParser(KdaSchema schema, RowtimeMode rowtime, ArrivalTimeMode arrivalTime) {
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
            if (i != declaredArrival) {
                addSlot(column.name(), i);
            }
        }
        int nextSlot = n;
        timestampCoercion =
                new JsonCoercion.ToTimestamp("TIMESTAMP", RowtimeMode.ROWTIME_PRECISION);
        if (rowtime.kind() == RowtimeMode.Kind.FIELD) {
            rowtimeSlot = nextSlot++;
            addSlot(rowtime.fieldName(), rowtimeSlot);
        } else {
            rowtimeSlot = NO_SLOT;
        }
        if (arrivalTime != null && arrivalTime.kind() == ArrivalTimeMode.Kind.FIELD) {
            arrivalSlot = nextSlot++;
            addSlot(arrivalTime.fieldName(), arrivalSlot);
        } else {
            arrivalSlot = NO_SLOT;
        }
        slots = nextSlot;
        for (Map.Entry<String, int[]> exact : exactSlots.entrySet()) {
            int[] extra =
                    Arrays.stream(lowerCaseSlots.get(exact.getKey().toLowerCase(Locale.ROOT)))
                            .filter(slot -> !contains(exact.getValue(), slot))
                            .toArray();
            if (extra.length > 0) {
                alsoIgnoringCase.put(exact.getKey(), extra);
            }
        }
    }

    private void addSlot(String name, int slot) {
        exactSlots.merge(name, new int[] {slot}, JsonRecordParser::concat);
        lowerCaseSlots.merge(
                name.toLowerCase(Locale.ROOT), new int[] {slot}, JsonRecordParser::concat);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static boolean contains(int[] slots, int slot) {
        for (int s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    /** The input's columns. */
    public KdaSchema schema() {
        return schema;
    }

    /** Where {@code ROWTIME} comes from. */
    public RowtimeMode rowtimeMode() {
        return rowtime;
    }

    /** Where {@code APPROXIMATE_ARRIVAL_TIME} comes from; null if the rows do not have it. */
    public ArrivalTimeMode arrivalTimeMode() {
        return arrivalTime;
    }

    /**
     * The type of the rows: the schema's columns, then {@code APPROXIMATE_ARRIVAL_TIME} (with an
     * {@link ArrivalTimeMode}, unless the schema declares it), then {@code ROWTIME} when it is
     * event time.
     */
    public RowTypeInfo rowType() {
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
     * Parses one record.
     *
     * @param text the record, one JSON object
     * @param arrivalTime the record's arrival time in epoch milliseconds, or {@link
     *     RawRecord#NO_ARRIVAL_TIME}
     * @return the row: the columns, then {@code APPROXIMATE_ARRIVAL_TIME} unless declared (with an
     *     {@link ArrivalTimeMode}), then {@code ROWTIME} when it is event time
     * @throws MalformedRecordException with the reason the record cannot be read
     */
    public Row parse(String text, long arrivalTime) throws MalformedRecordException {
        if (kinds == null) {
            kinds = new JsonValueKind[slots];
            texts = new String[slots];
            found = new byte[slots];
            keysFound = new String[slots];
            otherKeysFound = new String[slots];
        }
        Arrays.fill(found, NOT_FOUND);
        readFields(text);

        int n = schema.size();
        Row row = Row.withPositions(arity);
        for (int i = 0; i < n; i++) {
            if (i != declaredArrival) {
                row.setField(i, columnValue(i));
            }
        }
        LocalDateTime rowtimeValue = rowtime.isEventTime() ? rowtimeValue(arrivalTime) : null;
        if (this.arrivalTime != null) {
            row.setField(arrivalPosition, arrivalTimeValue(arrivalTime, rowtimeValue));
        }
        if (rowtimeValue != null) {
            row.setField(arity - 1, rowtimeValue);
        }
        return row;
    }

    /** Parses a record without arrival time. */
    public Row parse(String text) throws MalformedRecordException {
        return parse(text, RawRecord.NO_ARRIVAL_TIME);
    }

    private void readFields(String text) throws MalformedRecordException {
        try (JsonParser json = JSON.createParser(text)) {
            JsonToken token = json.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedRecordException(
                        token == null ? "empty record" : "not a JSON object");
            }
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                json.nextToken();
                int[] exact = exactSlots.get(key);
                int[] ignoringCase =
                        exact == null
                                ? lowerCaseSlots.get(key.toLowerCase(Locale.ROOT))
                                : alsoIgnoringCase.get(key);
                if (exact == null && ignoringCase == null) {
                    json.skipChildren();
                    continue;
                }
                JsonValueKind kind = kindOf(json.currentToken());
                String value = valueText(json, kind, text);
                if (exact != null) {
                    for (int slot : exact) {
                        store(slot, FOUND_EXACTLY, key, kind, value);
                    }
                }
                if (ignoringCase != null) {
                    for (int slot : ignoringCase) {
                        store(slot, FOUND_IGNORING_CASE, key, kind, value);
                    }
                }
            }
            if (json.nextToken() != null) {
                throw new MalformedRecordException("more than one JSON value in the record");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not JSON: " + jsonProblem(e));
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage());
        }
    }

    private void store(int slot, byte how, String key, JsonValueKind kind, String value) {
        byte before = found[slot];
        if (how == FOUND_IGNORING_CASE) {
            if (before == FOUND_EXACTLY || before == AMBIGUOUS) {
                return;
            }
            if (before == FOUND_IGNORING_CASE && !keysFound[slot].equals(key)) {
                found[slot] = AMBIGUOUS;
                otherKeysFound[slot] = key;
                return;
            }
        }
        found[slot] = how;
        keysFound[slot] = key;
        kinds[slot] = kind;
        texts[slot] = value;
    }

    private Object columnValue(int column) throws MalformedRecordException {
        KdaColumn definition = schema.columns().get(column);
        Object value;
        try {
            value = slotValue(column, coercions[column]);
        } catch (CoercionException e) {
            throw MalformedRecordException.coercion(
                    "column " + definition.name() + ": " + e.getMessage());
        }
        if (value == null && notNull[column]) {
            throw MalformedRecordException.coercion(
                    "column "
                            + definition.name()
                            + ": "
                            + (found[column] == NOT_FOUND ? "missing" : "null")
                            + ", but the column is NOT NULL");
        }
        return value;
    }

    private LocalDateTime rowtimeValue(long arrivalTime) throws MalformedRecordException {
        if (rowtime.kind() == RowtimeMode.Kind.ARRIVAL) {
            if (arrivalTime == RawRecord.NO_ARRIVAL_TIME) {
                throw MalformedRecordException.coercion("ROWTIME: the record has no arrival time");
            }
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(arrivalTime), ZoneOffset.UTC);
        }
        int slot = rowtimeSlot;
        String where = "ROWTIME field " + rowtime.fieldName() + ": ";
        LocalDateTime value;
        try {
            value = (LocalDateTime) slotValue(slot, timestampCoercion);
        } catch (CoercionException e) {
            throw MalformedRecordException.coercion(where + e.getMessage());
        }
        if (value == null) {
            throw MalformedRecordException.coercion(
                    where + (found[slot] == NOT_FOUND ? "missing" : "null"));
        }
        return value;
    }

    /**
     * The {@code APPROXIMATE_ARRIVAL_TIME} of a record, by {@link #arrivalTime}.
     *
     * @param rowtimeValue the row's event-time {@code ROWTIME}, null with processing time (then
     *     {@code rowtime} means the time the record is read)
     */
    private LocalDateTime arrivalTimeValue(long recordArrival, LocalDateTime rowtimeValue)
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
                    value = (LocalDateTime) slotValue(arrivalSlot, timestampCoercion);
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

    private Object slotValue(int slot, JsonCoercion coercion)
            throws CoercionException, MalformedRecordException {
        switch (found[slot]) {
            case NOT_FOUND:
                return null;
            case AMBIGUOUS:
                throw new CoercionException(
                        "the keys \""
                                + keysFound[slot]
                                + "\" and \""
                                + otherKeysFound[slot]
                                + "\" both match it ignoring case, and none exactly");
            default:
                if (kinds[slot] == JsonValueKind.NULL) {
                    return null;
                }
                return coercion.coerce(kinds[slot], texts[slot]);
        }
    }

    private static JsonValueKind kindOf(JsonToken token) {
        switch (token) {
            case VALUE_NULL:
                return JsonValueKind.NULL;
            case VALUE_TRUE:
                return JsonValueKind.TRUE;
            case VALUE_FALSE:
                return JsonValueKind.FALSE;
            case VALUE_NUMBER_INT:
                return JsonValueKind.INTEGER;
            case VALUE_NUMBER_FLOAT:
                return JsonValueKind.DECIMAL;
            case VALUE_STRING:
                return JsonValueKind.STRING;
            case START_OBJECT:
                return JsonValueKind.OBJECT;
            case START_ARRAY:
                return JsonValueKind.ARRAY;
            default:
                throw new IllegalStateException("not a JSON value: " + token);
        }
    }

    /**
     * The value's text: a string's content, a number as written, an object's or array's JSON source
     * (the parser is moved past its end).
     */
    private static String valueText(JsonParser json, JsonValueKind kind, String record)
            throws IOException {
        switch (kind) {
            case OBJECT:
            case ARRAY:
                int start = (int) json.currentTokenLocation().getCharOffset();
                json.skipChildren();
                int end = (int) json.currentLocation().getCharOffset();
                return record.substring(start, end);
            case NULL:
                return "null";
            default:
                return json.getText();
        }
    }

    /** Jackson's message without its location (the record is one line anyway). */
    private static String jsonProblem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
