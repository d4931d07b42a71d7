package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.EventTimestamps;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the stagger window operator each key's elements so that it opens exactly the windows of the
 * input sorted by timestamp.
 *
 * <p>Only an element that could open a new window has to wait: the next window of a key opens at
 * its first element at or after the open window's end, and an earlier such element may still arrive
 * until the watermark passes. So:
 *
 * <ul>
 *   <li>an element inside the key's open window, whose start the watermark has passed, is passed on
 *       at once — no element still to come can change that window;
 *   <li>any other element ahead of the watermark is held until the watermark passes its timestamp,
 *       then emitted, in timestamp order, before the watermark is forwarded;
 *   <li>an element behind the watermark (late) is passed on at once, for the window operator's
 *       allowed lateness and late side output.
 * </ul>
 *
 * <pre>
 *   size 60, open window [0, 60)     watermark 30
 *   arrives 45  → passed on (inside [0, 60))
 *   arrives 75  → held (it, or an earlier element still to come, opens the next window)
 *   arrives 62  → held
 *   watermark 80 → emits 62 (opens [62, 122)), 75, then the watermark
 * </pre>
 *
 * <p>State per key: the held elements (one map entry per distinct timestamp, with an event-time
 * timer) and the open window's start, cleared when the window closes. It is keyed state, so it is
 * checkpointed with the job.
 *
 * @param <K> key type
 * @param <T> element type
 */
final class StaggerTimestampOrder<K, T> extends KeyedProcessFunction<K, T, T> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final TypeInformation<T> elementType;

    private transient MapState<Long, List<T>> held;
    private transient ValueState<Long> openWindowStart;

    StaggerTimestampOrder(long size, TypeInformation<T> elementType) {
        this.size = size;
        this.elementType = elementType;
    }

    @Override
    public void open(OpenContext openContext) {
        held =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "stagger-held-elements",
                                        Types.LONG,
                                        Types.LIST(elementType)));
        openWindowStart =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("stagger-open-window", Types.LONG));
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        long timestamp =
                EventTimestamps.of(ctx.timestamp(), ctx.getCurrentKey(), "stagger windows", null);
        if (timestamp <= ctx.timerService().currentWatermark()) {
            out.collect(value); // late: the window operator decides (allowed lateness, side output)
            return;
        }
        Long open = openWindowStart.value();
        if (open != null && timestamp < open + size) {
            out.collect(value); // inside the open window, which nothing still to come can change
            return;
        }
        List<T> sameTimestamp = held.get(timestamp);
        if (sameTimestamp == null) {
            sameTimestamp = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(timestamp);
        }
        sameTimestamp.add(value);
        held.put(timestamp, sameTimestamp);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        Long open = openWindowStart.value();
        List<T> sameTimestamp = held.get(timestamp);
        if (sameTimestamp != null) {
            if (open == null || timestamp >= open + size) {
                // the first element at or after the open window's end opens the next window
                open = timestamp;
                openWindowStart.update(open);
                ctx.timerService().registerEventTimeTimer(open + size - 1);
            }
            // The collector stamps the records with the timer's timestamp, their own.
            for (T value : sameTimestamp) {
                out.collect(value);
            }
            held.remove(timestamp);
        }
        if (open != null && timestamp >= open + size - 1) {
            openWindowStart.clear(); // the window is complete: the next element opens a new one
        }
    }
}
