package dev.flinkkda.kda.runtime;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;
import org.apache.flink.streaming.runtime.partitioner.RebalancePartitioner;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Which exchanges {@link LocalExchanges} makes forward, and what Flink then chains. */
class LocalExchangesTest {

    /**
     * source ─ hash ─▶ an operator with the default chaining strategy ─▶ sink: two tasks, then one
     * with the exchange forward.
     */
    @Test
    void aKeyedExchangeAtParallelismOneBecomesForwardAndChains() {
        StreamGraph graph = job(1, numbers -> numbers.keyBy(n -> n % 3));
        assertThat(partitioners(graph)).containsOnlyOnce(KeyGroupStreamPartitioner.class);
        assertThat(graph.getJobGraph().getNumberOfVertices()).isEqualTo(2);

        assertThat(LocalExchanges.allAtParallelismOne(graph)).isTrue();
        assertThat(LocalExchanges.forwardAtParallelismOne(graph)).isEqualTo(1);
        assertThat(partitioners(graph)).containsOnly(ForwardPartitioner.class);
        assertThat(graph.getJobGraph().getNumberOfVertices()).isEqualTo(1);
    }

    @Test
    void aGlobalExchangeAtParallelismOneBecomesForward() {
        StreamGraph graph = job(1, DataStream::global);
        assertThat(LocalExchanges.forwardAtParallelismOne(graph)).isEqualTo(1);
        assertThat(graph.getJobGraph().getNumberOfVertices()).isEqualTo(1);
    }

    /** A rebalance is asked for by name: left as it is. */
    @Test
    void aRebalanceStays() {
        StreamGraph graph = job(1, DataStream::rebalance);
        assertThat(LocalExchanges.forwardAtParallelismOne(graph)).isZero();
        assertThat(partitioners(graph)).contains(RebalancePartitioner.class);
        assertThat(graph.getJobGraph().getNumberOfVertices()).isEqualTo(2);
    }

    /** A DataStream operator of Flink's (a map after keyBy) is made forward too, and chains. */
    @Test
    void aKeyedExchangeIntoAFlinkDataStreamOperatorBecomesForward() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSequence(1, 10)
                .keyBy(n -> n % 3)
                .map(n -> n + 1)
                .returns(Types.LONG)
                .sinkTo(new DiscardingSink<>());
        StreamGraph graph = env.getStreamGraph();
        assertThat(LocalExchanges.forwardAtParallelismOne(graph)).isEqualTo(1);
        assertThat(graph.getJobGraph().getNumberOfVertices()).isEqualTo(1);
    }

    /** At parallelism 2 a keyed exchange sends records to the instance of their key: it stays. */
    @Test
    void aKeyedExchangeAtParallelismTwoStays() {
        StreamGraph graph = job(2, numbers -> numbers.keyBy(n -> n % 3));
        assertThat(LocalExchanges.allAtParallelismOne(graph)).isFalse();
        assertThat(LocalExchanges.forwardAtParallelismOne(graph)).isZero();
        assertThat(partitioners(graph)).contains(KeyGroupStreamPartitioner.class);
    }

    /** numbers (parallelism 1) → exchange → {@link Increment} → sink, at {@code parallelism}. */
    private static StreamGraph job(
            int parallelism, Function<DataStream<Long>, DataStream<Long>> exchange) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        DataStream<Long> numbers = env.fromSequence(1, 10).setParallelism(1);
        exchange.apply(numbers)
                .transform("increment", Types.LONG, new Increment())
                .sinkTo(new DiscardingSink<>());
        return env.getStreamGraph();
    }

    private static List<Class<?>> partitioners(StreamGraph graph) {
        List<Class<?>> partitioners = new ArrayList<>();
        graph.getStreamNodes()
                .forEach(
                        node -> {
                            for (StreamEdge edge : node.getOutEdges()) {
                                partitioners.add(edge.getPartitioner().getClass());
                            }
                        });
        return partitioners;
    }

    /** An operator that leaves the chaining strategy at its default, as flink-kda's windows do. */
    private static final class Increment extends AbstractStreamOperator<Long>
            implements OneInputStreamOperator<Long, Long> {
        @Override
        public void processElement(StreamRecord<Long> element) {
            output.collect(element.replace(element.getValue() + 1));
        }
    }
}
