package dev.flinkkda.kda.sql.functions;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeMerging;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link ReturnType}s of the function table, following Flink's own rules. */
public final class ReturnTypes {

    private ReturnTypes() {}

    public static ReturnType fixed(DataType type) {
        return arguments -> type;
    }

    /** The type of the {@code index}-th argument. */
    public static ReturnType argument(int index) {
        return arguments -> arguments.get(index);
    }

    /** The type all arguments from {@code from} on can be converted to ({@code COALESCE}). */
    public static ReturnType common(int from) {
        return arguments -> common(arguments.subList(from, arguments.size()));
    }

    /** {@code +} and {@code -}: numbers, or a datetime and an interval. */
    public static final ReturnType ADDITIVE =
            arguments -> {
                LogicalType left = arguments.get(0).getLogicalType();
                LogicalType right = arguments.get(1).getLogicalType();
                if (isDatetime(left) && isInterval(right)) {
                    return arguments.get(0);
                }
                if (isInterval(left) && isDatetime(right)) {
                    return arguments.get(1);
                }
                if (isInterval(left) && isInterval(right)) {
                    return arguments.get(0);
                }
                return numeric(arguments, LogicalTypeMerging::findAdditionDecimalType);
            };

    /** {@code *}: numbers, or an interval and a number. */
    public static final ReturnType MULTIPLICATIVE =
            arguments -> {
                if (isInterval(arguments.get(0).getLogicalType())) {
                    return arguments.get(0);
                }
                if (isInterval(arguments.get(1).getLogicalType())) {
                    return arguments.get(1);
                }
                return numeric(arguments, LogicalTypeMerging::findMultiplicationDecimalType);
            };

    /** {@code /}: numbers, or an interval divided by a number. */
    public static final ReturnType DIVISION =
            arguments -> {
                if (isInterval(arguments.get(0).getLogicalType())) {
                    return arguments.get(0);
                }
                return numeric(arguments, LogicalTypeMerging::findDivisionDecimalType);
            };

    /** {@code MOD(a, b)}. */
    public static final ReturnType MODULO =
            arguments -> numeric(arguments, LogicalTypeMerging::findModuloDecimalType);

    /** {@code MOD(a, b)} of KDA: integers only. */
    public static final ReturnType INTEGER_MODULO =
            arguments -> {
                for (DataType argument : arguments) {
                    LogicalType type = argument.getLogicalType();
                    if (!isNull(type)
                            && !type.is(LogicalTypeFamily.INTEGER_NUMERIC)
                            && !(type instanceof DecimalType decimal && decimal.getScale() == 0)) {
                        throw new IllegalArgumentException(
                                "KDA's MOD takes integers, not "
                                        + type.copy(true).asSummaryString()
                                        + "; CAST the argument to an integer");
                    }
                }
                return MODULO.of(arguments);
            };

    /**
     * {@code result}, for arguments of the kinds {@code kinds} spells, a letter each, in order:
     * {@code S} a character string, {@code N} a number, {@code V} a number or an interval, {@code
     * T} a date, time or timestamp, {@code P} a timestamp, {@code D} a date, time, timestamp or
     * interval, {@code I} an {@code INTEGER} (or smaller), {@code B} a condition (a {@code
     * BOOLEAN}), {@code *} anything. {@code NULL} is of every kind; arguments past the letters are
     * not checked. What Flink's planner would reject is rejected here, with the call's position.
     */
    public static ReturnType requiring(String kinds, ReturnType result) {
        return arguments -> {
            for (int i = 0; i < arguments.size() && i < kinds.length(); i++) {
                LogicalType type = arguments.get(i).getLogicalType();
                String wanted =
                        switch (kinds.charAt(i)) {
                            case 'S' ->
                                    type.is(LogicalTypeFamily.CHARACTER_STRING)
                                            ? null
                                            : "a character string";
                            case 'N' -> type.is(LogicalTypeFamily.NUMERIC) ? null : "a number";
                            case 'V' ->
                                    type.is(LogicalTypeFamily.NUMERIC) || isInterval(type)
                                            ? null
                                            : "a number or an interval";
                            case 'T' -> isDatetime(type) ? null : "a date, time or timestamp";
                            case 'B' -> type.is(LogicalTypeRoot.BOOLEAN) ? null : "a condition";
                            case 'P' -> type.is(LogicalTypeFamily.TIMESTAMP) ? null : "a timestamp";
                            case 'I' ->
                                    type.is(LogicalTypeRoot.INTEGER)
                                                    || type.is(LogicalTypeRoot.SMALLINT)
                                                    || type.is(LogicalTypeRoot.TINYINT)
                                            ? null
                                            : "an INTEGER";
                            case 'D' ->
                                    isDatetime(type) || isInterval(type)
                                            ? null
                                            : "a datetime or an interval";
                            default -> null;
                        };
                if (wanted != null && !isNull(type)) {
                    throw new IllegalArgumentException(
                            (arguments.size() == 1 ? "" : "argument " + (i + 1) + " ")
                                    + "needs "
                                    + wanted
                                    + ", not "
                                    + type.copy(true).asSummaryString());
                }
            }
            return result.of(arguments);
        };
    }

