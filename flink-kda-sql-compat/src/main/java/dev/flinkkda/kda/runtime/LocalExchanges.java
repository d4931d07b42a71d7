package dev.flinkkda.kda.runtime;

import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.apache.flink.streaming.runtime.partitioner.GlobalPartitioner;
import org.apache.flink.streaming.runtime.partitioner.KeyGroupStreamPartitioner;

/**
 * The exchanges into DataStream operators (not Flink SQL's) in a job whose every operator runs at
 * parallelism 1, made forward: a keyed or global exchange sends every record to the one instance
 * there is, and a forward one does the same without hashing, and lets Flink chain the two
 * operators, which then pass records by reference (with object reuse) instead of serializing them
 * into a network buffer and back. An operator of one input that would not chain by default ({@code
 * HEAD}) is made to ({@code ALWAYS}).
 *
 * <pre>
 *   parse ─ hash(key) ─▶ stagger window      two tasks: each record serialized, then deserialized
 *   parse ─ forward ───▶ stagger window      one task (a chain): each record handed over
 * </pre>
 *
 * <p>Keyed state is unchanged: the receiving operator keeps its key selector, and at parallelism 1
 * its one instance holds every key group. Flink restores state by operator id, which flink-kda's
 * jobs set for every operator ({@link OperatorUids}), so a checkpoint of a job run with forward
 * exchanges restores into the job with keyed ones (at parallelism 1 or more) and the other way
 * round.
 */
public final class LocalExchanges {

    /** The packages of Flink SQL's operators and of their generated code's factories. */
    private static final String TABLE_RUNTIME_PACKAGE = "org.apache.flink.table.";

    private LocalExchanges() {}

    /** Whether every operator of {@code graph} runs at parallelism 1. */
    public static boolean allAtParallelismOne(StreamGraph graph) {
        return graph.getStreamNodes().stream().allMatch(node -> node.getParallelism() == 1);
    }

    /**
     * Makes the keyed and global exchanges into DataStream operators forward, when both ends run at
     * parallelism 1.
     *
     * @return how many exchanges were made forward
     */
    public static int forwardAtParallelismOne(StreamGraph graph) {
        int changed = 0;
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getOutEdges()) {
                if (isToTheOneInstance(graph, edge)) {
                    edge.setPartitioner(new ForwardPartitioner<>());
                    chainable(graph.getStreamNode(edge.getTargetId()));
                    changed++;
                }
            }
        }
        return changed;
    }

    /**
     * An operator that leaves its chaining strategy at {@code AbstractStreamOperator}'s default,
     * {@code HEAD} (flink-kda's window operators), chains with its one input as Flink's own
     * operators of one input do ({@code ALWAYS}).
     */
    private static void chainable(StreamNode target) {
        StreamOperatorFactory<?> factory = target.getOperatorFactory();
        if (target.getInEdges().size() == 1
                && factory != null
                && factory.getChainingStrategy() == ChainingStrategy.HEAD) {
            factory.setChainingStrategy(ChainingStrategy.ALWAYS);
        }
    }

    private static boolean isToTheOneInstance(StreamGraph graph, StreamEdge edge) {
        boolean keyedOrGlobal =
                edge.getPartitioner() instanceof KeyGroupStreamPartitioner
                        || edge.getPartitioner() instanceof GlobalPartitioner;
        StreamNode target = graph.getStreamNode(edge.getTargetId());
        return keyedOrGlobal
                && isDataStreamOperator(target)
                && graph.getStreamNode(edge.getSourceId()).getParallelism() == 1
                && target.getParallelism() == 1;
    }

    /**
     * An operator of the DataStream API (flink-kda's windows and {@code RANDOM_CUT_FOREST}, Flink's
     * window operator): it reads its input as records of their keys in any grouping. Flink SQL's
     * operators keep the exchanges the planner chose: its two-phase window aggregation fails when
     * the global phase is chained behind the local one ({@code ClassCastException} in {@code
     * SliceAssigners}, Flink 1.20.3).
     */
    private static boolean isDataStreamOperator(StreamNode node) {
        StreamOperatorFactory<?> factory = node.getOperatorFactory();
        Class<?> operator =
                factory instanceof SimpleOperatorFactory<?> simple
                        ? simple.getOperator().getClass()
                        : factory.getClass();
        return !operator.getName().startsWith(TABLE_RUNTIME_PACKAGE);
    }
}
