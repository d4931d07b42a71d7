package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.sql.plan.StaggerAggregate;
import dev.flinkkda.kda.sql.plan.StaggerAggregate.Arithmetic;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
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

    private final StaggerAggregate.Function[] functions;
    private final int[] argumentColumns;
    private final Arithmetic[] arithmetic;

    StaggerRowAggregate(List<StaggerAggregate> aggregates) {
        int n = aggregates.size();
        this.functions = new StaggerAggregate.Function[n];
        this.argumentColumns = new int[n];
        this.arithmetic = new Arithmetic[n];
        for (int j = 0; j < n; j++) {
            functions[j] = aggregates.get(j).function();
            argumentColumns[j] = aggregates.get(j).argumentColumn();
            arithmetic[j] = aggregates.get(j).arithmetic();
        }
    }

    /** The accumulator's type: per aggregate, its value so far and a count. */
    static DataType accumulatorType(List<StaggerAggregate> aggregates) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (int j = 0; j < aggregates.size(); j++) {
            // AVG keeps the sum, typed as its result
            DataType value = aggregates.get(j).resultType();
            fields.add(DataTypes.FIELD("v" + j, value));
            fields.add(DataTypes.FIELD("c" + j, DataTypes.BIGINT()));
        }
        return DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).bridgedTo(Row.class);
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
            if (functions[j] == StaggerAggregate.Function.COUNT_ALL) {
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
