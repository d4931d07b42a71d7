package dev.flinkkda.kda.sql.types;

import dev.flinkkda.kda.sql.ast.DataType;

import org.apache.flink.table.api.DataTypes;

import java.util.OptionalInt;

/**
 * The Flink types of KDA's SQL types, and their text.
 *
 * <table>
 *   <caption>KDA type → Flink type</caption>
 *   <tr><td>{@code VARCHAR(n)}, {@code CHAR(n)}</td><td>{@code VARCHAR(n)}, {@code CHAR(n)};
 *       {@code VARCHAR} without a length is {@code STRING}, {@code CHAR} is {@code CHAR(1)}</td></tr>
 *   <tr><td>{@code TINYINT}, {@code SMALLINT}, {@code INTEGER}, {@code BIGINT}</td>
 *       <td>the same</td></tr>
 *   <tr><td>{@code DOUBLE}, {@code FLOAT}, {@code FLOAT(p)}</td><td>{@code DOUBLE}: in KDA (SQLstream)
 *       {@code FLOAT} is a 64-bit floating point number, like {@code DOUBLE}</td></tr>
 *   <tr><td>{@code REAL}</td><td>{@code FLOAT} (32 bits)</td></tr>
 *   <tr><td>{@code DECIMAL(p, s)}</td><td>the same; {@code DECIMAL} is {@code DECIMAL(19, 0)}, KDA's
 *       default</td></tr>
 *   <tr><td>{@code BOOLEAN}, {@code DATE}</td><td>the same</td></tr>
 *   <tr><td>{@code TIME}, {@code TIME(p)}</td><td>{@code TIME(0)}, {@code TIME(p)}</td></tr>
 *   <tr><td>{@code TIMESTAMP}, {@code TIMESTAMP(p)}</td><td>{@code TIMESTAMP(3)} (KDA keeps
 *       milliseconds), {@code TIMESTAMP(p)}</td></tr>
 *   <tr><td>{@code BINARY(n)}, {@code VARBINARY(n)}</td><td>the same; {@code VARBINARY} without a
 *       length is {@code BYTES}, {@code BINARY} is {@code BINARY(1)}</td></tr>
 *   <tr><td>{@code INTERVAL …}</td><td>rejected: KDA does not allow it as a column type</td></tr>
 * </table>
 */
public final class KdaTypes {

    /** The precision of a {@code TIMESTAMP} column whose precision is not written. */
    public static final int DEFAULT_TIMESTAMP_PRECISION = 3;

    /** KDA's {@code DECIMAL} without precision: 19 digits, none after the point. */
    public static final int DEFAULT_DECIMAL_PRECISION = 19;

    private KdaTypes() {}

    /**
     * The Flink type of a KDA column type; nullable (the caller adds {@code NOT NULL}).
     *
     * @throws IllegalArgumentException for {@code INTERVAL} and for lengths or precisions out of
     *     range, with a message naming the type
     */
    public static org.apache.flink.table.types.DataType toFlink(DataType type) {
        OptionalInt precision = type.precision();
        String text = toText(type);
        switch (type.name()) {
            case VARCHAR:
                return precision.isPresent()
                        ? DataTypes.VARCHAR(length(text, precision.getAsInt()))
                        : DataTypes.STRING();
            case CHAR:
                return DataTypes.CHAR(length(text, precision.orElse(1)));
            case VARBINARY:
                return precision.isPresent()
                        ? DataTypes.VARBINARY(length(text, precision.getAsInt()))
                        : DataTypes.BYTES();
            case BINARY:
                return DataTypes.BINARY(length(text, precision.orElse(1)));
            case TINYINT:
                return DataTypes.TINYINT();
            case SMALLINT:
                return DataTypes.SMALLINT();
            case INTEGER:
                return DataTypes.INT();
            case BIGINT:
                return DataTypes.BIGINT();
            case DOUBLE:
            case FLOAT:
                return DataTypes.DOUBLE();
            case REAL:
                return DataTypes.FLOAT();
            case DECIMAL:
                {
                    int p = precision.orElse(DEFAULT_DECIMAL_PRECISION);
                    int s = type.scale().orElse(0);
                    if (p < 1 || p > 38) {
                        throw new IllegalArgumentException(
                                text + ": the precision must be between 1 and 38");
                    }
                    if (s > p) {
                        throw new IllegalArgumentException(
                                text + ": the scale cannot exceed the precision");
                    }
                    return DataTypes.DECIMAL(p, s);
                }
            case BOOLEAN:
                return DataTypes.BOOLEAN();
            case DATE:
                return DataTypes.DATE();
            case TIME:
                return DataTypes.TIME(fractionDigits(text, precision.orElse(0)));
            case TIMESTAMP:
                return DataTypes.TIMESTAMP(
                        fractionDigits(text, precision.orElse(DEFAULT_TIMESTAMP_PRECISION)));
            case INTERVAL:
                throw new IllegalArgumentException(
                        text + " cannot be the type of a stream column (nor can it in KDA)");
            default:
                throw new IllegalArgumentException("unknown type " + text);
        }
    }

    /**
     * The type as KDA users write it, in upper case, e.g. {@code VARCHAR(4)}, {@code
     * DECIMAL(10,2)}, {@code TIMESTAMP}, {@code INTERVAL DAY TO SECOND}.
     */
    public static String toText(DataType type) {
        StringBuilder text = new StringBuilder(type.name().name());
        type.intervalQualifier().ifPresent(q -> text.append(' ').append(q));
        type.precision()
                .ifPresent(
                        p -> {
                            text.append('(').append(p);
                            type.scale().ifPresent(s -> text.append(',').append(s));
                            text.append(')');
                        });
        return text.toString();
    }

    private static int length(String text, int length) {
        if (length < 1) {
            throw new IllegalArgumentException(text + ": the length must be at least 1");
        }
        return length;
    }

    private static int fractionDigits(String text, int precision) {
        if (precision > 9) {
            throw new IllegalArgumentException(
                    text + ": at most 9 digits of fractional seconds are supported");
        }
        return precision;
    }
}
