package dev.flinkkda.windows.testing;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The window modules' test element, (key, timestamp, value), and the functions their tests window
 * it with, each giving a {@link WindowResult}.
 */
public final class WindowTestFunctions {

    private WindowTestFunctions() {}

    /** (key, timestamp, value). */
    public static final TypeInformation<Tuple3<String, Long, Long>> ELEMENT =
            Types.TUPLE(Types.STRING, Types.LONG, Types.LONG);

    public static final KeySelector<Tuple3<String, Long, Long>, String> KEY = e -> e.f0;

    /** Incremental count and sum: one Tuple2 accumulator per window. */
    public static final class CountAndSum
            implements AggregateFunction<
                    Tuple3<String, Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> createAccumulator() {
            return Tuple2.of(0L, 0L);
        }

        @Override
        public Tuple2<Long, Long> add(Tuple3<String, Long, Long> value, Tuple2<Long, Long> acc) {
            return Tuple2.of(acc.f0 + 1, acc.f1 + value.f2);
        }

        @Override
        public Tuple2<Long, Long> getResult(Tuple2<Long, Long> acc) {
            return acc;
        }

        @Override
        public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
            return Tuple2.of(a.f0 + b.f0, a.f1 + b.f1);
        }
    }

    /** Adds the key and the window bounds to {@link CountAndSum}'s aggregate. */
    public static final class ToResult
            extends ProcessWindowFunction<Tuple2<Long, Long>, WindowResult, String, TimeWindow> {
        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple2<Long, Long>> aggregates,
                Collector<WindowResult> out) {
            Tuple2<Long, Long> acc = aggregates.iterator().next();
            out.collect(
                    new WindowResult(
                            key,
                            context.window().getStart(),
                            context.window().getEnd(),
                            acc.f0,
                            acc.f1));
        }
    }

    /**
     * Count, sum and the values joined with commas, in the order the accumulators are merged: for
     * input in timestamp order, the window's values in timestamp order.
     */
    public static final class CountSumValues
            implements AggregateFunction<
                    Tuple3<String, Long, Long>,
                    Tuple3<Long, Long, String>,
                    Tuple3<Long, Long, String>> {
        @Override
        public Tuple3<Long, Long, String> createAccumulator() {
            return Tuple3.of(0L, 0L, "");
        }

        @Override
        public Tuple3<Long, Long, String> add(
                Tuple3<String, Long, Long> value, Tuple3<Long, Long, String> acc) {
            return Tuple3.of(acc.f0 + 1, acc.f1 + value.f2, join(acc.f2, "" + value.f2));
        }

        @Override
        public Tuple3<Long, Long, String> getResult(Tuple3<Long, Long, String> acc) {
            return acc;
        }

        @Override
        public Tuple3<Long, Long, String> merge(
                Tuple3<Long, Long, String> a, Tuple3<Long, Long, String> b) {
            return Tuple3.of(a.f0 + b.f0, a.f1 + b.f1, join(a.f2, b.f2));
        }

        private static String join(String a, String b) {
            return a.isEmpty() ? b : b.isEmpty() ? a : a + "," + b;
        }
    }

    /** Adds the key and the window bounds to {@link CountSumValues}'s aggregate. */
    public static final class CountSumValuesToResult
            extends ProcessWindowFunction<
                    Tuple3<Long, Long, String>, WindowResult, String, TimeWindow> {
        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple3<Long, Long, String>> aggregates,
                Collector<WindowResult> out) {
            Tuple3<Long, Long, String> acc = aggregates.iterator().next();
            WindowResult result =
                    new WindowResult(
                            key,
                            context.window().getStart(),
                            context.window().getEnd(),
                            acc.f0,
                            acc.f1);
            result.values = acc.f2;
            out.collect(result);
        }
    }

    /** Counts, sums and joins the window's elements, for functions over all elements. */
    public static final class CountSumValuesOfElements
            extends ProcessWindowFunction<
                    Tuple3<String, Long, Long>, WindowResult, String, TimeWindow> {
        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple3<String, Long, Long>> elements,
                Collector<WindowResult> out) {
            long count = 0;
            long sum = 0;
            StringBuilder values = new StringBuilder();
            for (Tuple3<String, Long, Long> e : elements) {
                count++;
                sum += e.f2;
                values.append(values.length() == 0 ? "" : ",").append(e.f2);
            }
            WindowResult result =
                    new WindowResult(
                            key,
                            context.window().getStart(),
                            context.window().getEnd(),
                            count,
                            sum);
            result.values = values.toString();
            out.collect(result);
        }
    }
}
