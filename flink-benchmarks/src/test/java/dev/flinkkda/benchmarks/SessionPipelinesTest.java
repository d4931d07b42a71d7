package dev.flinkkda.benchmarks;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@link SessionWindowBenchmark}'s bodies on a small input, run exactly as the
 * benchmark runs them (on {@link FlinkEnvironmentContext}'s MiniCluster): each job emits as many
 * sessions as a brute-force sessionisation of the generated records, the sum of its window sums is
 * the sum of the inputs, and its window sums are the brute force's — with the maximum duration for
 * the capped paths and the plain-Java loop, without it for Flink's session windows.
 */
class SessionPipelinesTest {

    /** Two 200-second cycles: 280 records per key, 400 s of event time. */
    private static final long RECORDS = 2L * SessionRecordGenerator.CYCLE_SECONDS * 700;

    private static final long GAP_MS = SessionPipelines.GAP.toMillis();
    private static final long MAX_MS = SessionPipelines.MAX_DURATION.toMillis();

    /** {@code 0 + 1 + … + (RECORDS - 1)}: every record's value is its number. */
    private static final long SUM_OF_INPUTS = RECORDS * (RECORDS - 1) / 2;

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
    void generatorGivesBurstsAndPausesPerKey() {
        assertThat(SessionRecordGenerator.RECORDS_PER_SECOND).isEqualTo(700);
        long decreasing = 0;
        for (long i = 1; i < RECORDS; i++) {
            if (SessionRecordGenerator.timestamp(i) <= SessionRecordGenerator.timestamp(i - 1)) {
                decreasing++;
            }
        }
        assertThat(decreasing).as("timestamps not strictly increasing").isZero();
        Map<Integer, List<long[]>> byKey = recordsByKey();
        assertThat(byKey).hasSize(SessionRecordGenerator.NUM_KEYS);
        long gapsInBursts = 0;
        long pauses = 0;
        List<Long> otherGaps = new ArrayList<>();
        for (List<long[]> records : byKey.values()) {
            assertThat(records).hasSize((int) (RECORDS / SessionRecordGenerator.NUM_KEYS));
            for (int n = 1; n < records.size(); n++) {
                // Never close to the session gap: 1,005 ms in a burst, 20 s or more between bursts.
                long gap = records.get(n)[0] - records.get(n - 1)[0];
                if (gap == 1_005) {
                    gapsInBursts++;
                } else if (gap >= 20_000) {
                    pauses++;
                } else {
                    otherGaps.add(gap);
                }
            }
        }
        assertThat(otherGaps).isEmpty();
        // 2 cycles of a 40-second and a 100-second burst per key: 3 or 4 pauses, the rest bursts.
        assertThat(pauses).isBetween(3L * byKey.size(), 4L * byKey.size());
        assertThat(gapsInBursts + pauses).isEqualTo(RECORDS - byKey.size());
    }

    @Test
    void maximumDurationCutsSessions() {
        List<Long> capped = bruteForceSessionSums(MAX_MS);
        List<Long> uncapped = bruteForceSessionSums(Long.MAX_VALUE);
        // Each full cycle of a key: 2 sessions without the maximum, 3 with it.
        assertThat((double) capped.size() / uncapped.size()).isBetween(1.3, 1.6);
    }

    @Test
    void plainJavaGivesTheBruteForceSessions() {
        List<Long> capped = new ArrayList<>();
        PlainJavaWindows.sessionSums(RECORDS, GAP_MS, MAX_MS, capped::add);
        assertThat(capped).containsExactlyInAnyOrderElementsOf(bruteForceSessionSums(MAX_MS));

        List<Long> uncapped = new ArrayList<>();
        PlainJavaWindows.sessionSums(RECORDS, GAP_MS, Long.MAX_VALUE, uncapped::add);
        assertThat(uncapped)
                .containsExactlyInAnyOrderElementsOf(bruteForceSessionSums(Long.MAX_VALUE));
    }

    @Test
    void flinkSessionJobGivesTheUncappedSessions() throws Exception {
        assertSessions(SessionPipelines::flinkSessions, bruteForceSessionSums(Long.MAX_VALUE));
    }

    @Test
    void cappedAssignerJobGivesTheCappedSessions() throws Exception {
        assertSessions(SessionPipelines::cappedAssignerOnly, bruteForceSessionSums(MAX_MS));
    }

    @Test
    void cappedWindowJobGivesTheCappedSessions() throws Exception {
        assertSessions(SessionPipelines::cappedWindow, bruteForceSessionSums(MAX_MS));
    }

    @Test
    void cappedIncrementalJobGivesTheCappedSessions() throws Exception {
        assertSessions(SessionPipelines::cappedIncremental, bruteForceSessionSums(MAX_MS));
    }

    /**
     * Flink SQL's {@code SESSION} window TVF, uncapped: Flink's sessions, each window {@code
     * [first, last + gap)} of its records.
     */
    @Test
    void sqlSessionJobGivesTheUncappedSessions() throws Exception {
        List<long[]> rows =
                CollectingSink.run(
                        CONTEXT,
                        (env, n) -> SessionPipelines.sqlSessions(env, n).map(new SqlWindowRow()),
                        RECORDS);
        List<Long> sums = rows.stream().map(row -> row[SqlWindowRow.SUM]).toList();
        List<Long> expected = bruteForceSessionSums(Long.MAX_VALUE);
        assertThat(sums).hasSameSizeAs(expected);
        assertThat(sums.stream().mapToLong(Long::longValue).sum()).isEqualTo(SUM_OF_INPUTS);
        assertThat(sums).containsExactlyInAnyOrderElementsOf(expected);
        // a burst's records are 1,005 ms apart: 40 or 100 of them span 39.2 s or 99.5 s, plus the
        // gap
        assertThat(rows)
                .allSatisfy(
                        row ->
                                assertThat(row[SqlWindowRow.END] - row[SqlWindowRow.START])
                                        .isBetween(GAP_MS, 99_495 + GAP_MS));
    }

    private static void assertSessions(
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Long>> job, List<Long> expected)
            throws Exception {
        List<Long> sums = CollectingSink.run(CONTEXT, job, RECORDS);
        assertThat(sums).hasSameSizeAs(expected);
        assertThat(sums.stream().mapToLong(Long::longValue).sum()).isEqualTo(SUM_OF_INPUTS);
        assertThat(sums).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Each key's (timestamp, value) records. */
    private static Map<Integer, List<long[]>> recordsByKey() {
        Map<Integer, List<long[]>> byKey = new TreeMap<>();
        for (long i = 0; i < RECORDS; i++) {
            byKey.computeIfAbsent(SessionRecordGenerator.key(i), k -> new ArrayList<>())
                    .add(
                            new long[] {
                                SessionRecordGenerator.timestamp(i), SessionRecordGenerator.value(i)
                            });
        }
        return byKey;
    }

    /**
     * The session sums by brute force: per key, the records sorted by timestamp, split before every
     * record more than the gap after the previous one or at least {@code maxMs} after the first
     * record of its session.
     */
    private static List<Long> bruteForceSessionSums(long maxMs) {
        List<Long> sums = new ArrayList<>();
        for (List<long[]> records : recordsByKey().values()) {
            records.sort(Comparator.comparingLong(r -> r[0]));
            int first = 0;
            for (int n = 1; n <= records.size(); n++) {
                boolean split =
                        n == records.size()
                                || records.get(n)[0] - records.get(n - 1)[0] > GAP_MS
                                || records.get(n)[0] - records.get(first)[0] >= maxMs;
                if (split) {
                    long sum = 0;
                    for (int r = first; r < n; r++) {
                        sum += records.get(r)[1];
                    }
                    sums.add(sum);
                    first = n;
                }
            }
        }
        assertThat(sums.stream().mapToLong(Long::longValue).sum()).isEqualTo(SUM_OF_INPUTS);
        return sums;
    }
}
