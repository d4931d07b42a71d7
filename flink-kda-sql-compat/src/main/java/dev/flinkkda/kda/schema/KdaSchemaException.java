package dev.flinkkda.kda.schema;

/**
 * A schema text that cannot be used: a syntax error, an unknown or unsupported type, a column
 * declared twice. The message names where, e.g. {@code column 37: syntax error at 'DOUBL': expected
 * ...} or {@code schema.txt:3:5: column PRICE is declared twice}.
 */
public final class KdaSchemaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public KdaSchemaException(String message) {
        super(message);
    }

    public KdaSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
