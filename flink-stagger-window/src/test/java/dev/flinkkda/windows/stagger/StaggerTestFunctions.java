package dev.flinkkda.windows.stagger;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Window functions shared by the tests: count and sum of (key, timestamp, value) elements. */
final class StaggerTestFunctions {

    private StaggerTestFunctions() {}

    static final KeySelector<Tuple3<String, Long, Long>, String> KEY = e -> e.f0;

    /** Incremental count and sum: one Tuple2 accumulator per window. */
    static final class CountAndSum
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

    /** Adds the key and the window bounds to the aggregate. */
    static final class ToResult
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

    /** Counts and sums from the full element list, for the non-incremental path. */
    static final class CountAndSumOfElements
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
            for (Tuple3<String, Long, Long> e : elements) {
                count++;
                sum += e.f2;
            }
            out.collect(
                    new WindowResult(
                            key,
                            context.window().getStart(),
                            context.window().getEnd(),
                            count,
                            sum));
        }
    }
}
