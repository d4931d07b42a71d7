package dev.flinkkda.windows.testing;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Restoring a keyed operator at another parallelism in operator test harnesses: which key a subtask
 * owns, and the state a subtask of the new parallelism starts from.
 */
public final class Rescaling {

    private Rescaling() {}

    /**
     * A one-letter key, the first from {@code "a"} that {@code parallelism} gives to {@code
     * subtask}.
     */
    public static String keyOf(int subtask, int parallelism, int maxParallelism) {
        for (char c = 'a'; c <= 'z'; c++) {
            String key = String.valueOf(c);
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            key, maxParallelism, parallelism)
                    == subtask) {
                return key;
            }
        }
        throw new IllegalArgumentException(
                "no key from a to z for subtask " + subtask + " of " + parallelism);
    }

    /**
     * The state subtask {@code subtask} of {@code newParallelism} is restored from, given the
     * snapshots of all subtasks of the old parallelism (in subtask order).
     */
    public static OperatorSubtaskState restoredState(
            int maxParallelism,
            int newParallelism,
            int subtask,
            OperatorSubtaskState... oldSubtasks)
            throws Exception {
        return AbstractStreamOperatorTestHarness.repartitionOperatorState(
                AbstractStreamOperatorTestHarness.repackageState(oldSubtasks),
                maxParallelism,
                oldSubtasks.length,
                newParallelism,
                subtask);
    }
}
