package dev.flinkkda.windows.stagger;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-emits each key's elements in timestamp order: an element is held until the watermark passes
 * its timestamp, then emitted with that timestamp, before the watermark itself is forwarded.
 * Elements of equal timestamp keep their arrival order. Elements already behind the watermark when
 * they arrive are late; they are forwarded at once so that the window operator downstream applies
 * its allowed lateness and late side output to them.
 *
 * <pre>
 *   arrival   : 11:00:30  11:00:20  [watermark 11:00:25]  11:00:40  [watermark 11:00:45]
 *   emitted   :                     11:00:20              11:00:30  11:00:40
 * </pre>
 *
 * <p>The held elements are keyed state (one map entry per distinct timestamp) and event-time
 * timers, so they are checkpointed and restored with the job. They are the elements within the
 * watermark's out-of-orderness bound, no more.
 *
 * @param <K> key type
 * @param <T> element type
 */
final class KeyedTimestampSorter<K, T> extends KeyedProcessFunction<K, T, T> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<T> elementType;

    private transient MapState<Long, List<T>> held;

    KeyedTimestampSorter(TypeInformation<T> elementType) {
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
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        Long timestamp = ctx.timestamp();
        if (timestamp == null) {
            throw new IllegalStateException(
                    "Record of key "
                            + ctx.getCurrentKey()
                            + " has no timestamp. Event-time stagger windows need a "
                            + "WatermarkStrategy with a timestamp assigner before keyBy.");
        }
        if (timestamp <= ctx.timerService().currentWatermark()) {
            out.collect(value); // late: the window operator decides (allowed lateness, side output)
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
        // The collector stamps emitted records with the timer's timestamp, i.e. the elements' own.
        List<T> sameTimestamp = held.get(timestamp);
        if (sameTimestamp != null) {
            for (T value : sameTimestamp) {
                out.collect(value);
            }
            held.remove(timestamp);
        }
    }
}
