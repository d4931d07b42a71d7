package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.EventTimeWindowOperator;
import dev.flinkkda.windows.core.LateRule;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event-time capped session windows with incremental aggregation in one operator: the fast path
 * behind {@link CappedSessionWindowedStream}. Same sessions as {@link
 * EventTimeCappedSessionWindows#window} (those of the input in timestamp order), without Flink's
 * merging-window bookkeeping per element.
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
 *
 * <p>Lateness is judged by {@link #latenessWatermark()}: after a restore, by at least the watermark
 * the key's state had reached, as if the job had not failed. Under {@link
 * LateRule#ELEMENT_TIMESTAMP} an element with {@code t + allowedLateness <= watermark} is late on
 * arrival; the others are placed as under Flink's rule.
 */
final class CappedSessionAggregateOperator<K, T, ACC, V, R>
        extends EventTimeWindowOperator<K, T, ACC, V, R, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final CappedSessionWindowAssigner<? super T> sessions;
    private final TypeInformation<ACC> accumulatorType;

    /** The open session: start, end, the timer armed for the end, accumulator. */
    private transient ValueState<OpenSession<ACC>> openSession;

    /** timestamp → elements waiting for the watermark, pre-aggregated with their reach. */
    private transient MapState<Long, HeldAggregate<ACC>> held;

    /** start → fired sessions kept for the allowed lateness. */
    private transient MapState<Long, FiredSession<ACC>> fired;

    CappedSessionAggregateOperator(
            CappedSessionWindowAssigner<? super T> sessions,
            long allowedLateness,
            LateRule lateRule,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, TimeWindow> windowFunction,
            OutputTag<T> lateDataTag) {
        super(
                aggregate,
                windowFunction,
                "EventTimeCappedSessionWindows.window(keyed), Flink's WindowedStream,",
                "session",
                "session windows",
                lateRule,
                allowedLateness,
                lateDataTag);
        this.sessions = sessions;
        this.accumulatorType = accumulatorType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        openSession =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "session-open", OpenSession.typeInfo(accumulatorType)));
        held =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "session-held",
                                        Types.LONG,
                                        HeldAggregate.typeInfo(accumulatorType)));
        fired =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "session-fired",
                                        Types.LONG,
                                        FiredSession.typeInfo(accumulatorType)));
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        long timestamp = timestampOf(element);
        T value = element.getValue();
        long watermark = latenessWatermark();
        if (isLateOnArrival(timestamp, watermark)) {
            routeLate(element); // eKuiper's rule: behind the watermark, whatever session is open
            return;
        }
        OpenSession<ACC> open = openSession.value();
        if (open != null && sessions.joins(open.start(), open.end(), timestamp)) {
            // Its start is behind the watermark, so this element joins in timestamp order too.
            open.setAccumulator(aggregate.add(value, open.accumulator()));
            extend(open, sessions.reach(value, timestamp));
            openSession.update(open);
            return;
        }
        if (timestamp > watermark) {
            // May open the next session: wait until no earlier element can come.
            HeldAggregate<ACC> sameTimestamp = held.get(timestamp);
            if (sameTimestamp == null) {
                sameTimestamp = new HeldAggregate<>(Long.MIN_VALUE, aggregate.createAccumulator());
                registerTimer(timestamp);
            }
            sameTimestamp.setReach(
                    Math.max(sameTimestamp.reach(), sessions.reach(value, timestamp)));
            sameTimestamp.setAccumulator(aggregate.add(value, sameTimestamp.accumulator()));
            held.put(timestamp, sameTimestamp);
            return;
        }
        processLateElement(element, open, watermark);
    }

    /**
     * An element behind the watermark that does not join the open session. A late firing may have
     * extended a kept session over the start of the next one; of the kept sessions that take the
     * element, the one that started last does, whatever order the state backend lists them in.
     */
    private void processLateElement(StreamRecord<T> element, OpenSession<ACC> open, long watermark)
            throws Exception {
        T value = element.getValue();
        long timestamp = element.getTimestamp();
        long latestFiredEnd = Long.MIN_VALUE;
        Long joinedStart = null;
        for (Map.Entry<Long, FiredSession<ACC>> session : fired.entries()) {
            long start = session.getKey();
            if (sessions.joins(start, session.getValue().end(), timestamp)
                    && (joinedStart == null || start > joinedStart)) {
                joinedStart = start;
            }
            latestFiredEnd = Math.max(latestFiredEnd, session.getValue().end());
        }
        if (joinedStart != null) {
            // Joins the fired session that takes it, which fires again (a late firing).
            FiredSession<ACC> joined = fired.get(joinedStart);
            joined.setAccumulator(aggregate.add(value, joined.accumulator()));
            joined.setEnd(
                    sessions.end(
                            joinedStart, Math.max(joined.end(), sessions.reach(value, timestamp))));
            fired.put(joinedStart, joined);
            registerTimer(cleanupTime(joined.end()));
            emit(new TimeWindow(joinedStart, joined.end()), joined.accumulator());
            return;
        }
        long reach = sessions.reach(value, timestamp);
        long end = sessions.end(timestamp, reach);
        if (open == null && timestamp > latestFiredEnd && cleanupTime(end) > watermark) {
            // Nothing of its key is open at its time: it opens a session, as in timestamp order.
            open =
                    new OpenSession<>(
                            timestamp,
                            end,
                            end - 1,
                            aggregate.add(value, aggregate.createAccumulator()));
            if (end - 1 <= watermark) {
                fire(open);
            } else {
                openSession.update(open);
                registerTimer(end - 1);
            }
            return;
        }
        routeLate(element);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        OpenSession<ACC> open = openSession.value();
        HeldAggregate<ACC> released = held.get(time);
        if (released != null) {
            held.remove(time);
            if (open != null && sessions.joins(open.start(), open.end(), time)) {
                open.setAccumulator(aggregate.merge(open.accumulator(), released.accumulator()));
                extend(open, released.reach());
            } else {
                if (open != null) {
                    fire(open); // complete: this element lies beyond it
                }
                // The first element beyond the open session opens the next one.
                long end = sessions.end(time, released.reach());
                open = new OpenSession<>(time, end, end - 1, released.accumulator());
                registerTimer(end - 1);
            }
            openSession.update(open);
        }
        if (open != null) {
            if (time >= open.end() - 1) {
                takeElementsAtEnd(open);
                if (time >= open.end() - 1) {
                    openSession.clear();
                    fire(open);
                } else {
                    rearm(open);
                }
            } else if (time == open.armedTimer()) {
                rearm(open); // the session's end moved on since this timer was armed
            }
        }
        if (allowedLateness > 0) {
            List<Long> expired = new ArrayList<>(1);
            for (Map.Entry<Long, FiredSession<ACC>> session : fired.entries()) {
                if (cleanupTime(session.getValue().end()) <= time) {
                    expired.add(session.getKey());
                }
            }
            for (Long start : expired) {
                fired.remove(start);
            }
        }
    }

    /**
     * Arms the timer for the open session's current end. Extending a session does not re-register
     * its timer (that would cost a timer-queue update per element); the armed timer moves when it
     * fires before the end.
     */
    private void rearm(OpenSession<ACC> open) throws Exception {
        open.setArmedTimer(open.end() - 1);
        openSession.update(open);
        registerTimer(open.armedTimer());
    }

    /**
     * Joins the held elements exactly at the session's end — a gap exactly equal to the session gap
     * — into it, as often as that moves the end onto further held elements. They arrived ahead of
     * the watermark but are still held because they came before the session opened; in timestamp
     * order they belong to it, so it must not fire without them.
     */
    private void takeElementsAtEnd(OpenSession<ACC> open) throws Exception {
        HeldAggregate<ACC> atEnd;
        while (sessions.joins(open.start(), open.end(), open.end())
                && (atEnd = held.get(open.end())) != null) {
            held.remove(open.end());
            open.setAccumulator(aggregate.merge(open.accumulator(), atEnd.accumulator()));
            extend(open, atEnd.reach());
        }
    }

    /** Moves the open session's end to cover {@code reach}; its timer moves when it fires. */
    private void extend(OpenSession<ACC> open, long reach) {
        open.setEnd(sessions.end(open.start(), Math.max(open.end(), reach)));
    }

    private void fire(OpenSession<ACC> session) throws Exception {
        emit(new TimeWindow(session.start(), session.end()), session.accumulator());
        if (allowedLateness > 0) {
            fired.put(session.start(), new FiredSession<>(session.end(), session.accumulator()));
            registerTimer(cleanupTime(session.end()));
        }
    }

    private long cleanupTime(long end) {
        long cleanup = end - 1 + allowedLateness;
        return cleanup >= end - 1 ? cleanup : Long.MAX_VALUE; // overflow
    }
}
