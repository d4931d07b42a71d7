package dev.flinkkda.windows.predicate;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Predicate windows in real jobs on a MiniCluster, parallelism 1 (windows follow each key's arrival
 * order: one source split). The bounded source's end sends the final watermark that flushes.
 */
class PredicateWindowsMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    /** Two machines' events; a run is from "start" to "stop"; m2's last run never stops. */
    private static KeyedStream<Tuple2<String, String>, String> machineEvents() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return env.fromData(
                        PredicateWindowHarness.ELEMENT,
                        Tuple2.of("m1", "idle"),
                        Tuple2.of("m1", "start"),
                        Tuple2.of("m2", "start"),
                        Tuple2.of("m1", "heat"),
                        Tuple2.of("m2", "stop"),
                        Tuple2.of("m1", "start"), // m1's run is already open: joins it
                        Tuple2.of("m1", "stop"),
                        Tuple2.of("m2", "idle"),
                        Tuple2.of("m2", "stop"), // no run open: dropped
                        Tuple2.of("m2", "start"),
                        Tuple2.of("m2", "heat"))
                .keyBy(PredicateWindowHarness.KEY);
    }

    private static PredicateWindows<Tuple2<String, String>> runs() {
        return PredicateWindows.<Tuple2<String, String>>between(
                e -> e.f1.equals("start"), e -> e.f1.equals("stop"));
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> result = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    @Test
    void aggregateWithWindowFunctionAndFlush() throws Exception {
        List<String> runs =
                collect(
                        runs().flushOnEndOfInput()
                                .incremental(machineEvents())
                                .aggregate(
                                        new PredicateWindowHarness.JoinTokens(),
                                        new PredicateWindowHarness.ShowJoinedTokens(false)));
        assertThat(runs)
                .containsExactly(
                        "m2#1:start,stop",
                        "m1#1:start,heat,start,stop",
                        "m2#2:start,heat"); // flushed by the end of the input
    }

    @Test
    void processWithoutFlushDropsTheUnfinishedWindow() throws Exception {
        List<String> runs =
                collect(
                        runs().incremental(machineEvents())
                                .process(new PredicateWindowHarness.ShowElements(false)));
        assertThat(runs).containsExactly("m2#1:start,stop", "m1#1:start,heat,start,stop");
    }

    /** Plain reduce and aggregate emit the reduced value and the aggregate as they are. */
    @Test
    void reduceAndAggregateWithoutWindowFunction() throws Exception {
        List<Tuple2<String, String>> reduced =
                collect(
                        runs().incremental(machineEvents())
                                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + "+" + b.f1)));
        assertThat(reduced)
                .containsExactly(
                        Tuple2.of("m2", "start+stop"), Tuple2.of("m1", "start+heat+start+stop"));

        List<Long> sizes =
                collect(
                        runs().flushOnEndOfInput()
                                .incremental(machineEvents())
                                .aggregate(new Count()));
        assertThat(sizes).containsExactly(2L, 4L, 2L);
    }

    /** Counts the elements of a window. */
    private static final class Count
            implements AggregateFunction<Tuple2<String, String>, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Tuple2<String, String> value, Long accumulator) {
            return accumulator + 1;
        }

        @Override
        public Long getResult(Long accumulator) {
            return accumulator;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }
}
