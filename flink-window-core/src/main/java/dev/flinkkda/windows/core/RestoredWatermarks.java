package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The watermark each key group's state had reached when it was checkpointed, for a window operator
 * that judges lateness itself. Flink's timer service starts again from {@code Long.MIN_VALUE} after
 * a restore, while the restored keyed state already reflects a later watermark: windows fired, and
 * dropped once past their allowed lateness. Judged by the timer service alone, an element that was
 * late before the failure would open a window again:
 *
 * <pre>
 *   stagger windows of size 100, no allowed lateness, key k
 *                                 without failure        restored, timer service only
 *   elements 1000, 1050           held                   held
 *   watermark 1200                [1000, 1100) fires     [1000, 1100) fires
 *   ── checkpoint (k's key group: 1200) ── failure ── restore (timer service: MIN_VALUE) ──
 *   element 1060                  late                   held: may open a window
 *   watermark 1300                —                      [1060, 1160) fires
 * </pre>
 *
 * <p>With {@link #forKey} the operator judges each element against at least the watermark its key's
 * state had reached, as if it had not failed. The watermark is operator-wide, but after rescaling a
 * subtask owns key groups of several old subtasks, each checkpointed with its own watermark; until
 * the watermark passes the highest of them, the one of the element's key group applies.
 *
 * <p>Checkpointed as union list state of runs {@code {first key group, last key group, watermark}},
 * disjoint: one run per subtask, or more while a rescaled subtask is still behind the watermarks it
 * restored (each run keeps the higher of the two until then). An operator on processing time may
 * keep how far its timers have run instead of a watermark.
 */
@Internal
public final class RestoredWatermarks {

    private static final int FIRST = 0;
    private static final int LAST = 1;
    private static final int WATERMARK = 2;

    private final ListState<long[]> state;
    private final KeyGroupRange keyGroups;
    private final int maxParallelism;

    /** Runs of this subtask's key groups with the watermark restored for them, in order. */
    private final List<long[]> restored;

    /** The lowest watermark restored for any of this subtask's key groups; MIN_VALUE if none. */
    private final long lowest;

    /** The highest watermark restored for any of this subtask's key groups; MIN_VALUE if none. */
    private final long highest;

    private RestoredWatermarks(
            ListState<long[]> state,
            KeyGroupRange keyGroups,
            int maxParallelism,
            List<long[]> restored) {
        this.state = state;
        this.keyGroups = keyGroups;
        this.maxParallelism = maxParallelism;
        this.restored = restored;
        long covered = 0;
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (long[] run : restored) {
            covered += run[LAST] - run[FIRST] + 1;
            low = Math.min(low, run[WATERMARK]);
            high = Math.max(high, run[WATERMARK]);
        }
        // a key group restored without a watermark (state from before there was one) has none
        this.lowest = covered == keyGroups.getNumberOfKeyGroups() ? low : Long.MIN_VALUE;
        this.highest = high;
    }

    /**
     * Registers the operator state {@code stateName} and reads the watermarks restored for the key
     * groups of subtask {@code task}. Call it from the operator's {@code initializeState}.
     */
    public static RestoredWatermarks restore(
            StateInitializationContext context, TaskInfo task, String stateName) throws Exception {
        ListState<long[]> state =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        stateName,
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        KeyGroupRange keyGroups =
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask());
        List<long[]> restored = new ArrayList<>();
        if (context.isRestored()) {
            for (long[] run : state.get()) {
                long first = Math.max(run[FIRST], keyGroups.getStartKeyGroup());
                long last = Math.min(run[LAST], keyGroups.getEndKeyGroup());
                if (first <= last) {
                    restored.add(new long[] {first, last, run[WATERMARK]});
                }
            }
            restored.sort(Comparator.comparingLong(run -> run[FIRST]));
        }
        return new RestoredWatermarks(
                state, keyGroups, task.getMaxNumberOfParallelSubtasks(), restored);
    }

    /**
     * The watermark to judge an element of {@code key} by: {@code watermark} (the timer service's),
     * but at least the one restored for the key's key group.
     */
    public long forKey(Object key, long watermark) {
        long atLeastLowest = Math.max(watermark, lowest);
        if (atLeastLowest >= highest) {
            return atLeastLowest; // no key group is further: no need to find the key's
        }
        int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        for (long[] run : restored) {
            if (run[FIRST] <= keyGroup && keyGroup <= run[LAST]) {
                return Math.max(atLeastLowest, run[WATERMARK]);
            }
        }
        return atLeastLowest;
    }

    /** The highest watermark restored for this subtask's key groups; MIN_VALUE without restore. */
    public long highest() {
        return highest;
    }

    /**
     * Checkpoints {@code watermark} (the timer service's) for this subtask's key groups, keeping
     * for each the higher restored one. Call it from the operator's {@code snapshotState}.
     */
    public void snapshot(long watermark) throws Exception {
        List<long[]> runs = new ArrayList<>();
        long next = keyGroups.getStartKeyGroup();
        for (long[] run : restored) {
            if (next < run[FIRST]) {
                append(runs, next, run[FIRST] - 1, watermark);
            }
            append(runs, run[FIRST], run[LAST], Math.max(watermark, run[WATERMARK]));
            next = run[LAST] + 1;
        }
        if (next <= keyGroups.getEndKeyGroup()) {
            append(runs, next, keyGroups.getEndKeyGroup(), watermark);
        }
        state.update(runs);
    }

    /** Appends a run, joined to the one before when it continues it with the same watermark. */
    private static void append(List<long[]> runs, long first, long last, long watermark) {
        long[] previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (previous != null && previous[LAST] + 1 == first && previous[WATERMARK] == watermark) {
            previous[LAST] = last;
        } else {
            runs.add(new long[] {first, last, watermark});
        }
    }
}
