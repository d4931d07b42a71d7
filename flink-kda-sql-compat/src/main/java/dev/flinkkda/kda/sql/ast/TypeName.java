package dev.flinkkda.kda.sql.ast;

/**
 * The SQL types of KDA. Synonyms are folded: {@code INT} is {@link #INTEGER}, {@code DEC} and
 * {@code NUMERIC} are {@link #DECIMAL}, {@code CHARACTER} is {@link #CHAR}, {@code CHAR VARYING} is
 * {@link #VARCHAR}, {@code BINARY VARYING} is {@link #VARBINARY}, {@code DOUBLE PRECISION} is
 * {@link #DOUBLE}.
 */
public enum TypeName {
    BIGINT,
    BINARY,
    BOOLEAN,
    CHAR,
    DATE,
    DECIMAL,
    DOUBLE,
    FLOAT,
    INTEGER,
    INTERVAL,
    REAL,
    SMALLINT,
    TIME,
    TIMESTAMP,
    TINYINT,
    VARBINARY,
    VARCHAR
}
