package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SQL type as written: {@code VARCHAR(4)}, {@code DECIMAL(10, 2)}, {@code TIMESTAMP}, {@code
 * INTERVAL DAY TO SECOND}.
 *
 * @param precision the length of character and binary types, the precision of {@code DECIMAL},
 *     {@code FLOAT}, {@code TIME} and {@code TIMESTAMP}; empty when not written
 * @param scale the scale of {@code DECIMAL(p, s)}; empty when not written
 * @param intervalQualifier the units of an {@code INTERVAL} type, empty for the other types
 */
public record DataType(
        SourcePosition position,
        TypeName name,
        OptionalInt precision,
        OptionalInt scale,
        Optional<IntervalQualifier> intervalQualifier)
        implements Node {

    public DataType {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(intervalQualifier, "intervalQualifier");
        if ((name == TypeName.INTERVAL) != intervalQualifier.isPresent()) {
            throw new IllegalArgumentException("an interval qualifier goes with INTERVAL only");
        }
    }

    /** A type without parameters, e.g. {@code BIGINT}. */
    public static DataType of(SourcePosition position, TypeName name) {
        return new DataType(
                position, name, OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }
}