    /**
     * {@code BOOLEAN}, of arguments Flink can compare with each other ({@code =}, {@code <}, {@code
     * BETWEEN}, {@code IN}): numbers, character strings, binary strings, conditions, timestamps,
     * dates, times, day-time or year-month intervals — each with its own kind only.
     */
    public static final ReturnType COMPARISON =
            arguments -> {
                LogicalType first = null;
                for (DataType argument : arguments) {
                    LogicalType type = argument.getLogicalType();
                    if (isNull(type)) {
                        continue;
                    }
                    if (first == null) {
                        first = type;
                    } else if (!comparable(first, type)) {
                        throw new IllegalArgumentException(
                                "cannot compare "
                                        + first.copy(true).asSummaryString()
                                        + " with "
                                        + type.copy(true).asSummaryString());
                    }
                }
                return DataTypes.BOOLEAN();
            };

    /** Whether Flink compares values of these types (it converts neither to the other's kind). */
    public static boolean comparable(LogicalType a, LogicalType b) {
        for (LogicalTypeFamily family :
                List.of(
                        LogicalTypeFamily.NUMERIC,
                        LogicalTypeFamily.CHARACTER_STRING,
                        LogicalTypeFamily.BINARY_STRING,
                        LogicalTypeFamily.TIMESTAMP)) {
            if (a.is(family) && b.is(family)) {
                return true;
            }
        }
        for (LogicalTypeRoot root :
                List.of(
                        LogicalTypeRoot.BOOLEAN,
                        LogicalTypeRoot.DATE,
                        LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE,
                        LogicalTypeRoot.INTERVAL_DAY_TIME,
                        LogicalTypeRoot.INTERVAL_YEAR_MONTH)) {
            if (a.is(root) && b.is(root)) {
                return true;
            }
        }
        return false;
    }

    /** The argument's type, which must be a number ({@code VAR_POP} …). */
    public static final ReturnType NUMBER_ARGUMENT = requiring("N", argument(0));

    /** {@code BOOLEAN}, of a {@code BOOLEAN} argument ({@code ANY}, {@code EVERY}). */
    public static final ReturnType BOOLEAN_ARGUMENT =
            arguments -> {
                LogicalType type = arguments.get(0).getLogicalType();
                if (!type.is(LogicalTypeRoot.BOOLEAN) && !isNull(type)) {
                    throw new IllegalArgumentException(
                            "needs a condition, not " + type.copy(true).asSummaryString());
                }
                return DataTypes.BOOLEAN();
            };

    private interface DecimalRule {
        DecimalType apply(int p1, int s1, int p2, int s2);
    }

    private static DataType numeric(List<DataType> arguments, DecimalRule decimals) {
        LogicalType left = arguments.get(0).getLogicalType();
        LogicalType right = arguments.get(1).getLogicalType();
        if (isNull(left)) {
            return arguments.get(1);
        }
        if (isNull(right)) {
            return arguments.get(0);
        }
        if (!left.is(LogicalTypeFamily.NUMERIC) || !right.is(LogicalTypeFamily.NUMERIC)) {
            throw new IllegalArgumentException(
                    "cannot compute with "
                            + left.asSummaryString()
                            + " and "
                            + right.asSummaryString());
        }
        if (left.is(LogicalTypeFamily.APPROXIMATE_NUMERIC)
                || right.is(LogicalTypeFamily.APPROXIMATE_NUMERIC)) {
            return common(arguments);
        }
        if (left instanceof DecimalType || right instanceof DecimalType) {
            DecimalType l = asDecimal(left);
            DecimalType r = asDecimal(right);
            return TypeConversions.fromLogicalToDataType(
                    decimals.apply(l.getPrecision(), l.getScale(), r.getPrecision(), r.getScale()));
        }
        return common(arguments);
    }

    private static DecimalType asDecimal(LogicalType type) {
        if (type instanceof DecimalType decimal) {
            return decimal;
        }
        switch (type.getTypeRoot()) {
            case TINYINT:
                return new DecimalType(3, 0);
            case SMALLINT:
                return new DecimalType(5, 0);
            case INTEGER:
                return new DecimalType(10, 0);
            default:
                return new DecimalType(19, 0);
        }
    }

    /** The common type of {@code types}, as Flink finds it; {@code NULL}s fit anything. */
    public static DataType common(List<DataType> types) {
        List<LogicalType> logical = new ArrayList<>();
        for (DataType type : types) {
            logical.add(type.getLogicalType());
        }
        Optional<LogicalType> common = LogicalTypeMerging.findCommonType(logical);
        if (common.isEmpty()) {
            throw new IllegalArgumentException(
                    "no common type of "
                            + String.join(
                                    ", ",
                                    logical.stream().map(LogicalType::asSummaryString).toList()));
        }
        return TypeConversions.fromLogicalToDataType(common.get()).nullable();
    }

    static boolean isDatetime(LogicalType type) {
        return type.is(LogicalTypeFamily.DATETIME);
    }

    static boolean isInterval(LogicalType type) {
        return type.is(LogicalTypeFamily.INTERVAL);
    }

    static boolean isNull(LogicalType type) {
        return type.is(LogicalTypeRoot.NULL);
    }

    /** {@code BOOLEAN}. */
    public static final ReturnType BOOLEAN = fixed(DataTypes.BOOLEAN());

    /** {@code STRING}. */
    public static final ReturnType STRING = fixed(DataTypes.STRING());

    /** {@code BIGINT}. */
    public static final ReturnType BIGINT = fixed(DataTypes.BIGINT());

    /** {@code INT}. */
    public static final ReturnType INT = fixed(DataTypes.INT());

    /** {@code DOUBLE}. */
    public static final ReturnType DOUBLE = fixed(DataTypes.DOUBLE());

    /** {@code TIMESTAMP(3)}, KDA's timestamps. */
    public static final ReturnType TIMESTAMP = fixed(DataTypes.TIMESTAMP(3));
}
