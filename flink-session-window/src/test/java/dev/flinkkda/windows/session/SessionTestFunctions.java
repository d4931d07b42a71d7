package dev.flinkkda.windows.session;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SessionWindowTimeGapExtractor;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Functions shared by the tests, over (key, timestamp, value) elements. */
final class SessionTestFunctions {

    private SessionTestFunctions() {}

    static final KeySelector<Tuple3<String, Long, Long>, String> KEY = e -> e.f0;

    /** A per-element gap: the element's value, in milliseconds (for dynamic-gap tests). */
    static final class GapFromValue
            implements SessionWindowTimeGapExtractor<Tuple3<String, Long, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extract(Tuple3<String, Long, Long> element) {
            return element.f2;
        }
    }

    /** Incremental count and sum: one Tuple2 accumulator per session. */
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

    /** Adds the key and the session bounds to the aggregate. */
    static final class ToResult
            extends ProcessWindowFunction<Tuple2<Long, Long>, SessionResult, String, TimeWindow> {
        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple2<Long, Long>> aggregates,
                Collector<SessionResult> out) {
            Tuple2<Long, Long> acc = aggregates.iterator().next();
            out.collect(
                    new SessionResult(
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
                    Tuple3<String, Long, Long>, SessionResult, String, TimeWindow> {
        @Override
        public void process(
                String key,
                Context context,
                Iterable<Tuple3<String, Long, Long>> elements,
                Collector<SessionResult> out) {
            long count = 0;
            long sum = 0;
            for (Tuple3<String, Long, Long> e : elements) {
                count++;
                sum += e.f2;
            }
            out.collect(
                    new SessionResult(
                            key,
                            context.window().getStart(),
                            context.window().getEnd(),
                            count,
                            sum));
        }
    }
}
