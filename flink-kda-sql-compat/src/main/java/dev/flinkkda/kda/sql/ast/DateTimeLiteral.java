package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * {@code DATE '2018-08-01'}, {@code TIME '11:00:20'}, {@code TIMESTAMP '2018-08-01 11:00:20'}.
 *
 * @param value the string as written; the analyser checks its format
 */
public record DateTimeLiteral(SourcePosition position, Kind kind, String value)
        implements Expression {

    /** The literal's type. */
    public enum Kind {
        DATE,
        TIME,
        TIMESTAMP
    }

    public DateTimeLiteral {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
