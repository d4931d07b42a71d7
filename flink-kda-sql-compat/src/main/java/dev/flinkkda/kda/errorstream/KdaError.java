package dev.flinkkda.kda.errorstream;

import org.apache.flink.types.Row;

import java.time.LocalDateTime;
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

    public KdaError {
        Objects.requireNonNull(errorTime, "errorTime");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(dataRow, "dataRow");
    }

    /** The row of {@code error_stream} ({@link ErrorStream#COLUMNS}). */
    public Row toRow() {
        return Row.of(
                errorTime,
                LEVEL,
                name.name(),
                ErrorStream.fit(message, ErrorStream.MESSAGE_LENGTH),
                dataRowtime,
                ErrorStream.fit(ErrorStream.hex(dataRow), ErrorStream.DATA_ROW_LENGTH),
                pumpName);
    }

    /** {@code message}, and the pump when there is one: the line printed for it on stderr. */
    public String describe() {
        return pumpName == null ? message : "pump \"" + pumpName + "\": " + message;
    }
}
