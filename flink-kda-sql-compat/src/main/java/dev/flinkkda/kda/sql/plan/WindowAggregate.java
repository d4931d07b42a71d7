package dev.flinkkda.kda.sql.plan;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

import java.util.Objects;

/**
 * One aggregate a flink-kda window operator computes over argument columns of its input rows: a
 * stagger window's aggregate, or an analytic function over a {@code RANGE} window (per-event
 * sliding windows). The rows come to it in window order (by {@code ROWTIME}, then arrival).
 *
 * @param argumentColumn the input column it aggregates; -1 for {@code COUNT(*)}
 * @param argumentType that column's type; {@code null} for {@code COUNT(*)}
 * @param secondColumn {@code LAG}'s default (-1 for none: null) and {@code EXP_AVG}'s {@code
 *     ROWTIME}; -1 for the others
 * @param parameter {@code LAG}'s offset, {@code NTH_VALUE}'s n, {@code EXP_AVG}'s half-life in
 *     milliseconds; 0 for the others
 * @param ignoreNulls {@code IGNORE NULLS} ({@code FIRST_VALUE}, {@code LAST_VALUE}, {@code
 *     NTH_VALUE}, {@code LAG}); the others skip nulls as SQL aggregates do
 * @param fromLast {@code NTH_VALUE … FROM LAST}
 * @param distinct {@code AGG(DISTINCT x)} ({@code COUNT}, {@code SUM}, {@code AVG} and the
 *     variances): the aggregate of the window's distinct non-null values, kept as a set per window
 */
public record WindowAggregate(
        Function function,
        int argumentColumn,
        DataType argumentType,
        int secondColumn,
        long parameter,
        boolean ignoreNulls,
        boolean fromLast,
        boolean distinct) {

    /** The aggregates the operators compute. */
    public enum Function {
        COUNT_ALL,
        COUNT,
        SUM,
        AVG,
        MIN,
        MAX,
        VAR_POP,
        VAR_SAMP,
        STDDEV_POP,
        STDDEV_SAMP,
        FIRST_VALUE,
        LAST_VALUE,
        NTH_VALUE,
        LAG,
        EXP_AVG
    }

    public WindowAggregate {
        Objects.requireNonNull(function, "function");
        if ((function == Function.COUNT_ALL) != (argumentColumn < 0)) {
            throw new IllegalArgumentException("COUNT(*) alone has no argument");
        }
        if ((function == Function.NTH_VALUE && parameter < 1)
                || (function == Function.LAG && parameter < 0)
                || (function == Function.EXP_AVG && (parameter <= 0 || secondColumn < 0))) {
            throw new IllegalArgumentException(function + ": bad parameter " + parameter);
        }
        if (distinct && !DISTINCT_FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException(function + " has no DISTINCT form here");
        }
    }

    /**
     * The aggregates whose {@code DISTINCT} form differs from the plain one ({@code MIN} and {@code
     * MAX} of the distinct values are those of all values).
     */
    public static final java.util.Set<Function> DISTINCT_FUNCTIONS =
            java.util.EnumSet.of(
                    Function.COUNT,
                    Function.SUM,
                    Function.AVG,
                    Function.VAR_POP,
                    Function.VAR_SAMP,
                    Function.STDDEV_POP,
                    Function.STDDEV_SAMP);

    /** A plain aggregate of one column ({@code argumentColumn} -1 and no type for COUNT(*)). */
    public static WindowAggregate of(Function function, int argumentColumn, DataType argumentType) {
        return new WindowAggregate(
                function, argumentColumn, argumentType, -1, 0, false, false, false);
    }

    /** {@code function(DISTINCT column)}. */
    public static WindowAggregate distinct(
            Function function, int argumentColumn, DataType argumentType) {
        return new WindowAggregate(
                function, argumentColumn, argumentType, -1, 0, false, false, true);
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
     * The type of the result: {@code BIGINT} counts, sums as wide as they need, extremes and values
     * of rows as the input, variances and {@code EXP_AVG} as {@code DOUBLE}.
     */
    public DataType resultType() {
        switch (function) {
            case COUNT_ALL:
            case COUNT:
                return DataTypes.BIGINT();
            case MIN:
            case MAX:
            case FIRST_VALUE:
            case LAST_VALUE:
            case NTH_VALUE:
            case LAG:
                return argumentType;
            case VAR_POP:
            case VAR_SAMP:
            case STDDEV_POP:
            case STDDEV_SAMP:
            case EXP_AVG:
                requireNumeric();
                return DataTypes.DOUBLE();
            default:
                switch (requireNumeric()) {
                    case LONG:
                        return DataTypes.BIGINT();
                    case DOUBLE:
                        return DataTypes.DOUBLE();
                    default:
                        return DataTypes.DECIMAL(
                                38, ((DecimalType) argumentType.getLogicalType()).getScale());
                }
        }
    }

    private Arithmetic requireNumeric() {
        Arithmetic arithmetic = arithmetic();
        if (arithmetic == Arithmetic.NONE) {
            throw new IllegalArgumentException(function + " of a non-numeric type " + argumentType);
        }
        return arithmetic;
    }

    /**
     * How it is written in the translation's comments, e.g. {@code LAG(`__A1`, 2) IGNORE NULLS}.
     */
    public String describe(java.util.function.IntFunction<String> columnName) {
        if (function == Function.COUNT_ALL) {
            return "COUNT(*)";
        }
        StringBuilder text =
                new StringBuilder(function.name())
                        .append('(')
                        .append(distinct ? "DISTINCT " : "")
                        .append(columnName.apply(argumentColumn));
        switch (function) {
            case NTH_VALUE:
                text.append(", ").append(parameter);
                break;
            case LAG:
                text.append(", ").append(parameter);
                if (secondColumn >= 0) {
                    text.append(", ").append(columnName.apply(secondColumn));
                }
                break;
            case EXP_AVG:
                text.append(", ").append(parameter).append(" ms half-life over ");
                text.append(columnName.apply(secondColumn));
                break;
            default:
                break;
        }
        text.append(')');
        if (fromLast) {
            text.append(" FROM LAST");
        }
        if (ignoreNulls) {
            text.append(" IGNORE NULLS");
        }
        return text.toString();
    }
}
