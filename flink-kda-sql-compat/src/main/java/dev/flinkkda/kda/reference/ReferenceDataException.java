package dev.flinkkda.kda.reference;

/**
 * A reference file that cannot be loaded: missing, unreadable, or with a record that does not fit
 * the table's columns. The message says where, e.g. {@code /data/companies.csv:3: column Price:
 * cannot convert "abc" to DOUBLE}.
 *
 * <p>A reference table is small and static, so a bad record fails the application when it starts,
 * before any stream row is processed, rather than being skipped: a row missing from a reference
 * table would silently change every join result that needs it.
 */
public final class ReferenceDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReferenceDataException(String message) {
        super(message);
    }

    public ReferenceDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
