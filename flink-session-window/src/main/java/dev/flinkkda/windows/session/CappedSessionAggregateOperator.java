package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.IncrementalWindowOperator;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event-time capped session windows with incremental aggregation in one operator: the fast path
 * behind {@link CappedSessionWindowedStream}. Same sessions as {@link CappedSessionWindows#window}
 * (those of the input in timestamp order), without Flink's merging-window bookkeeping per element.
 *
 * <p>Per key it keeps the open session (start, end, accumulator) in one state value; elements that
 * may open the next session pre-aggregated per timestamp, with the furthest {@code t + gap} among
 * them, until the watermark passes them (as {@link SessionTimestampOrder} does); and, with allowed
 * lateness, fired sessions until their cleanup time. All of it is keyed state with event-time
 * timers, so it is checkpointed.
 *
 * <p>Per timer timestamp {@code T}, in this order: elements held at {@code T} join the open session
 * or open the next one; the open session fires when {@code T >= end - 1}; fired sessions whose
 * cleanup time {@code end - 1 + allowedLateness} is {@code T} are dropped.
 */
final class CappedSessionAggregateOperator<K, T, ACC, V, R>
        extends IncrementalWindowOperator<K, T, ACC, V, R, TimeWindow>
        implements Triggerable<K, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    private final CappedSessionWindowAssigner<? super T> sessions;
    private final long allowedLateness;
    private final TypeInformation<ACC> accumulatorType;
    private final OutputTag<T> lateDataTag;

    /** start, end, accumulator of the open session. */
    private transient ValueState<Tuple3<Long, Long, ACC>> openSession;

    /** timestamp → (furthest reach, accumulator) of elements waiting for the watermark. */
    private transient MapState<Long, Tuple2<Long, ACC>> held;

    /** start → (end, accumulator) of fired sessions kept for the allowed lateness. */
    private transient MapState<Long, Tuple2<Long, ACC>> fired;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter lateRecordsDropped;

    CappedSessionAggregateOperator(
            CappedSessionWindowAssigner<? super T> sessions,
            long allowedLateness,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        super(
                aggregate,
                windowFunction,
                "CappedSessionWindows.window(...), Flink's WindowedStream,");
        this.sessions = sessions;
        this.allowedLateness = allowedLateness;
        this.accumulatorType = accumulatorType;
        this.lateDataTag = lateDataTag;
    }

    @Override
    public void open() throws Exception {
        super.open();
        openSession =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "session-open",
                                        new TupleTypeInfo<>(
                                                Types.LONG, Types.LONG, accumulatorType)));
        TupleTypeInfo<Tuple2<Long, ACC>> endAndAccumulator =
                new TupleTypeInfo<>(Types.LONG, accumulatorType);
        held =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "session-held", Types.LONG, endAndAccumulator));
        fired =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "session-fired", Types.LONG, endAndAccumulator));
        timers = getInternalTimerService("session-timers", VoidNamespaceSerializer.INSTANCE, this);
        lateRecordsDropped = getMetricGroup().counter("numLateRecordsDropped");
    }

    @Override
    protected long currentWatermark() {
        return timers.currentWatermark();
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        if (!element.hasTimestamp()) {
            throw new IllegalStateException(
                    "Record of key "
                            + getCurrentKey()
                            + " has no timestamp. Event-time session windows need a "
                            + "WatermarkStrategy with a timestamp assigner before keyBy.");
        }
        T value = element.getValue();
        long timestamp = element.getTimestamp();
        Tuple3<Long, Long, ACC> open = openSession.value();
        if (open != null && sessions.joins(open.f0, open.f1, timestamp)) {
            // Its start is behind the watermark, so this element joins in timestamp order too.
            open.f2 = aggregate.add(value, open.f2);
            extend(open, sessions.reach(value, timestamp));
            openSession.update(open);
            return;
        }
        long watermark = timers.currentWatermark();
        if (timestamp > watermark) {
            // May open the next session: wait until no earlier element can come.
            Tuple2<Long, ACC> sameTimestamp = held.get(timestamp);
            if (sameTimestamp == null) {
                sameTimestamp = Tuple2.of(Long.MIN_VALUE, aggregate.createAccumulator());
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, timestamp);
            }
            sameTimestamp.f0 = Math.max(sameTimestamp.f0, sessions.reach(value, timestamp));
            sameTimestamp.f1 = aggregate.add(value, sameTimestamp.f1);
            held.put(timestamp, sameTimestamp);
            return;
        }
        processLateElement(element, open, watermark);
    }

    /** An element behind the watermark that does not join the open session. */
    private void processLateElement(
            StreamRecord<T> element, Tuple3<Long, Long, ACC> open, long watermark)
            throws Exception {
        T value = element.getValue();
        long timestamp = element.getTimestamp();
        long latestFiredEnd = Long.MIN_VALUE;
        for (Map.Entry<Long, Tuple2<Long, ACC>> session : fired.entries()) {
            long start = session.getKey();
            Tuple2<Long, ACC> endAndAccumulator = session.getValue();
            if (sessions.joins(start, endAndAccumulator.f0, timestamp)) {
                // Joins the fired session that takes it, which fires again (a late firing).
                endAndAccumulator.f1 = aggregate.add(value, endAndAccumulator.f1);
                endAndAccumulator.f0 =
                        sessions.end(
                                start,
                                Math.max(endAndAccumulator.f0, sessions.reach(value, timestamp)));
                fired.put(start, endAndAccumulator);
                emit(new TimeWindow(start, endAndAccumulator.f0), endAndAccumulator.f1);
                return;
            }
            latestFiredEnd = Math.max(latestFiredEnd, endAndAccumulator.f0);
        }
        long reach = sessions.reach(value, timestamp);
        long end = sessions.end(timestamp, reach);
        if (open == null && timestamp > latestFiredEnd && cleanupTime(end) > watermark) {
            // Nothing of its key is open at its time: it opens a session, as in timestamp order.
            open = Tuple3.of(timestamp, end, aggregate.add(value, aggregate.createAccumulator()));
            if (end - 1 <= watermark) {
                fire(open);
            } else {
                openSession.update(open);
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end - 1);
            }
            return;
        }
        if (lateDataTag != null) {
            output.collect(lateDataTag, element);
        } else {
            lateRecordsDropped.inc();
        }
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        Tuple3<Long, Long, ACC> open = openSession.value();
        Tuple2<Long, ACC> released = held.get(time);
        if (released != null) {
            held.remove(time);
            if (open != null && sessions.joins(open.f0, open.f1, time)) {
                open.f2 = aggregate.merge(open.f2, released.f1);
                extend(open, released.f0);
            } else {
                if (open != null) {
                    fire(open); // complete: this element lies beyond it
                }
                // The first element beyond the open session opens the next one.
                open = Tuple3.of(time, sessions.end(time, released.f0), released.f1);
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, open.f1 - 1);
            }
            openSession.update(open);
        }
        if (open != null && time >= open.f1 - 1) {
            if (takeElementsAtEnd(open)) {
                openSession.update(open);
            }
            if (time >= open.f1 - 1) {
                openSession.clear();
                fire(open);
            }
        }
        if (allowedLateness > 0) {
            List<Long> expired = new ArrayList<>(1);
            for (Map.Entry<Long, Tuple2<Long, ACC>> session : fired.entries()) {
                if (cleanupTime(session.getValue().f0) <= time) {
                    expired.add(session.getKey());
                }
            }
            for (Long start : expired) {
                fired.remove(start);
            }
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {
        // event time only
    }

    /**
     * Joins the held elements exactly at the session's end — a gap exactly equal to the session gap
     * — into it, as often as that moves the end onto further held elements. They arrived ahead of
     * the watermark but are still held because they came before the session opened; in timestamp
     * order they belong to it, so it must not fire without them.
     *
     * @return whether the session changed
     */
    private boolean takeElementsAtEnd(Tuple3<Long, Long, ACC> open) throws Exception {
        boolean changed = false;
        Tuple2<Long, ACC> atEnd;
        while (sessions.joins(open.f0, open.f1, open.f1) && (atEnd = held.get(open.f1)) != null) {
            held.remove(open.f1);
            open.f2 = aggregate.merge(open.f2, atEnd.f1);
            extend(open, atEnd.f0);
            changed = true;
        }
        return changed;
    }

    /** Moves the open session's end to cover {@code reach}, with a timer at its new end. */
    private void extend(Tuple3<Long, Long, ACC> open, long reach) throws Exception {
        long end = sessions.end(open.f0, Math.max(open.f1, reach));
        if (end != open.f1) {
            long oldTimer = open.f1 - 1;
            // Keeps the timer queue at one timer per open session, unless the old timer also
            // releases held elements or cleans up fired sessions.
            if (allowedLateness == 0 && !held.contains(oldTimer)) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, oldTimer);
            }
            open.f1 = end;
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end - 1);
        }
    }

    private void fire(Tuple3<Long, Long, ACC> session) throws Exception {
        emit(new TimeWindow(session.f0, session.f1), session.f2);
        if (allowedLateness > 0) {
            fired.put(session.f0, Tuple2.of(session.f1, session.f2));
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, cleanupTime(session.f1));
        }
    }

    private long cleanupTime(long end) {
        long cleanup = end - 1 + allowedLateness;
        return cleanup >= end - 1 ? cleanup : Long.MAX_VALUE; // overflow
    }
}
