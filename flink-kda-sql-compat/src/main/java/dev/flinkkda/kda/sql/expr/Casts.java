package dev.flinkkda.kda.sql.expr;

import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DayTimeIntervalType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.List;
import java.util.Optional;

/**
 * KDA's {@code CAST}: which conversions it allows (SR "CAST", Valid Conversions) and how each is
 * written, an interval through flink-kda's functions. Also the day-time interval types of KDA's
 * interval qualifiers.
 */
public final class Casts {

    private Casts() {}

    /** {@code CAST(value AS target)}. */
    public static Call cast(TypedExpression value, DataType target) {
        LogicalType source = value.type().getLogicalType();
        LogicalType to = target.getLogicalType();
        if (source instanceof DayTimeIntervalType interval) {
            if (to instanceof DayTimeIntervalType) {
                return new Call(
                        KdaFunctionTable.CAST_INTERVAL_TO_INTERVAL,
                        List.of(value),
                        false,
                        false,
                        "",
                        target);
            }
            if (to.is(LogicalTypeFamily.CHARACTER_STRING)) {
                return new Call(
                        KdaFunctionTable.CAST_INTERVAL_TO_CHAR,
                        List.of(value),
                        false,
                        false,
                        qualifier(interval),
                        target);
            }
            return new Call(
                    KdaFunctionTable.CAST_INTERVAL_TO_NUMBER,
                    List.of(value),
                    false,
                    false,
                    lastUnit(interval),
                    target);
        }
        if (to.is(LogicalTypeFamily.INTEGER_NUMERIC)
                && (source.is(LogicalTypeFamily.APPROXIMATE_NUMERIC)
                        || (source instanceof DecimalType decimal && decimal.getScale() > 0))) {
            return new Call(
                    KdaFunctionTable.CAST_ROUNDED, List.of(value), false, false, "", target);
        }
        return new Call(KdaFunctionTable.CAST, List.of(value), false, false, "", target);
    }

    /**
     * Why KDA does not convert {@code source} to {@code target}, if it does not. The SR's table:
     * numbers to strings and numbers; strings to all of those and DATE, TIME, TIMESTAMP, day-time
     * intervals, BOOLEAN; DATE to DATE, strings, TIMESTAMP; TIME to TIME, strings, TIMESTAMP;
     * TIMESTAMP to TIME, strings, TIMESTAMP, DATE; day-time intervals to day-time intervals,
     * BIGINT, DECIMAL and strings; BOOLEAN to strings and BOOLEAN; binary strings to binary
     * strings. {@code NULL} goes anywhere.
     */
    public static Optional<String> invalid(DataType source, DataType target) {
        LogicalType from = source.getLogicalType();
        LogicalType to = target.getLogicalType();
        if (from.is(LogicalTypeRoot.NULL)) {
            return Optional.empty();
        }
        boolean toString = to.is(LogicalTypeFamily.CHARACTER_STRING);
        boolean ok;
        if (from.is(LogicalTypeFamily.NUMERIC)) {
            ok = toString || to.is(LogicalTypeFamily.NUMERIC);
        } else if (from.is(LogicalTypeFamily.CHARACTER_STRING)) {
            ok =
                    toString
                            || to.is(LogicalTypeFamily.NUMERIC)
                            || to.is(LogicalTypeFamily.DATETIME)
                            || to instanceof DayTimeIntervalType
                            || to.is(LogicalTypeRoot.BOOLEAN);
        } else if (from.is(LogicalTypeRoot.DATE)) {
            ok = toString || to.is(LogicalTypeRoot.DATE) || isTimestamp(to);
        } else if (from.is(LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE)) {
            ok = toString || to.is(LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE) || isTimestamp(to);
        } else if (isTimestamp(from)) {
            ok = toString || to.is(LogicalTypeFamily.DATETIME);
        } else if (from instanceof DayTimeIntervalType) {
            ok =
                    toString
                            || to instanceof DayTimeIntervalType
                            || to.is(LogicalTypeRoot.BIGINT)
                            || to.is(LogicalTypeRoot.DECIMAL);
        } else if (from.is(LogicalTypeRoot.BOOLEAN)) {
            ok = toString || to.is(LogicalTypeRoot.BOOLEAN);
        } else if (from.is(LogicalTypeFamily.BINARY_STRING)) {
            ok = to.is(LogicalTypeFamily.BINARY_STRING);
        } else {
            ok = from.is(to.getTypeRoot());
        }
        return ok
                ? Optional.empty()
                : Optional.of(
                        "KDA cannot CAST "
                                + from.copy(true).asSummaryString()
                                + " to "
                                + to.copy(true).asSummaryString());
    }

    private static boolean isTimestamp(LogicalType type) {
        return type.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                || type.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    }

    // ------------------------------------------------------------------ interval types

    /**
     * The Flink type of a day-time interval with KDA's qualifier, e.g. {@code MINUTE TO SECOND}.
     */
    public static DataType dayTimeInterval(String first, String last) {
        DataTypes.Resolution from = resolution(first);
        if (first.equals(last)) {
            return DataTypes.INTERVAL(from);
        }
        return DataTypes.INTERVAL(from, resolution(last));
    }

    private static DataTypes.Resolution resolution(String unit) {
        switch (unit) {
            case "DAY":
                return DataTypes.DAY();
            case "HOUR":
                return DataTypes.HOUR();
            case "MINUTE":
                return DataTypes.MINUTE();
            case "SECOND":
                return DataTypes.SECOND(3);
            default:
                throw new IllegalArgumentException("not a day-time unit: " + unit);
        }
    }

    /** {@code MINUTE TO SECOND} for an {@code INTERVAL MINUTE TO SECOND}. */
    public static String qualifier(DayTimeIntervalType type) {
        return type.getResolution().name().replace("_TO_", " TO ");
    }

    /** {@code SECOND} for an {@code INTERVAL MINUTE TO SECOND}. */
    public static String lastUnit(DayTimeIntervalType type) {
        String q = qualifier(type);
        int to = q.lastIndexOf(" TO ");
        return to < 0 ? q : q.substring(to + 4);
    }
}
