package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Row;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * Turns one JSON record into a Flink {@link Row} of an input stream's columns, by KDA's coercion
 * rules ({@link JsonCoercion}), and takes its {@code ROWTIME} ({@link RowtimeMode}): the {@link
 * RecordMapper} of {@link RecordFormat#jsonLines()}, the default case of KDA's record mappings.
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

    private static final long serialVersionUID = 2L;

    private final RecordMapper mapper;

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
        this.mapper = RecordMapper.of(schema, RecordFormat.jsonLines(), rowtime, arrivalTime);
    }

    /** The general mapping this parser is the JSON-lines case of. */
    public RecordMapper mapper() {
        return mapper;
    }

    /** The input's columns. */
    public KdaSchema schema() {
        return mapper.schema();
    }

    /** Where {@code ROWTIME} comes from. */
    public RowtimeMode rowtimeMode() {
        return mapper.rowtimeMode();
    }

    /** Where {@code APPROXIMATE_ARRIVAL_TIME} comes from; null if the rows do not have it. */
    public ArrivalTimeMode arrivalTimeMode() {
        return mapper.arrivalTimeMode();
    }

    /**
     * The type of the rows: the schema's columns, then {@code APPROXIMATE_ARRIVAL_TIME} (with an
     * {@link ArrivalTimeMode}, unless the schema declares it), then {@code ROWTIME} when it is
     * event time.
     */
    public RowTypeInfo rowType() {
        return mapper.rowType();
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
        return mapper.rows(text, arrivalTime).get(0); // JSON lines: one row per record
    }

    /** Parses a record without arrival time. */
    public Row parse(String text) throws MalformedRecordException {
        return parse(text, RawRecord.NO_ARRIVAL_TIME);
    }
}
