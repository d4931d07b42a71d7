package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Each subtask's watermark with the key groups it owns, checkpointed as union list state (an
 * operator on processing time may keep how far its timers have run instead). Flink's timer service
 * starts again from {@code Long.MIN_VALUE} after a restore, while the restored keyed state already
 * reflects a later watermark (slices pushed, windows fired). With the restored watermarks an
 * operator can apply its lateness rules as if it had not failed: at the same parallelism the lowest
 * restored watermark is its own; after rescaling, each key's is that of the subtask that owned its
 * key group, until the watermark passes the highest restored one.
 */
final class RestoredWatermarks {

    /** Per subtask: {first key group, last key group, watermark}. */
    private ListState<long[]> state;

    private final List<long[]> restored = new ArrayList<>();

    /** The lowest watermark of the subtasks a restore came from; MIN_VALUE without restore. */
    private long lowest = Long.MIN_VALUE;

    /** The highest watermark of the subtasks a restore came from; MIN_VALUE without restore. */
    private long highest = Long.MIN_VALUE;

    void initialize(StateInitializationContext context, String name) throws Exception {
        state =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        name,
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        restored.clear();
        lowest = Long.MIN_VALUE;
        highest = Long.MIN_VALUE;
        if (context.isRestored()) {
            boolean first = true;
            for (long[] subtask : state.get()) {
                restored.add(subtask);
                lowest = first ? subtask[2] : Math.min(lowest, subtask[2]);
                highest = Math.max(highest, subtask[2]);
                first = false;
            }
        }
    }

    /** Checkpoints this subtask's current watermark, with the key groups it owns. */
    void snapshot(TaskInfo task, long watermark) throws Exception {
        KeyGroupRange range =
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask());
        state.update(
                Collections.singletonList(
                        new long[] {range.getStartKeyGroup(), range.getEndKeyGroup(), watermark}));
    }

    /** {@code watermark}, but at least the lowest restored one. */
    long atLeastRestored(long watermark) {
        return Math.max(watermark, lowest);
    }

    /**
     * Whether some key's state may have reached a later watermark than {@code watermark}: only
     * after a rescaling restore, until the watermark passes the highest restored one.
     */
    boolean isAhead(long watermark) {
        return watermark < highest;
    }

    /** The highest restored watermark; {@code Long.MIN_VALUE} without restore. */
    long highest() {
        return highest;
    }

    /**
     * The restored watermark of the subtask that owned {@code key}'s key group: how far that key's
     * state had got. The lowest restored watermark if none owned it.
     */
    long ofKey(Object key, TaskInfo task) {
        long keyGroup =
                KeyGroupRangeAssignment.assignToKeyGroup(
                        key, task.getMaxNumberOfParallelSubtasks());
        for (long[] subtask : restored) {
            if (subtask[0] <= keyGroup && keyGroup <= subtask[1]) {
                return subtask[2];
            }
        }
        return lowest;
    }
}
