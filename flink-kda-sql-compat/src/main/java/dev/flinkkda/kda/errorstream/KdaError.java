package dev.flinkkda.kda.errorstream;

import dev.flinkkda.kda.json.RowJsonFormatter;

import org.apache.flink.types.Row;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One row of {@code error_stream}: a record or row that did not reach its stream, with why.
 *
 * @param errorTime when the error was found (UTC, the clock of the task that found it)
 * @param name the kind of error
 * @param message what went wrong and where, e.g. {@code trades.jsonl:7: column PRICE: cannot
 *     convert "abc" to DOUBLE}
 * @param dataRowtime the {@code ROWTIME} of the row, null when the record had none
 * @param dataRow the record as read (an input record's text) or the row as JSON (a pump's input
 *     row), before hex encoding
 * @param pumpName the pump whose expression failed; null for an input record
 */
public record KdaError(
        LocalDateTime errorTime,
        ErrorName name,
        String message,
        LocalDateTime dataRowtime,
        String dataRow,
        String pumpName) {

    /**
     * {@code ERROR_LEVEL} of every error flink-kda reports: the row is left out, the job goes on.
     */
    public static final String LEVEL = "ERROR";

    /** How much of a pump's row {@link #describe} shows. */
    private static final int DESCRIBED_ROW_LENGTH = 400;

    public KdaError {
        Objects.requireNonNull(errorTime, "errorTime");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dataRow, "dataRow");
    }

    /** The row of {@code error_stream} ({@link ErrorStream#COLUMNS}). */
    public Row toRow() {
        return Row.of(
                errorTime.truncatedTo(ChronoUnit.MILLIS), // the column is TIMESTAMP(3)
                LEVEL,
                name.name(),
                ErrorStream.fit(message, ErrorStream.MESSAGE_LENGTH),
                dataRowtime,
                ErrorStream.fit(ErrorStream.hex(dataRow), ErrorStream.DATA_ROW_LENGTH),
                pumpName);
    }

    /**
     * The line printed for the error on stderr: an input record's message names where it was read;
     * a pump's error names the pump and the row, e.g. {@code pump "P": division by zero, row
     * 2024-05-01 10:00:01 {"T":"B","QTY":3}}.
     */
    public String describe() {
        if (pumpName == null) {
            return message;
        }
        String row = ErrorStream.fit(dataRow, DESCRIBED_ROW_LENGTH);
        return "pump \""
                + pumpName
                + "\": "
                + message
                + ", row "
                + (dataRowtime == null ? "" : RowJsonFormatter.formatTimestamp(dataRowtime) + " ")
                + row
                + (row.length() < dataRow.length() ? "…" : "");
    }
}
