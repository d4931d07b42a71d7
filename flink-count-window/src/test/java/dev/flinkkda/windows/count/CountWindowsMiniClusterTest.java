package dev.flinkkda.windows.count;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Count windows in real jobs on a MiniCluster. */
class CountWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /**
     * eKuiper's "filter window inputs": a filter before a count window leaves windows of full
     * length, because filtered elements are not counted. Values 1..20, odd ones dropped, windows of
     * 3 every 3: (2, 4, 6), (8, 10, 12), (14, 16, 18).
     */
    @Test
    void filteredElementsAreNotCounted() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // count windows follow arrival order: one source split
        DataStream<String> windows =
                CountWindows.of(3, 3)
                        .window(
                                env.fromData(
                                                LongStream.rangeClosed(1, 20)
                                                        .mapToObj(v -> Tuple2.of("k", v))
                                                        .collect(Collectors.toList()),
                                                CountWindowHarness.ELEMENT)
                                        .filter(e -> e.f1 % 2 == 0)
                                        .keyBy(CountWindowHarness.KEY))
                        .process(new CountWindowHarness.ListValues<GlobalWindow>());
        List<String> result = new ArrayList<>();
        try (CloseableIterator<String> it = windows.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        assertThat(result)
                .containsExactly(
                        CountWindowHarness.window("k", 2, 4, 6),
                        CountWindowHarness.window("k", 8, 10, 12),
                        CountWindowHarness.window("k", 14, 16, 18));
    }

    /** Sliding windows with an aggregate: sums of the latest 4 of 1..10, every 2nd from the 4th. */
    @Test
    void slidingSumsWithReduce() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // count windows follow arrival order: one source split
        DataStream<Tuple2<String, Long>> sums =
                CountWindows.of(4, 2)
                        .window(
                                env.fromSequence(1, 10)
                                        .map(v -> Tuple2.of("k", v))
                                        .returns(CountWindowHarness.ELEMENT)
                                        .keyBy(CountWindowHarness.KEY))
                        .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1));
        List<Tuple2<String, Long>> result = new ArrayList<>();
        try (CloseableIterator<Tuple2<String, Long>> it = sums.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        // 1+2+3+4, 3+4+5+6, 5+6+7+8, 7+8+9+10
        assertThat(result)
                .containsExactly(
                        Tuple2.of("k", 10L),
                        Tuple2.of("k", 18L),
                        Tuple2.of("k", 26L),
                        Tuple2.of("k", 34L));
    }
}
