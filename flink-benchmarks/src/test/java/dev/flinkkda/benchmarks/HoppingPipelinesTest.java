package dev.flinkkda.benchmarks;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@link HoppingWindowBenchmark}'s bodies on a small input, run exactly as the
 * benchmark runs them (on {@link FlinkEnvironmentContext}'s MiniCluster): the fast path gives the
 * window sums of Flink's sliding windows, of the plain-Java bound and of a brute force over the
 * generated records, Flink SQL's {@code HOP} gives the same windows (key, start, end) with the same
 * sums, and with hop = size the fast path gives those of Flink's tumbling windows.
 */
class HoppingPipelinesTest {

    /** 1 minute of event time, 60 records per key (Flink's sliding windows are slow). */
    private static final long RECORDS = 60_000;

    /** 3 minutes of event time, three 1-minute windows per key. */
    private static final long TUMBLING_RECORDS = 180_000;

    private static final long SIZE_MS = HoppingPipelines.SIZE.toMillis();
    private static final long HOP_MS = HoppingPipelines.HOP.toMillis();

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
    void hoppingJobGivesTheSlidingWindowSums() throws Exception {
        List<Long> expected = bruteForceSums();
        // each record is in size / hop = 120 windows
        long sumOfInputs = RECORDS * (RECORDS - 1) / 2;
        assertThat(expected.stream().mapToLong(Long::longValue).sum()).isEqualTo(120 * sumOfInputs);
        // per key, the windows starting in (first record - 60 s, first record + 59 s]: 238
        assertThat(expected).hasSize(RecordGenerator.NUM_KEYS * 238);
        // sorted, as AssertJ's containsExactlyInAnyOrder is quadratic
        Collections.sort(expected);
        assertThat(sorted(flinkSums(HoppingPipelines::hoppingIncremental))).isEqualTo(expected);
        assertThat(sorted(flinkSums(HoppingPipelines::flinkSliding))).isEqualTo(expected);
        List<Long> plainJava = new ArrayList<>();
        PlainJavaWindows.hoppingSums(RECORDS, SIZE_MS, HOP_MS, plainJava::add);
        assertThat(sorted(plainJava)).isEqualTo(expected);
    }

    @Test
    void sqlHopGivesTheBruteForceWindows() throws Exception {
        List<KeyWindowSum> expected = bruteForceWindows();
        List<KeyWindowSum> fromSql = new ArrayList<>();
        CollectingSink.run(
                        CONTEXT,
                        (env, n) -> HoppingPipelines.sqlHop(env, n).map(new RowToTuple()),
                        RECORDS)
                .forEach(t -> fromSql.add(new KeyWindowSum(t.f0, t.f1, t.f2, t.f3)));
        assertThat(fromSql).hasSize(expected.size());
        Collections.sort(fromSql);
        assertThat(fromSql).isEqualTo(expected);
    }

    @Test
    void hoppingTumblingJobGivesTheTumblingSums() throws Exception {
        List<Long> expected = new ArrayList<>();
        PlainJavaWindows.tumblingSums(
                TUMBLING_RECORDS, WindowPipelines.WINDOW_SIZE.toMillis(), expected::add);
        List<Long> sums =
                CollectingSink.run(
                        CONTEXT, HoppingPipelines::hoppingIncrementalTumbling, TUMBLING_RECORDS);
        assertThat(sums).hasSize(3 * RecordGenerator.NUM_KEYS);
        assertThat(sorted(sums)).isEqualTo(sorted(expected));
    }

    /** The sums of {@link #bruteForceWindows}. */
    private static List<Long> bruteForceSums() {
        List<Long> sums = new ArrayList<>();
        bruteForceWindows().forEach(window -> sums.add(window.sum()));
        return sums;
    }

    /**
     * Per key, every window [s, s + 60 s) with s a multiple of 0.5 s that holds a record, with its
     * sum; sorted.
     */
    private static List<KeyWindowSum> bruteForceWindows() {
        List<KeyWindowSum> windows = new ArrayList<>();
        for (int key = 0; key < RecordGenerator.NUM_KEYS; key++) {
            List<long[]> records = new ArrayList<>(); // timestamp, value
            for (long i = key; i < RECORDS; i += RecordGenerator.NUM_KEYS) {
                assertThat(RecordGenerator.key(i)).isEqualTo(key);
                records.add(new long[] {RecordGenerator.timestamp(i), RecordGenerator.value(i)});
            }
            long first = records.get(0)[0];
            long last = records.get(records.size() - 1)[0];
            for (long s = Math.floorDiv(first - SIZE_MS, HOP_MS) * HOP_MS; s <= last; s += HOP_MS) {
                long sum = 0;
                boolean any = false;
                for (long[] r : records) {
                    if (s <= r[0] && r[0] < s + SIZE_MS) {
                        sum += r[1];
                        any = true;
                    }
                }
                if (any) {
                    windows.add(new KeyWindowSum(key, s, s + SIZE_MS, sum));
                }
            }
        }
        Collections.sort(windows);
        return windows;
    }

    private static List<Long> sorted(List<Long> sums) {
        Collections.sort(sums);
        return sums;
    }

    private static List<Long> flinkSums(
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Long>> job) throws Exception {
        return CollectingSink.run(CONTEXT, job, RECORDS);
    }

    /** A window of a key, its bounds in epoch milliseconds and its sum; ordered by all four. */
    private record KeyWindowSum(int key, long start, long end, long sum)
            implements Comparable<KeyWindowSum> {
        @Override
        public int compareTo(KeyWindowSum other) {
            int byKey = Integer.compare(key, other.key);
            if (byKey != 0) {
                return byKey;
            }
            int byStart = Long.compare(start, other.start);
            if (byStart != 0) {
                return byStart;
            }
            int byEnd = Long.compare(end, other.end);
            return byEnd != 0 ? byEnd : Long.compare(sum, other.sum);
        }
    }

    /**
     * A row of {@link HoppingPipelines#HOP_QUERY} as key, window_start, window_end (epoch
     * milliseconds; the planner's local time zone is UTC), sum.
     */
    private static final class RowToTuple
            implements MapFunction<Row, Tuple4<Integer, Long, Long, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple4<Integer, Long, Long, Long> map(Row row) {
            return Tuple4.of(
                    (Integer) row.getField(0),
                    epochMillis((LocalDateTime) row.getField(1)),
                    epochMillis((LocalDateTime) row.getField(2)),
                    (Long) row.getField(3));
        }

        private static long epochMillis(LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }
}
