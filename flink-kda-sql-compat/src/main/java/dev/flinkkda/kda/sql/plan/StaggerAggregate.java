package dev.flinkkda.kda.sql.plan;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

import java.util.Objects;

/**
 * One aggregate a stagger window computes in flink-kda's operator.
 *
 * @param argumentColumn the input column it aggregates; -1 for {@code COUNT(*)}
 * @param argumentType that column's type; {@code null} for {@code COUNT(*)}
 */
public record StaggerAggregate(Function function, int argumentColumn, DataType argumentType) {

    /** The aggregates the stagger operator computes. */
    public enum Function {
        COUNT_ALL,
        COUNT,
        SUM,
        AVG,
        MIN,
        MAX
    }

    public StaggerAggregate {
        Objects.requireNonNull(function, "function");
        if ((function == Function.COUNT_ALL) != (argumentColumn < 0)) {
            throw new IllegalArgumentException("COUNT(*) alone has no argument");
        }
    }

    /** How values are added up: by the argument's type. */
    public enum Arithmetic {
        LONG,
        DOUBLE,
        DECIMAL,
        NONE
    }

    public Arithmetic arithmetic() {
        return argumentType == null ? Arithmetic.NONE : arithmeticOf(argumentType.getLogicalType());
    }

    private static Arithmetic arithmeticOf(LogicalType type) {
        if (type.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return Arithmetic.LONG;
        }
        if (type.is(LogicalTypeFamily.APPROXIMATE_NUMERIC)) {
            return Arithmetic.DOUBLE;
        }
        if (type instanceof DecimalType) {
            return Arithmetic.DECIMAL;
        }
        return Arithmetic.NONE;
    }

    /**
     * The type of the result: {@code BIGINT} counts, sums as wide as they need, extremes as the
     * input.
     */
    public DataType resultType() {
        switch (function) {
            case COUNT_ALL:
            case COUNT:
                return DataTypes.BIGINT();
            case MIN:
            case MAX:
                return argumentType;
            default:
                switch (arithmetic()) {
                    case LONG:
                        return DataTypes.BIGINT();
                    case DOUBLE:
                        return DataTypes.DOUBLE();
                    case DECIMAL:
                        return DataTypes.DECIMAL(
                                38, ((DecimalType) argumentType.getLogicalType()).getScale());
                    default:
                        throw new IllegalArgumentException(
                                function + " of a non-numeric type " + argumentType);
                }
        }
    }
}
