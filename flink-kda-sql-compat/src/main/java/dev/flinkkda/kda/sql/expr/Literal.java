package dev.flinkkda.kda.sql.expr;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/**
 * A constant.
 *
 * @param value the value as KDA wrote it: the digits of a number, the characters of a string (no
 *     quotes), the hex digits of a binary string, the text of a date, time, timestamp or interval
 *     value; empty for {@code NULL}
 * @param qualifier an interval's units, e.g. {@code MINUTE TO SECOND}, with a leading {@code -} for
 *     a negative interval; empty for other kinds
 */
public record Literal(Kind kind, String value, String qualifier, DataType type)
        implements TypedExpression {

    /** What kind of constant. */
    public enum Kind {
        NULL,
        BOOLEAN,
        NUMBER,
        STRING,
        BINARY,
        DATE,
        TIME,
        TIMESTAMP,
        INTERVAL
    }

    public Literal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(type, "type");
    }

    public static Literal of(Kind kind, String value, DataType type) {
        return new Literal(kind, value, "", type);
    }
}
