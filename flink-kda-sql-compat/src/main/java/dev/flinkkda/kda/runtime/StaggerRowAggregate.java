package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.sql.rewrite.StaggerFunction;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.types.Row;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregates of a translated stagger query — {@code COUNT(*)}, {@code COUNT}, {@code SUM},
 * {@code AVG}, {@code MIN}, {@code MAX} with SQL's null rules — over the rows of its input. The
 * accumulator is a row of two fields per aggregate: a value (sum, minimum, maximum) and a count.
 *
 * <p>Result types: {@code COUNT} is {@code BIGINT}; {@code SUM} and {@code AVG} are {@code BIGINT}
 * for integer inputs (an integer average, as in SQL), {@code DOUBLE} for approximate ones and
 * {@code DECIMAL(38, s)} for decimals; {@code MIN}/{@code MAX} keep the input type. The pump's
 * select list casts them to the target columns' types afterwards.
 */
final class StaggerRowAggregate implements AggregateFunction<Row, Row, Row> {

    private static final long serialVersionUID = 1L;

    /** How a value is added up. */
    enum Arithmetic {
        LONG,
        DOUBLE,
        DECIMAL,
        NONE
    }

    private final StaggerFunction[] functions;
    private final int[] argumentColumns;
    private final Arithmetic[] arithmetic;

    StaggerRowAggregate(
            List<StaggerFunction> functions,
            List<Integer> argumentColumns,
            List<DataType> argumentTypes) {
        this.functions = functions.toArray(new StaggerFunction[0]);
        this.argumentColumns = argumentColumns.stream().mapToInt(Integer::intValue).toArray();
        this.arithmetic = new Arithmetic[this.functions.length];
        for (int j = 0; j < this.functions.length; j++) {
            arithmetic[j] =
                    argumentTypes.get(j) == null
                            ? Arithmetic.NONE
                            : arithmeticOf(argumentTypes.get(j).getLogicalType());
        }
    }

    static Arithmetic arithmeticOf(LogicalType type) {
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

    /** The accumulator's type. */
    static DataType accumulatorType(List<StaggerFunction> functions, List<DataType> argumentTypes) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (int j = 0; j < functions.size(); j++) {
            fields.add(DataTypes.FIELD("v" + j, valueType(functions.get(j), argumentTypes.get(j))));
            fields.add(DataTypes.FIELD("c" + j, DataTypes.BIGINT()));
        }
        return DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).bridgedTo(Row.class);
    }

    private static DataType valueType(StaggerFunction function, DataType argument) {
        switch (function) {
            case COUNT_ALL:
            case COUNT:
                return DataTypes.BIGINT();
            case MIN:
            case MAX:
                return argument;
            default:
                return sumType(argument);
        }
    }

    private static DataType sumType(DataType argument) {
        LogicalType type = argument.getLogicalType();
        switch (arithmeticOf(type)) {
            case LONG:
                return DataTypes.BIGINT();
            case DOUBLE:
                return DataTypes.DOUBLE();
            case DECIMAL:
                return DataTypes.DECIMAL(38, ((DecimalType) type).getScale());
            default:
                throw new IllegalArgumentException("SUM/AVG of a non-numeric type " + type);
        }
    }

    /** The type of each aggregate's result, in order. */
    static List<DataType> resultTypes(
            List<StaggerFunction> functions, List<DataType> argumentTypes) {
        List<DataType> types = new ArrayList<>();
        for (int j = 0; j < functions.size(); j++) {
            types.add(valueType(functions.get(j), argumentTypes.get(j)));
        }
        return types;
    }

    @Override
    public Row createAccumulator() {
        Row accumulator = new Row(2 * functions.length);
        for (int j = 0; j < functions.length; j++) {
            accumulator.setField(2 * j + 1, 0L);
        }
        return accumulator;
    }

    @Override
    public Row add(Row row, Row accumulator) {
        for (int j = 0; j < functions.length; j++) {
            if (functions[j] == StaggerFunction.COUNT_ALL) {
                increment(accumulator, j);
                continue;
            }
            Object value = row.getField(argumentColumns[j]);
            if (value == null) {
                continue; // SQL aggregates skip nulls
            }
            increment(accumulator, j);
            Object current = accumulator.getField(2 * j);
            switch (functions[j]) {
                case SUM:
                case AVG:
                    accumulator.setField(2 * j, plus(current, value, arithmetic[j]));
                    break;
                case MIN:
                    if (current == null || compare(value, current) < 0) {
                        accumulator.setField(2 * j, value);
                    }
                    break;
                case MAX:
                    if (current == null || compare(value, current) > 0) {
                        accumulator.setField(2 * j, value);
                    }
                    break;
                default:
                    break;
            }
        }
        return accumulator;
    }

    private static void increment(Row accumulator, int j) {
        accumulator.setField(2 * j + 1, (Long) accumulator.getField(2 * j + 1) + 1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static Object plus(Object sum, Object value, Arithmetic arithmetic) {
        switch (arithmetic) {
            case LONG:
                return (sum == null ? 0L : (Long) sum) + ((Number) value).longValue();
            case DOUBLE:
                return (sum == null ? 0.0 : (Double) sum) + ((Number) value).doubleValue();
            case DECIMAL:
                return (sum == null ? BigDecimal.ZERO : (BigDecimal) sum).add((BigDecimal) value);
            default:
                throw new IllegalStateException("not numeric: " + value);
        }
    }

    @Override
    public Row getResult(Row accumulator) {
        Row result = new Row(functions.length);
        for (int j = 0; j < functions.length; j++) {
            long count = (Long) accumulator.getField(2 * j + 1);
            Object value = accumulator.getField(2 * j);
            switch (functions[j]) {
                case COUNT_ALL:
                case COUNT:
                    result.setField(j, count);
                    break;
                case AVG:
                    result.setField(j, count == 0 ? null : average(value, count, arithmetic[j]));
                    break;
                default:
                    result.setField(j, value);
            }
        }
        return result;
    }

    private static Object average(Object sum, long count, Arithmetic arithmetic) {
        switch (arithmetic) {
            case LONG:
                return (Long) sum / count;
            case DOUBLE:
                return (Double) sum / count;
            default:
                BigDecimal decimal = (BigDecimal) sum;
                return decimal.divide(
                        BigDecimal.valueOf(count), decimal.scale(), RoundingMode.HALF_UP);
        }
    }

    @Override
    public Row merge(Row a, Row b) {
        Row merged = createAccumulator();
        for (int j = 0; j < functions.length; j++) {
            merged.setField(2 * j + 1, (Long) a.getField(2 * j + 1) + (Long) b.getField(2 * j + 1));
            Object x = a.getField(2 * j);
            Object y = b.getField(2 * j);
            Object value;
            if (x == null || y == null) {
                value = x == null ? y : x;
            } else {
                switch (functions[j]) {
                    case SUM:
                    case AVG:
                        value = plus(x, y, arithmetic[j]);
                        break;
                    case MIN:
                        value = compare(x, y) <= 0 ? x : y;
                        break;
                    case MAX:
                        value = compare(x, y) >= 0 ? x : y;
                        break;
                    default:
                        value = null;
                }
            }
            merged.setField(2 * j, value);
        }
        return merged;
    }
}
