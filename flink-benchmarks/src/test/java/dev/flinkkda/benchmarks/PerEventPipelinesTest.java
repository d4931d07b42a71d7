package dev.flinkkda.benchmarks;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@link PerEventSlidingBenchmark}'s jobs on a small input, run as the benchmark runs
 * them (on {@link FlinkEnvironmentContext}'s MiniCluster): for the sum and the max, our per-event
 * windows and Flink SQL's {@code OVER … RANGE} give the same multiset of {@code (key, value)}
 * results — those of a brute force over the generated records — so the benchmark compares equal
 * work. The benchmark's own jobs (ours emits the aggregate without the key) and the plain-Java loop
 * give the same values.
 */
class PerEventPipelinesTest {

    /** 90 s of event time, 90 records per key: the window fills up, then slides for 30 s. */
    private static final long RECORDS = 90_000;

    private static final long SIZE_MS = PerEventPipelines.SIZE.toMillis();

    private static final FlinkEnvironmentContext CONTEXT = new FlinkEnvironmentContext();

    @BeforeAll
    static void startCluster() throws Exception {
        CONTEXT.setUp();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        CONTEXT.tearDown();
    }

    @Test
    void oursAndSqlGiveTheSameSums() throws Exception {
        List<KeyValue> expected = bruteForce(false);
        // key 0 at 90 s: its records at 30 s, 31 s, …, 90 s (both ends), values 30,000…90,000
        assertThat(expected).contains(new KeyValue(0, 61 * 60_000L));
        assertThat(expected).contains(new KeyValue(7, 7L)); // its first record, alone
        assertThat(expected).contains(new KeyValue(0, 1_000L)); // record 0 is not read
        check(
                expected,
                new SumAggregate(),
                PerEventPipelines::sqlSum,
                PerEventPipelines::perEventSum,
                PlainJavaPerEvent::sums);
    }

    @Test
    void oursAndSqlGiveTheSameMaxima() throws Exception {
        List<KeyValue> expected = bruteForce(true);
        assertThat(expected).contains(new KeyValue(0, 90_000L));
        check(
                expected,
                new MaxAggregate(),
                PerEventPipelines::sqlMax,
                PerEventPipelines::perEventMax,
                PlainJavaPerEvent::maxima);
    }

    private static void check(
            List<KeyValue> expected,
            AggregateFunction<IntLongRecord, Long, Long> aggregate,
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Row>> sql,
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Long>> benchmarkJob,
            PlainJava plainJava)
            throws Exception {
        assertThat(expected).hasSize((int) RECORDS);

        List<KeyValue> ours =
                keyValues(
                        CollectingSink.run(
                                CONTEXT,
                                (env, n) ->
                                        PerEventPipelines.windows(env, n)
                                                .aggregate(aggregate, new WithKey()),
                                RECORDS));
        List<KeyValue> fromSql =
                keyValues(
                        CollectingSink.run(
                                CONTEXT,
                                (env, n) -> sql.apply(env, n).map(new RowToTuple()),
                                RECORDS));
        assertThat(ours).isEqualTo(expected);
        assertThat(fromSql).isEqualTo(expected);

        List<Long> values = new ArrayList<>();
        expected.forEach(kv -> values.add(kv.value()));
        Collections.sort(values);
        assertThat(sorted(CollectingSink.run(CONTEXT, benchmarkJob, RECORDS))).isEqualTo(values);
        List<Long> plain = new ArrayList<>();
        plainJava.accept(RECORDS, SIZE_MS, plain::add);
        assertThat(sorted(plain)).isEqualTo(values);
    }

    /** Per record, its key and the aggregate of its key's records in [t - 60 s, t]; sorted. */
    private static List<KeyValue> bruteForce(boolean max) {
        List<List<Long>> indices = new ArrayList<>();
        for (int key = 0; key < RecordGenerator.NUM_KEYS; key++) {
            indices.add(new ArrayList<>());
        }
        for (long i = PerEventPipelines.FIRST_RECORD;
                i < PerEventPipelines.FIRST_RECORD + RECORDS;
                i++) {
            indices.get(RecordGenerator.key(i)).add(i);
        }
        List<KeyValue> results = new ArrayList<>();
        for (int key = 0; key < RecordGenerator.NUM_KEYS; key++) {
            for (long i : indices.get(key)) {
                long t = RecordGenerator.timestamp(i);
                long result = max ? Long.MIN_VALUE : 0;
                for (long j : indices.get(key)) {
                    long s = RecordGenerator.timestamp(j);
                    if (t - SIZE_MS <= s && s <= t) {
                        long v = RecordGenerator.value(j);
                        result = max ? Math.max(result, v) : result + v;
                    }
                }
                results.add(new KeyValue(key, result));
            }
        }
        Collections.sort(results);
        return results;
    }

    private static List<KeyValue> keyValues(List<Tuple2<Integer, Long>> tuples) {
        List<KeyValue> results = new ArrayList<>();
        tuples.forEach(t -> results.add(new KeyValue(t.f0, t.f1)));
        Collections.sort(results);
        return results;
    }

    private static List<Long> sorted(List<Long> values) {
        Collections.sort(values);
        return values;
    }

    /** {@code PlainJavaPerEvent.sums} or {@code maxima}. */
    private interface PlainJava {
        void accept(long records, long sizeMs, LongConsumer out);
    }

    private record KeyValue(int key, long value) implements Comparable<KeyValue> {
        @Override
        public int compareTo(KeyValue other) {
            int byKey = Integer.compare(key, other.key);
            return byKey != 0 ? byKey : Long.compare(value, other.value);
        }
    }

    /** Our aggregate with its key. */
    private static final class WithKey
            extends ProcessWindowFunction<Long, Tuple2<Integer, Long>, Integer, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                Integer key,
                Context context,
                Iterable<Long> aggregates,
                Collector<Tuple2<Integer, Long>> out) {
            out.collect(Tuple2.of(key, aggregates.iterator().next()));
        }
    }

    /** SQL's row {@code (k, v)} as a new tuple: the collecting sink keeps it after the job. */
    private static final class RowToTuple implements MapFunction<Row, Tuple2<Integer, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Integer, Long> map(Row row) {
            return Tuple2.of((Integer) row.getField(0), (Long) row.getField(1));
        }
    }
}
