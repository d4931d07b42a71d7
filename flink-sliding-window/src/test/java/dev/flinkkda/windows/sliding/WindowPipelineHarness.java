package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.testing.OperatorPipelineHarness;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;

/**
 * A per-event sliding window pipeline in an operator test harness ({@link
 * OperatorPipelineHarness}), and what the tests inspect of the per-event operator's state.
 */
final class WindowPipelineHarness extends OperatorPipelineHarness {

    /** The pipeline {@code pipeline} builds on the keyed test stream. */
    WindowPipelineHarness(Pipeline pipeline, OperatorSubtaskState restoreFrom) throws Exception {
        super(pipeline, restoreFrom);
    }

    /** The pipeline on the state backend {@code backend} (null: the heap). */
    WindowPipelineHarness(Pipeline pipeline, OperatorSubtaskState restoreFrom, StateBackend backend)
            throws Exception {
        super(pipeline, restoreFrom, backend);
    }

    /** The pipeline as subtask {@code subtask} of {@code parallelism} (for rescaling tests). */
    WindowPipelineHarness(
            Pipeline pipeline,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        super(pipeline, restoreFrom, maxParallelism, parallelism, subtask);
    }

    /** The slices the per-event sliding operator keeps for {@code key}. */
    int slicesKept(String key) throws Exception {
        return ((PerEventSlidingAggregateOperator<?, ?, ?, ?, ?>) operator(key)).slicesKept();
    }
}
