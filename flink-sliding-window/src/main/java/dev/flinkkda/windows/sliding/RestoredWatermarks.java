package dev.flinkkda.windows.sliding;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;

import java.util.Collections;

/**
 * Each subtask's watermark, checkpointed as union list state (an operator on processing time may
 * keep how far its timers have run instead). Flink's timer service starts again from {@code
 * Long.MIN_VALUE} after a restore, while the restored keyed state already reflects a later
 * watermark (slices pushed, windows fired). With the lowest and highest restored watermark an
 * operator can apply its lateness rules as if it had not failed (at the same parallelism), and tell
 * after rescaling until when a key's state may be ahead of the watermark.
 */
final class RestoredWatermarks {

    private ListState<Long> state;

    /** The lowest watermark of the subtasks a restore came from; MIN_VALUE without restore. */
    private long lowest = Long.MIN_VALUE;

    /** The highest watermark of the subtasks a restore came from; MIN_VALUE without restore. */
    private long highest = Long.MIN_VALUE;

    void initialize(StateInitializationContext context, String name) throws Exception {
        state =
                context.getOperatorStateStore()
                        .getUnionListState(new ListStateDescriptor<>(name, Types.LONG));
        lowest = Long.MIN_VALUE;
        highest = Long.MIN_VALUE;
        if (context.isRestored()) {
            boolean first = true;
            for (Long watermark : state.get()) {
                lowest = first ? watermark : Math.min(lowest, watermark);
                highest = Math.max(highest, watermark);
                first = false;
            }
        }
    }

    /** Checkpoints this subtask's current watermark. */
    void snapshot(long watermark) throws Exception {
        state.update(Collections.singletonList(watermark));
    }

    /** {@code watermark}, but at least the lowest restored one. */
    long atLeastRestored(long watermark) {
        return Math.max(watermark, lowest);
    }

    /** The highest restored watermark; {@code Long.MIN_VALUE} without restore. */
    long highest() {
        return highest;
    }

    /**
     * Whether some key's state may have reached a later watermark than {@code watermark}: only
     * after a rescaling restore, until the watermark passes the highest restored one.
     */
    boolean isAhead(long watermark) {
        return watermark < highest;
    }
}
