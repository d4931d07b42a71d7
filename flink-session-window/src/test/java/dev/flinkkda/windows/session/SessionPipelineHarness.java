package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.WindowPipeline;
import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each way to run event-time capped sessions, in operator test harnesses: {@link
 * Path#ORDERED_WINDOW} is {@link EventTimeCappedSessionWindows#window} — the ordering operator's
 * output fed to Flink's window operator; {@link Path#ASSIGNER} is the plain {@code
 * keyedStream.window(…)}; {@link Path#INCREMENTAL} is {@link
 * EventTimeCappedSessionWindows#incremental}. Snapshots cover all operators of a path.
 */
final class SessionPipelineHarness implements WindowPipeline {

    static final TypeInformation<Tuple3<String, Long, Long>> ELEMENT =
            Types.TUPLE(Types.STRING, Types.LONG, Types.LONG);
    static final OutputTag<Tuple3<String, Long, Long>> LATE = new OutputTag<>("late", ELEMENT);

    /** The ways to run capped sessions. */
    enum Path {
        ASSIGNER,
        ORDERED_WINDOW,
        INCREMENTAL
    }

    /** A snapshot of all operators of a path. */
    record Snapshot(OperatorSubtaskState sorter, OperatorSubtaskState window) {}

    private final boolean ordered;
    private final EventTimeCappedSessionWindows<? super Tuple3<String, Long, Long>> sessions;
    private final long allowedLateness;
    private final LateRule lateRule;
    private KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple3<String, Long, Long>, Tuple3<String, Long, Long>>
            sorter;
    private final KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple3<String, Long, Long>, WindowResult>
            window;
    private final List<WindowResult> results = new ArrayList<>();
    private final List<Tuple3<String, Long, Long>> late = new ArrayList<>();

    SessionPipelineHarness(
            Path path,
            EventTimeCappedSessionWindows<? super Tuple3<String, Long, Long>> sessions,
            long allowedLateness)
            throws Exception {
        this(path, sessions, allowedLateness, null);
    }

    SessionPipelineHarness(
            Path path,
            EventTimeCappedSessionWindows<? super Tuple3<String, Long, Long>> sessions,
            long allowedLateness,
            Snapshot restoreFrom)
            throws Exception {
        this(path, sessions, allowedLateness, null, restoreFrom);
    }

    /** With a late rule for the fast path ({@link Path#INCREMENTAL}); null leaves the default. */
    SessionPipelineHarness(
            Path path,
            EventTimeCappedSessionWindows<? super Tuple3<String, Long, Long>> sessions,
            long allowedLateness,
            LateRule lateRule,
            Snapshot restoreFrom)
            throws Exception {
        this.lateRule = lateRule;
        this.ordered = path == Path.ORDERED_WINDOW;
        this.sessions = sessions;
        this.allowedLateness = allowedLateness;
        if (ordered) {
            sorter =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new SessionTimestampOrder<String, Tuple3<String, Long, Long>>(
                                    sessions, ELEMENT),
                            WindowTestFunctions.KEY,
                            Types.STRING);
            if (restoreFrom != null) {
                sorter.initializeState(restoreFrom.sorter());
            }
            sorter.open();
        }
        window =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator(path), WindowTestFunctions.KEY, Types.STRING);
        if (restoreFrom != null) {
            window.initializeState(restoreFrom.window());
        }
        window.open();
    }

    private OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> operator(Path path) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                env.fromData(ELEMENT, Tuple3.of("x", 0L, 0L)).keyBy(WindowTestFunctions.KEY);
        SingleOutputStreamOperator<WindowResult> result =
                path == Path.INCREMENTAL
                        ? fastPath(keyed)
                                .aggregate(
                                        new WindowTestFunctions.CountAndSum(),
                                        new WindowTestFunctions.ToResult())
                        : keyed.window(sessions)
                                .allowedLateness(Duration.ofMillis(allowedLateness))
                                .sideOutputLateData(LATE)
                                .aggregate(
                                        new WindowTestFunctions.CountAndSum(),
                                        new WindowTestFunctions.ToResult());
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple3<String, Long, Long>, WindowResult> transformation =
                (OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                        result.getTransformation();
        return transformation.getOperator();
    }

    private CappedSessionWindowedStream<Tuple3<String, Long, Long>, String> fastPath(
            KeyedStream<Tuple3<String, Long, Long>, String> keyed) {
        CappedSessionWindowedStream<Tuple3<String, Long, Long>, String> windows =
                sessions.incremental(keyed)
                        .allowedLateness(Duration.ofMillis(allowedLateness))
                        .sideOutputLateData(LATE);
        return lateRule == null ? windows : windows.lateRule(lateRule);
    }

    @Override
    public void element(String key, long timestamp, long value) throws Exception {
        StreamRecord<Tuple3<String, Long, Long>> record =
                new StreamRecord<>(Tuple3.of(key, timestamp, value), timestamp);
        if (ordered) {
            sorter.processElement(record);
            forwardSorterOutput();
        } else {
            window.processElement(record);
        }
        drainWindowOutput();
    }

    /**
     * Elements of {@code key} at the given timestamps, in that order, each valued its timestamp.
     */
    void elements(String key, long... timestamps) throws Exception {
        for (long t : timestamps) {
            element(key, t, t);
        }
    }

    @Override
    public void watermark(long timestamp) throws Exception {
        if (ordered) {
            sorter.processWatermark(timestamp);
            forwardSorterOutput();
        } else {
            window.processWatermark(timestamp);
        }
        drainWindowOutput();
    }

    Snapshot snapshot(long checkpointId) throws Exception {
        return new Snapshot(
                ordered ? sorter.snapshot(checkpointId, checkpointId) : null,
                window.snapshot(checkpointId, checkpointId));
    }

    /** Sessions fired so far, in firing order. */
    @Override
    public List<WindowResult> results() {
        return results;
    }

    /** Event-time timers of all operators of the path. */
    int timers() {
        return (ordered ? sorter.numEventTimeTimers() : 0) + window.numEventTimeTimers();
    }

    /** Event-time timers of the ordering step ({@link Path#ORDERED_WINDOW} only). */
    int orderingTimers() {
        return sorter.numEventTimeTimers();
    }

    /** Keyed state entries of the ordering step ({@link Path#ORDERED_WINDOW} only). */
    int orderingStateEntries() {
        return sorter.numKeyedStateEntries();
    }

    /** Elements sent to the late side output so far. */
    @Override
    public List<Tuple3<String, Long, Long>> late() {
        return late;
    }

    @SuppressWarnings("unchecked")
    private void forwardSorterOutput() throws Exception {
        Object next;
        while ((next = sorter.getOutput().poll()) != null) {
            if (next instanceof Watermark) {
                window.processWatermark((Watermark) next);
            } else {
                window.processElement((StreamRecord<Tuple3<String, Long, Long>>) next);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void drainWindowOutput() {
        Object next;
        while ((next = window.getOutput().poll()) != null) {
            if (next instanceof StreamRecord) {
                results.add(((StreamRecord<WindowResult>) next).getValue());
            }
        }
        if (window.getSideOutput(LATE) != null) {
            StreamRecord<Tuple3<String, Long, Long>> lateRecord;
            while ((lateRecord = window.getSideOutput(LATE).poll()) != null) {
                late.add(lateRecord.getValue());
            }
        }
    }

    @Override
    public void close() {
        try {
            if (sorter != null) {
                sorter.close();
            }
            window.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the operator test harnesses failed", e);
        }
    }
}
