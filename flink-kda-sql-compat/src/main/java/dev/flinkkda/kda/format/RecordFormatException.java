package dev.flinkkda.kda.format;

import java.util.Optional;

/**
 * A record format that cannot read an input's columns, e.g. a {@code Mapping} for a column the
 * schema does not have, or two arrays flattened into rows. The message names the column (or the
 * {@code RecordRowPath}) and why; {@link #columnName()} lets a caller put where the column's
 * configuration is in front of it.
 */
public final class RecordFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String columnName;

    /**
     * @param columnName the column whose {@code Mapping} is at fault, null for the format itself
     *     (e.g. its {@code RecordRowPath})
     */
    public RecordFormatException(String columnName, String message) {
        super(message);
        this.columnName = columnName;
    }

    /** The column whose {@code Mapping} is at fault; empty for the format's own settings. */
    public Optional<String> columnName() {
        return Optional.ofNullable(columnName);
    }
}
