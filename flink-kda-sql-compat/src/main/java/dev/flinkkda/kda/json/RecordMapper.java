package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.types.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * KDA's record mapping: how the text of one record becomes the rows of an input's (or a reference
 * table's) columns, by its {@link RecordFormat} — JSON with a {@code RecordRowPath} and JSONPath
 * mappings ({@link JsonRecordReader}), or CSV with row and column delimiters ({@link
 * CsvRecordReader}) — and KDA's coercion rules ({@link JsonCoercion}).
 *
 * <p>A record gives 0..n rows: one for {@link RecordFormat#jsonLines()}, one per element of a
 * flattened array, one per CSV row. A row whose value does not fit its column is an error of that
 * row ({@code COERCION_ERROR}, its reason prefixed with {@code row 2 of 3: } in a record of several
 * rows) and the record's other rows go on; a record that cannot be read at all (not JSON, no rows)
 * is one error ({@code MALFORMED_RECORD}). The rows have the columns, {@code
 * APPROXIMATE_ARRIVAL_TIME} and {@code ROWTIME} as {@link #rowType()} says.
 *
 * <p>Serializable, to be shipped inside a Flink function; not thread-safe (it reuses buffers).
 */
public final class RecordMapper implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a record's rows, and the errors of rows that could not be made, go. */
    public interface Output {
        /** A row of the record. */
        void row(Row row);

        /** A row (or the whole record) that could not be made, with why. */
        void error(MalformedRecordException error);
    }

    private final RecordFormat format;
    private final RowAssembler assembler;
    private final RecordReader reader;

    private RecordMapper(RecordFormat format, RowAssembler assembler, RecordReader reader) {
        this.format = format;
        this.assembler = assembler;
        this.reader = reader;
    }

    /**
     * The mapping of an input's records.
     *
     * @param rowtime where {@code ROWTIME} comes from; with {@link RowtimeMode.Kind#ARRIVAL} the
     *     record's arrival time is required
     * @param arrivalTime where {@code APPROXIMATE_ARRIVAL_TIME} comes from; null for rows without
     *     it (e.g. a reference table's)
     * @throws dev.flinkkda.kda.format.RecordFormatException for mappings the schema cannot use (a
     *     column it does not have, two arrays flattened)
     * @throws IllegalArgumentException for a {@code ROWTIME} field that a CSV record cannot have,
     *     or an {@code APPROXIMATE_ARRIVAL_TIME} column that is no {@code TIMESTAMP}
     */
    public static RecordMapper of(
            KdaSchema schema,
            RecordFormat format,
            RowtimeMode rowtime,
            ArrivalTimeMode arrivalTime) {
        Objects.requireNonNull(format, "format");
        RowAssembler assembler = new RowAssembler(schema, rowtime, arrivalTime);
        RecordReader reader;
        if (format instanceof RecordFormat.Json json) {
            reader = new JsonRecordReader(json, assembler);
        } else {
            reader = new CsvRecordReader((RecordFormat.Csv) format, assembler);
        }
        return new RecordMapper(format, assembler, reader);
    }

    /**
     * The mapping of a reference table's records: the columns only, no {@code ROWTIME} or {@code
     * APPROXIMATE_ARRIVAL_TIME}.
     */
    public static RecordMapper of(KdaSchema schema, RecordFormat format) {
        return of(schema, format, RowtimeMode.processing(), null);
    }

    /** The columns. */
    public KdaSchema schema() {
        return assembler.schema();
    }

    /** How the records are written. */
    public RecordFormat format() {
        return format;
    }

    /** Where {@code ROWTIME} comes from. */
    public RowtimeMode rowtimeMode() {
        return assembler.rowtimeMode();
    }

    /** Where {@code APPROXIMATE_ARRIVAL_TIME} comes from; null if the rows do not have it. */
    public ArrivalTimeMode arrivalTimeMode() {
        return assembler.arrivalTimeMode();
    }

    /**
     * The type of the rows: the schema's columns, then {@code APPROXIMATE_ARRIVAL_TIME} (with an
     * {@link ArrivalTimeMode}, unless the schema declares it), then {@code ROWTIME} when it is
     * event time.
     */
    public RowTypeInfo rowType() {
        return assembler.rowType();
    }

    /**
     * Maps one record: each row, and each error of a row or of the whole record, goes to {@code
     * out}, in the record's order.
     *
     * @param arrivalTime the record's arrival time in epoch milliseconds, or {@link
     *     RawRecord#NO_ARRIVAL_TIME}
     */
    public void map(String text, long arrivalTime, Output out) {
        try {
            reader.read(text, arrivalTime, assembler, out);
        } catch (MalformedRecordException e) {
            out.error(e);
        }
    }

    /**
     * The rows of one record without arrival time, e.g. of a reference file.
     *
     * @throws MalformedRecordException the first error of the record or of one of its rows
     */
    public List<Row> rows(String text) throws MalformedRecordException {
        return rows(text, RawRecord.NO_ARRIVAL_TIME);
    }

    /**
     * The rows of one record.
     *
     * @throws MalformedRecordException the first error of the record or of one of its rows
     */
    public List<Row> rows(String text, long arrivalTime) throws MalformedRecordException {
        Collected collected = new Collected();
        map(text, arrivalTime, collected);
        if (collected.error != null) {
            throw collected.error;
        }
        return collected.rows;
    }

    /** Keeps the rows and the first error. */
    private static final class Collected implements Output {
        final List<Row> rows = new ArrayList<>(1);
        MalformedRecordException error;

        @Override
        public void row(Row row) {
            rows.add(row);
        }

        @Override
        public void error(MalformedRecordException e) {
            if (error == null) {
                error = e;
            }
        }
    }
}
