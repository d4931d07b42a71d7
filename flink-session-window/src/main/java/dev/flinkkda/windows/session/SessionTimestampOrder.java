package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.EventTimestamps;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the capped-session window operator each key's elements so that it forms exactly the
 * sessions of the input sorted by timestamp.
 *
 * <p>The key's open session started at an element the watermark has passed, so its start — and with
 * it its cut — is final. An element that joins it as it stands now ({@code start <= t <= end},
 * {@code t < cut}) joins it in timestamp order too, whatever else arrives; it is passed on at once.
 * Any other element ahead of the watermark may open the next session, or join this one once
 * elements between fill the gap: it is held until the watermark passes it, then emitted in
 * timestamp order before the watermark is forwarded. Late elements are passed on for the window
 * operator's allowed lateness and late side output.
 *
 * <pre>
 *   gap 5, maximum 10, open session [0, 8) (last element 3), watermark 4
 *   arrives 6   → passed on (joins: session [0, 11) capped to [0, 10))
 *   arrives 12  → held (beyond the cut: it, or an earlier element still to come, opens the next)
 *   watermark 13 → emits 12, then the watermark
 * </pre>
 *
 * <p>An element exactly at the open session's end (a gap exactly equal to the session gap) joins
 * it. If it is held — it came before the session opened — it is emitted when the session would
 * fire, at {@code end - 1}, ahead of the watermark; so this is an operator, not a {@code
 * KeyedProcessFunction}, whose timer callbacks can only emit at the timer's timestamp.
 *
 * <p>State per key: the held elements (one map entry and one event-time timer per distinct
 * timestamp) and the open session's bounds with one event-time timer. The session has fired once
 * the watermark reaches {@code end - 1}; its bounds are cleared then if elements are held (or
 * sessions have no maximum duration), otherwise by the timer at {@code cut - 1}, its latest
 * possible end. Keyed state, checkpointed with the job.
 */
final class SessionTimestampOrder<K, T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, Triggerable<K, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    private final CappedSessionWindowAssigner<? super T> sessions;
    private final TypeInformation<T> elementType;

    private transient MapState<Long, List<T>> held;

    /** The open session's start, end, and the time of the timer armed for its end. */
    private transient ValueState<SessionBounds> openSession;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient StreamRecord<T> reuse;

    SessionTimestampOrder(
            CappedSessionWindowAssigner<? super T> sessions, TypeInformation<T> elementType) {
        this.sessions = sessions;
        this.elementType = elementType;
    }

    @Override
    public void open() throws Exception {
        super.open();
        held =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "session-held-elements",
                                        Types.LONG,
                                        Types.LIST(elementType)));
        openSession =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "session-open", SessionBounds.typeInfo()));
        timers =
                getInternalTimerService(
                        "session-order-timers", VoidNamespaceSerializer.INSTANCE, this);
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        long timestamp = EventTimestamps.of(element, getCurrentKey(), "session windows", null);
        long watermark = timers.currentWatermark();
        if (timestamp <= watermark) {
            output.collect(element); // late: the window operator decides (lateness, side output)
            return;
        }
        SessionBounds open = openSession.value();
        if (open != null && watermark >= open.end() - 1) {
            open = null; // fired when the watermark reached end - 1; kept until its timer (arm)
        }
        if (open != null && sessions.joins(open.start(), open.end(), timestamp)) {
            extend(open, sessions.reach(element.getValue(), timestamp));
            output.collect(element);
            return;
        }
        List<T> sameTimestamp = held.get(timestamp);
        if (sameTimestamp == null) {
            sameTimestamp = new ArrayList<>(1);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, timestamp);
        }
        sameTimestamp.add(element.getValue());
        held.put(timestamp, sameTimestamp);
        if (open != null && open.armedTimer() > open.end() - 1) {
            // Held elements may come to lie exactly at the end: the session must stop there.
            armAt(open, open.end() - 1);
        }
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        long time = timer.getTimestamp();
        SessionBounds open = openSession.value();
        if (open != null && time > open.end() - 1) {
            // It fired when the watermark reached end - 1 (no element was held at its end).
            openSession.clear();
            open = null;
        }
        boolean opened = false;
        List<T> sameTimestamp = held.get(time);
        if (sameTimestamp != null) {
            held.remove(time);
            for (T value : sameTimestamp) {
                long reach = sessions.reach(value, time);
                if (open != null && sessions.joins(open.start(), open.end(), time)) {
                    extend(open, reach);
                } else {
                    // the first element beyond the open session opens the next one
                    long end = sessions.end(time, reach);
                    open = new SessionBounds(time, end, Long.MAX_VALUE); // armed below
                    openSession.update(open);
                    opened = true;
                }
                emit(value, time);
            }
        }
        if (open == null) {
            return;
        }
        if (time >= open.end() - 1) {
            emitElementsAtEnd(open);
            if (time >= open.end() - 1) {
                openSession.clear(); // the window fires now: the next element opens a new one
                return;
            }
            arm(open);
        } else if (opened || time == open.armedTimer()) {
            arm(open); // a new session, or its end moved on since this timer was armed
        }
    }

    /**
     * Arms the open session's timer. Extending a session does not re-register its timer (one
     * registration per element would fill the timer queue). While elements are held, or without a
     * maximum duration, the timer is at the session's current end, {@code end - 1}, and moves when
     * it fires before the end. Otherwise it is at {@code cut - 1}, where the session ends at the
     * latest: the session has fired once the watermark reaches {@code end - 1} whether or not a
     * timer fires there, and its state is cleared when this timer fires. So a session with no held
     * elements costs one timer, not one per gap it lasts.
     */
    private void arm(SessionBounds open) throws Exception {
        long cut = sessions.cut(open.start());
        boolean exact = cut == Long.MAX_VALUE || !held.isEmpty();
        armAt(open, exact ? open.end() - 1 : cut - 1);
    }

    private void armAt(SessionBounds open, long time) throws Exception {
        open.setArmedTimer(time);
        openSession.update(open);
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {
        // event time only
    }

    /**
     * Emits the held elements exactly at the session's end, which join it, as often as that moves
     * the end onto further held elements.
     */
    private void emitElementsAtEnd(SessionBounds open) throws Exception {
        List<T> atEnd;
        while (sessions.joins(open.start(), open.end(), open.end())
                && (atEnd = held.get(open.end())) != null) {
            long end = open.end();
            held.remove(end);
            for (T value : atEnd) {
                extend(open, sessions.reach(value, end));
                emit(value, end);
            }
        }
    }

    private void extend(SessionBounds open, long reach) throws Exception {
        long end = sessions.end(open.start(), Math.max(open.end(), reach));
        if (end != open.end()) {
            open.setEnd(end);
            openSession.update(open);
        }
    }

    private void emit(T value, long timestamp) {
        output.collect(reuse.replace(value, timestamp));
    }
}
