package dev.flinkkda.kda.sql.ast;

import java.util.Objects;

/**
 * An interval: {@code INTERVAL '1' MINUTE}, {@code INTERVAL '10' SECOND}, {@code INTERVAL '1:30'
 * MINUTE TO SECOND}, {@code INTERVAL -'5' DAY}.
 *
 * @param negative whether a minus sign was written between {@code INTERVAL} and the string
 * @param value the string as written, e.g. {@code 1:30}; the analyser checks it against the
 *     qualifier
 */
public record IntervalLiteral(
        SourcePosition position, boolean negative, String value, IntervalQualifier qualifier)
        implements Expression {

    public IntervalLiteral {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(qualifier, "qualifier");
    }
}
