package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.sql.plan.WindowAggregate;
import dev.flinkkda.kda.sql.plan.WindowAggregate.Arithmetic;
import dev.flinkkda.kda.sql.plan.WindowAggregate.Function;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregates of flink-kda's window operators over rows of a translated query — stagger windows
 * and {@code RANGE} windows (per-event sliding windows) — each over argument columns of the row:
 * {@code COUNT(*)}, {@code COUNT}, {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX}, {@code
 * VAR_POP}, {@code VAR_SAMP}, {@code STDDEV_POP}, {@code STDDEV_SAMP} with SQL's null rules (nulls
 * are skipped; an empty set gives null, {@code COUNT} 0), and the analytic functions {@code
 * FIRST_VALUE}, {@code LAST_VALUE}, {@code NTH_VALUE}, {@code LAG} (with {@code RESPECT}/{@code
 * IGNORE NULLS}) and {@code EXP_AVG}.
 *
 * <p>Rows are added in window order, and {@link #merge} takes the older accumulator first (as the
 * operators call it), so that the functions of a row's position work. Every state is bounded: a
 * list of at most {@code n} values for {@code NTH_VALUE}, {@code n + 1} for {@code LAG}.
 *
 * <p>{@code DISTINCT} aggregates ({@code COUNT}, {@code SUM}, {@code AVG}, the variances; see
 * {@link WindowAggregate#DISTINCT_FUNCTIONS}) keep the window's distinct non-null values in a hash
 * set (a map to {@code TRUE}) and aggregate them when the window fires: the set is bounded by the
 * window's rows, and costs one entry per distinct value (the value plus about 40 bytes of hash map
 * on the heap; the value alone in a checkpoint or RocksDB, where the whole accumulator is
 * serialized on each update, so an update costs O(distinct values) there and O(1) on the heap).
 * {@code -0.0} counts as {@code 0.0}.
 *
 * <p>The accumulator is a row of {@link #FIELDS} fields per aggregate: a value (sum, minimum,
 * maximum, first/last value, {@code LAG}'s default of the last row), a count, two doubles (sum and
 * sum of squares for variances; weighted sum and weight for {@code EXP_AVG}), a time ({@code
 * EXP_AVG}'s reference), a list of values and a flag ({@code LAG … IGNORE NULLS}: the last row's
 * value was null) and the set of a {@code DISTINCT} aggregate.
 *
 * <p>Result types: see {@link WindowAggregate#resultType()}; {@code AVG} of integers is an integer
 * average, as in SQL. The pump's select list casts them to the target columns' types afterwards.
 */
final class RowAggregate implements AggregateFunction<Row, Row, Row> {

    private static final long serialVersionUID = 1L;

    /** Accumulator fields per aggregate. */
    static final int FIELDS = 8;

    private static final int VALUE = 0;
    private static final int COUNT = 1;
    private static final int SUM = 2;
    private static final int SQUARES = 3;
    private static final int TIME = 4;
    private static final int LIST = 5;
    private static final int FLAG = 6;
    private static final int SET = 7;

    private final Function[] functions;
    private final int[] argumentColumns;
    private final int[] secondColumns;
    private final long[] parameters;
    private final boolean[] ignoreNulls;
    private final boolean[] fromLast;
    private final Arithmetic[] arithmetic;
    private final Class<?>[] elementClasses;
    private final boolean[] distinct;

    RowAggregate(List<WindowAggregate> aggregates) {
        int n = aggregates.size();
        this.functions = new Function[n];
        this.argumentColumns = new int[n];
        this.secondColumns = new int[n];
        this.parameters = new long[n];
        this.ignoreNulls = new boolean[n];
        this.fromLast = new boolean[n];
        this.arithmetic = new Arithmetic[n];
        this.elementClasses = new Class<?>[n];
        this.distinct = new boolean[n];
        for (int j = 0; j < n; j++) {
            WindowAggregate aggregate = aggregates.get(j);
            functions[j] = aggregate.function();
            argumentColumns[j] = aggregate.argumentColumn();
            secondColumns[j] = aggregate.secondColumn();
            parameters[j] = aggregate.parameter();
            ignoreNulls[j] = aggregate.ignoreNulls();
            fromLast[j] = aggregate.fromLast();
            arithmetic[j] = aggregate.arithmetic();
            elementClasses[j] = elementType(aggregate).getConversionClass();
            distinct[j] = aggregate.distinct();
        }
    }

    /** The accumulator's type: {@link #FIELDS} fields per aggregate. */
    static DataType accumulatorType(List<WindowAggregate> aggregates) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (int j = 0; j < aggregates.size(); j++) {
            WindowAggregate aggregate = aggregates.get(j);
            fields.add(DataTypes.FIELD("v" + j, valueType(aggregate).nullable()));
            fields.add(DataTypes.FIELD("c" + j, DataTypes.BIGINT()));
            fields.add(DataTypes.FIELD("s" + j, DataTypes.DOUBLE()));
            fields.add(DataTypes.FIELD("q" + j, DataTypes.DOUBLE()));
            fields.add(DataTypes.FIELD("t" + j, DataTypes.BIGINT()));
            fields.add(DataTypes.FIELD("l" + j, DataTypes.ARRAY(elementType(aggregate))));
            fields.add(DataTypes.FIELD("f" + j, DataTypes.BOOLEAN()));
            fields.add(
                    DataTypes.FIELD(
                            "d" + j,
                            DataTypes.MAP(elementType(aggregate).notNull(), DataTypes.BOOLEAN())));
        }
        return DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).bridgedTo(Row.class);
    }

    /** The type of the aggregates' results, as a row. */
    static DataType resultType(List<WindowAggregate> aggregates) {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (int j = 0; j < aggregates.size(); j++) {
            fields.add(DataTypes.FIELD("r" + j, aggregates.get(j).resultType()));
        }
        return DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).bridgedTo(Row.class);
    }

    private static DataType valueType(WindowAggregate aggregate) {
        switch (aggregate.function()) {
            case SUM:
            case AVG:
                return aggregate.resultType();
            case MIN:
            case MAX:
            case FIRST_VALUE:
            case LAST_VALUE:
            case NTH_VALUE:
            case LAG:
                return aggregate.argumentType();
            default:
                return DataTypes.BIGINT();
        }
    }

    private static DataType elementType(WindowAggregate aggregate) {
        return aggregate.argumentType() == null
                ? DataTypes.BIGINT()
                : aggregate.argumentType().nullable();
    }

    @Override
    public Row createAccumulator() {
        Row accumulator = new Row(FIELDS * functions.length);
        for (int j = 0; j < functions.length; j++) {
            accumulator.setField(FIELDS * j + COUNT, 0L);
            accumulator.setField(FIELDS * j + SUM, 0.0);
            accumulator.setField(FIELDS * j + SQUARES, 0.0);
            accumulator.setField(FIELDS * j + FLAG, false);
            if (functions[j] == Function.NTH_VALUE || functions[j] == Function.LAG) {
                accumulator.setField(FIELDS * j + LIST, Array.newInstance(elementClasses[j], 0));
            }
            if (distinct[j]) {
                accumulator.setField(FIELDS * j + SET, new HashMap<Object, Boolean>());
            }
        }
        return accumulator;
    }

    @Override
    public Row add(Row row, Row accumulator) {
        for (int j = 0; j < functions.length; j++) {
            int base = FIELDS * j;
            if (functions[j] == Function.COUNT_ALL) {
                increment(accumulator, base);
                continue;
            }
            Object value = row.getField(argumentColumns[j]);
            switch (functions[j]) {
                case FIRST_VALUE:
                    if (value != null || !ignoreNulls[j]) {
                        if (count(accumulator, base) == 0) {
                            accumulator.setField(base + VALUE, value);
                        }
                        increment(accumulator, base);
                    }
                    continue;
                case LAST_VALUE:
                    if (value != null || !ignoreNulls[j]) {
                        accumulator.setField(base + VALUE, value);
                        increment(accumulator, base);
                    }
                    continue;
                case NTH_VALUE:
                    if (value != null || !ignoreNulls[j]) {
                        accumulator.setField(
                                base + LIST, append(j, list(accumulator, base), single(j, value)));
                        increment(accumulator, base);
                    }
                    continue;
                case LAG:
                    accumulator.setField(
                            base + VALUE,
                            secondColumns[j] < 0 ? null : row.getField(secondColumns[j]));
                    accumulator.setField(base + FLAG, value == null);
                    if (value != null || !ignoreNulls[j]) {
                        accumulator.setField(
                                base + LIST, append(j, list(accumulator, base), single(j, value)));
                    }
                    increment(accumulator, base);
                    continue;
                default:
                    break;
            }
            if (value == null) {
                continue; // SQL aggregates skip nulls
            }
            if (distinct[j]) {
                set(accumulator, base).put(distinctKey(value), Boolean.TRUE);
                continue;
            }
            addValue(accumulator, base, j, value, row);
        }
        return accumulator;
    }

    /** Adds a non-null value to a plain aggregate's fields ({@code row}: for {@code EXP_AVG}). */
    private void addValue(Row accumulator, int base, int j, Object value, Row row) {
        Object current = accumulator.getField(base + VALUE);
        switch (functions[j]) {
            case SUM:
            case AVG:
                accumulator.setField(base + VALUE, plus(current, value, arithmetic[j]));
                break;
            case MIN:
                if (current == null || compare(value, current) < 0) {
                    accumulator.setField(base + VALUE, value);
                }
                break;
            case MAX:
                if (current == null || compare(value, current) > 0) {
                    accumulator.setField(base + VALUE, value);
                }
                break;
            case VAR_POP:
            case VAR_SAMP:
            case STDDEV_POP:
            case STDDEV_SAMP:
                double x = ((Number) value).doubleValue();
                accumulator.setField(base + SUM, (Double) accumulator.getField(base + SUM) + x);
                accumulator.setField(
                        base + SQUARES, (Double) accumulator.getField(base + SQUARES) + x * x);
                break;
            case EXP_AVG:
                addWeighted(
                        accumulator,
                        base,
                        ((Number) value).doubleValue(),
                        1.0,
                        millis(row.getField(secondColumns[j])),
                        parameters[j]);
                break;
            default:
                break;
        }
        increment(accumulator, base);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Boolean> set(Row accumulator, int base) {
        return (Map<Object, Boolean>) accumulator.getField(base + SET);
    }

    /** A value as a member of a set: SQL's {@code -0.0 = 0.0}. */
    private static Object distinctKey(Object value) {
        if (value instanceof Double d && d == 0.0) {
            return 0.0;
        }
        if (value instanceof Float f && f == 0.0f) {
            return 0.0f;
        }
        return value;
    }

    /**
     * Adds a weighted sum {@code sum} of weight {@code weight} at {@code time} to an {@code
     * EXP_AVG} accumulator, whose sums are kept relative to its latest time: a value at {@code t}
     * weighs {@code 2^((t - latest) / halfLife)}, so that the average over a window — the weighted
     * sum divided by the weights — does not depend on the reference.
     */
    private static void addWeighted(
            Row accumulator, int base, double sum, double weight, long time, long halfLife) {
        if (count(accumulator, base) == 0) {
            accumulator.setField(base + SUM, sum);
            accumulator.setField(base + SQUARES, weight);
            accumulator.setField(base + TIME, time);
            return;
        }
        long reference = (Long) accumulator.getField(base + TIME);
        double oldSum = (Double) accumulator.getField(base + SUM);
        double oldWeight = (Double) accumulator.getField(base + SQUARES);
        if (time >= reference) {
            double scale = Math.pow(2, (double) (reference - time) / halfLife);
            accumulator.setField(base + SUM, oldSum * scale + sum);
            accumulator.setField(base + SQUARES, oldWeight * scale + weight);
            accumulator.setField(base + TIME, time);
        } else {
            double scale = Math.pow(2, (double) (time - reference) / halfLife);
            accumulator.setField(base + SUM, oldSum + sum * scale);
            accumulator.setField(base + SQUARES, oldWeight + weight * scale);
        }
    }

    private static long millis(Object time) {
        if (time instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (time instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        throw new IllegalStateException("not a time: " + time);
    }

    private static long count(Row accumulator, int base) {
        return (Long) accumulator.getField(base + COUNT);
    }

    private static void increment(Row accumulator, int base) {
        accumulator.setField(base + COUNT, count(accumulator, base) + 1);
    }

    private static Object[] list(Row accumulator, int base) {
        return (Object[]) accumulator.getField(base + LIST);
    }

    private Object[] single(int j, Object value) {
        Object[] one = (Object[]) Array.newInstance(elementClasses[j], 1);
        one[0] = value;
        return one;
    }

    /**
     * {@code older} then {@code newer}, cut to what the function keeps: {@code NTH_VALUE}'s first
     * (or last) n values, {@code LAG}'s last n + 1.
     */
    private Object[] append(int j, Object[] older, Object[] newer) {
        int keep =
                (int)
                        Math.min(
                                Integer.MAX_VALUE - 8,
                                functions[j] == Function.LAG ? parameters[j] + 1 : parameters[j]);
        int total = older.length + newer.length;
        int length = Math.min(total, keep);
        Object[] result = (Object[]) Array.newInstance(elementClasses[j], length);
        boolean first = functions[j] == Function.NTH_VALUE && !fromLast[j];
        int from = first ? 0 : total - length;
        for (int i = 0; i < length; i++) {
            int k = from + i;
            result[i] = k < older.length ? older[k] : newer[k - older.length];
        }
        return result;
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
            int base = FIELDS * j;
            if (distinct[j]) {
                // the plain aggregate of the distinct values, in fresh fields
                Row values = new Row(FIELDS * functions.length);
                values.setField(base + COUNT, 0L);
                values.setField(base + SUM, 0.0);
                values.setField(base + SQUARES, 0.0);
                for (Object value : set(accumulator, base).keySet()) {
                    addValue(values, base, j, value, null);
                }
                result.setField(j, result(values, base, j));
            } else {
                result.setField(j, result(accumulator, base, j));
            }
        }
        return result;
    }

    /** The {@code j}-th aggregate's result from its fields at {@code base}. */
    private Object result(Row accumulator, int base, int j) {
        long count = count(accumulator, base);
        Object value = accumulator.getField(base + VALUE);
        double sum = (Double) accumulator.getField(base + SUM);
        double squares = (Double) accumulator.getField(base + SQUARES);
        switch (functions[j]) {
            case COUNT_ALL:
            case COUNT:
                return count;
            case AVG:
                return count == 0 ? null : average(value, count, arithmetic[j]);
            case VAR_POP:
            case STDDEV_POP:
                return count == 0 ? null : root(functions[j], variance(sum, squares, count, count));
            case VAR_SAMP:
            case STDDEV_SAMP:
                return count <= 1
                        ? null
                        : root(functions[j], variance(sum, squares, count, count - 1));
            case NTH_VALUE:
                return nth(list(accumulator, base), parameters[j], fromLast[j]);
            case LAG:
                return lag(accumulator, base, j);
            case EXP_AVG:
                return count == 0 ? null : sum / squares;
            default:
                return value;
        }
    }

    /** KDA's variance: {@code (S2 - S1² / N) / divisor}, never below zero from rounding. */
    private static double variance(double sum, double squares, long count, long divisor) {
        return Math.max(0.0, (squares - sum * sum / count) / divisor);
    }

    private static double root(Function function, double variance) {
        return function == Function.STDDEV_POP || function == Function.STDDEV_SAMP
                ? Math.sqrt(variance)
                : variance;
    }

    private static Object nth(Object[] values, long n, boolean fromLast) {
        if (values.length < n) {
            return null; // not enough rows in the window
        }
        return fromLast ? values[(int) (values.length - n)] : values[(int) (n - 1)];
    }

    /**
     * The value {@code n} rows before the window's last row (the current one); with {@code IGNORE
     * NULLS}, the list holds the non-null values only and the current row is in it only when not
     * null. Outside the window: the current row's default.
     */
    private Object lag(Row accumulator, int base, int j) {
        Object[] values = list(accumulator, base);
        long n = parameters[j];
        boolean currentInList = !(ignoreNulls[j] && (Boolean) accumulator.getField(base + FLAG));
        if (n == 0) {
            return currentInList && values.length > 0 ? values[values.length - 1] : null;
        }
        long index = values.length - (currentInList ? 1 : 0) - n;
        return index >= 0 ? values[(int) index] : accumulator.getField(base + VALUE);
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
            int base = FIELDS * j;
            long countA = count(a, base);
            long countB = count(b, base);
            merged.setField(base + COUNT, countA + countB);
            if (distinct[j]) {
                Map<Object, Boolean> union = set(merged, base);
                union.putAll(set(a, base));
                union.putAll(set(b, base));
                continue;
            }
            Object x = a.getField(base + VALUE);
            Object y = b.getField(base + VALUE);
            switch (functions[j]) {
                case SUM:
                case AVG:
                    merged.setField(
                            base + VALUE,
                            x == null || y == null
                                    ? (x == null ? y : x)
                                    : plus(x, y, arithmetic[j]));
                    break;
                case MIN:
                    merged.setField(
                            base + VALUE,
                            x == null || y == null
                                    ? (x == null ? y : x)
                                    : compare(x, y) <= 0 ? x : y);
                    break;
                case MAX:
                    merged.setField(
                            base + VALUE,
                            x == null || y == null
                                    ? (x == null ? y : x)
                                    : compare(x, y) >= 0 ? x : y);
                    break;
                case VAR_POP:
                case VAR_SAMP:
                case STDDEV_POP:
                case STDDEV_SAMP:
                    merged.setField(
                            base + SUM,
                            (Double) a.getField(base + SUM) + (Double) b.getField(base + SUM));
                    merged.setField(
                            base + SQUARES,
                            (Double) a.getField(base + SQUARES)
                                    + (Double) b.getField(base + SQUARES));
                    break;
                case FIRST_VALUE:
                    merged.setField(base + VALUE, countA > 0 ? x : y);
                    break;
                case LAST_VALUE:
                    merged.setField(base + VALUE, countB > 0 ? y : x);
                    break;
                case NTH_VALUE:
                    merged.setField(base + LIST, append(j, list(a, base), list(b, base)));
                    break;
                case LAG:
                    merged.setField(base + VALUE, countB > 0 ? y : x);
                    merged.setField(
                            base + FLAG,
                            countB > 0 ? b.getField(base + FLAG) : a.getField(base + FLAG));
                    merged.setField(base + LIST, append(j, list(a, base), list(b, base)));
                    break;
                case EXP_AVG:
                    Row from = countA > 0 ? a : b;
                    merged.setField(base + SUM, from.getField(base + SUM));
                    merged.setField(base + SQUARES, from.getField(base + SQUARES));
                    merged.setField(base + TIME, from.getField(base + TIME));
                    merged.setField(base + COUNT, countA > 0 ? countA : countB);
                    if (countA > 0 && countB > 0) {
                        addWeighted(
                                merged,
                                base,
                                (Double) b.getField(base + SUM),
                                (Double) b.getField(base + SQUARES),
                                (Long) b.getField(base + TIME),
                                parameters[j]);
                        merged.setField(base + COUNT, countA + countB);
                    }
                    break;
                default:
                    break;
            }
        }
        return merged;
    }
}
