package dev.flinkkda.kda.json;

/** The kind of a JSON value, as far as KDA's coercion rules tell kinds apart. */
enum JsonValueKind {
    NULL,
    TRUE,
    FALSE,
    /** A number without fraction or exponent, e.g. {@code 42}. */
    INTEGER,
    /** A number with a fraction or an exponent, e.g. {@code 4.2} or {@code 1e3}. */
    DECIMAL,
    STRING,
    OBJECT,
    ARRAY
}
