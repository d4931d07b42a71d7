package dev.flinkkda.benchmarks;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the benchmark jobs on a small input, run exactly as the benchmark runs them (on
 * {@link FlinkEnvironmentContext}'s MiniCluster): each Flink job yields the same window sums as the
 * plain-Java loop.
 */
class WindowPipelinesTest {

    /** 3 one-minute windows per key. */
    private static final long RECORDS = 180_000;

    private static final long SIZE_MS = WindowPipelines.WINDOW_SIZE.toMillis();

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
    void staggerJobGivesThePlainJavaStaggerSums() throws Exception {
        assertThat(flinkSums(WindowPipelines::stagger))
                .hasSize(3 * RecordGenerator.NUM_KEYS)
                .containsExactlyInAnyOrderElementsOf(plainJavaStaggerSums());
    }

    @Test
    void staggerIncrementalJobGivesThePlainJavaStaggerSums() throws Exception {
        assertThat(flinkSums(WindowPipelines::staggerIncremental))
                .hasSize(3 * RecordGenerator.NUM_KEYS)
                .containsExactlyInAnyOrderElementsOf(plainJavaStaggerSums());
    }

    @Test
    void staggerAssignerJobGivesThePlainJavaStaggerSums() throws Exception {
        assertThat(flinkSums(WindowPipelines::staggerAssignerOnly))
                .hasSize(3 * RecordGenerator.NUM_KEYS)
                .containsExactlyInAnyOrderElementsOf(plainJavaStaggerSums());
    }

    @Test
    void tumblingJobGivesThePlainJavaTumblingSums() throws Exception {
        List<Long> expected = new ArrayList<>();
        PlainJavaWindows.tumblingSums(RECORDS, SIZE_MS, expected::add);
        assertThat(flinkSums(WindowPipelines::tumbling))
                .hasSize(3 * RecordGenerator.NUM_KEYS)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Flink SQL's {@code TUMBLE} of one minute: on this input the stagger windows' sums, each in an
     * epoch-aligned minute.
     */
    @Test
    void sqlTumbleJobGivesThePlainJavaStaggerSums() throws Exception {
        List<long[]> rows =
                CollectingSink.run(
                        CONTEXT,
                        (env, n) -> WindowPipelines.sqlTumble(env, n).map(new SqlWindowRow()),
                        RECORDS);
        assertThat(rows)
                .allSatisfy(
                        row -> {
                            assertThat(row[SqlWindowRow.START] % SIZE_MS).isZero();
                            assertThat(row[SqlWindowRow.END] - row[SqlWindowRow.START])
                                    .isEqualTo(SIZE_MS);
                        });
        assertThat(rows.stream().map(row -> row[SqlWindowRow.SUM]).toList())
                .hasSize(3 * RecordGenerator.NUM_KEYS)
                .containsExactlyInAnyOrderElementsOf(plainJavaStaggerSums());
    }

    private static List<Long> plainJavaStaggerSums() {
        List<Long> sums = new ArrayList<>();
        PlainJavaWindows.staggerSums(RECORDS, SIZE_MS, sums::add);
        return sums;
    }

    private static List<Long> flinkSums(
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Long>> job) throws Exception {
        return CollectingSink.run(CONTEXT, job, RECORDS);
    }
}
