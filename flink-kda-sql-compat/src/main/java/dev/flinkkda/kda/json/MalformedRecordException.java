package dev.flinkkda.kda.json;

import dev.flinkkda.kda.errorstream.ErrorName;

/**
 * A record that {@link JsonRecordParser} cannot turn into a row; the message is the reason, e.g.
 * {@code column PRICE: cannot convert "abc" to DOUBLE}. Thrown once per malformed record, so it
 * carries no stack trace.
 */
public final class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorName errorName;

    /** A record that is no JSON object ({@link ErrorName#MALFORMED_RECORD}). */
    public MalformedRecordException(String reason) {
        this(ErrorName.MALFORMED_RECORD, reason);
    }

    private MalformedRecordException(ErrorName errorName, String reason) {
        super(reason, null, false, false);
        this.errorName = errorName;
    }

    /**
     * A JSON object with a value that does not fit its column, or no usable {@code ROWTIME} ({@link
     * ErrorName#COERCION_ERROR}).
     */
    public static MalformedRecordException coercion(String reason) {
        return new MalformedRecordException(ErrorName.COERCION_ERROR, reason);
    }

    /**
     * This error in row {@code row} of a record of {@code rows} rows: the same {@code ERROR_NAME},
     * the reason prefixed with {@code row 2 of 3: }.
     */
    public MalformedRecordException inRow(int row, int rows) {
        return new MalformedRecordException(
                errorName, "row " + row + " of " + rows + ": " + getMessage());
    }

    /** The record's {@code ERROR_NAME} in {@code error_stream}. */
    public ErrorName errorName() {
        return errorName;
    }
}
