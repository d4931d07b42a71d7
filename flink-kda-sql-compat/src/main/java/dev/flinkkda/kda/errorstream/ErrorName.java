package dev.flinkkda.kda.errorstream;

/**
 * Why a row went to {@code error_stream}: its {@code ERROR_NAME}. KDA lists the kinds of error it
 * reports there (a record that does not fit the input schema, a value that cannot be converted,
 * division by zero, rows out of order) but not the names it gives them; these are flink-kda's.
 */
public enum ErrorName {

    /**
     * An input record that cannot be read: not JSON, not a JSON object where one is expected, a CSV
     * record without rows, or a CSV row whose quoted field is broken.
     */
    MALFORMED_RECORD,

    /**
     * An input value that cannot be converted to its column's type, a missing or null value of a
     * NOT NULL column, or no usable {@code ROWTIME}.
     */
    COERCION_ERROR,

    /** An input row whose {@code ROWTIME} is behind the watermark: KDA's rows out of order. */
    LATE_ROW,

    /** A pump divided by zero ({@code /} or {@code MOD}). */
    DIVISION_BY_ZERO,

    /** A pump's {@code CAST} of a string that is no value of the target type. */
    CAST_ERROR,

    /** A pump's integer arithmetic or conversion beyond its type's range. */
    NUMERIC_OVERFLOW,

    /**
     * A function that fails on the row's values: {@code SUBSTRING} with a negative length, {@code
     * CHAR_TO_TIME} of a text its format does not match.
     */
    FUNCTION_ERROR
}
