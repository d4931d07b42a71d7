package dev.flinkkda.kda.json;

/**
 * A record that {@link JsonRecordParser} cannot turn into a row; the message is the reason, e.g.
 * {@code column PRICE: cannot convert "abc" to DOUBLE}. Thrown once per malformed record, so it
 * carries no stack trace.
 */
public final class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String reason) {
        super(reason, null, false, false);
    }
}
