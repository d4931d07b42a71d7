package dev.flinkkda.benchmarks;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@link HoppingWindowBenchmark}'s bodies on a small input, run exactly as the
 * benchmark runs them (on {@link FlinkEnvironmentContext}'s MiniCluster): the fast path gives the
 * window sums of Flink's sliding windows, of the plain-Java bound and of a brute force over the
 * generated records, and with hop = size those of Flink's tumbling windows.
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

    /** Per key, every window [s, s + 60 s) with s a multiple of 0.5 s that holds a record. */
    private static List<Long> bruteForceSums() {
        List<Long> sums = new ArrayList<>();
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
                    sums.add(sum);
                }
            }
        }
        return sums;
    }

    private static List<Long> sorted(List<Long> sums) {
        Collections.sort(sums);
        return sums;
    }

    private static List<Long> flinkSums(
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Long>> job) throws Exception {
        return CollectingSink.run(CONTEXT, job, RECORDS);
    }
}
