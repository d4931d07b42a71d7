package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.WindowPipeline;
import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each way to run event-time stagger windows, in operator test harnesses: {@link
 * Path#ORDERED_WINDOW} is {@link EventTimeStaggerWindows#window} — the per-key ordering operator
 * and Flink's window operator with the stagger assigner, the first one's output fed to the second;
 * {@link Path#ASSIGNER} is the plain {@code keyedStream.window(…)}; {@link Path#INCREMENTAL} is
 * {@link EventTimeStaggerWindows#incremental}'s dedicated operator. Snapshots cover all operators
 * of a path.
 */
final class StaggerPipelineHarness implements WindowPipeline {

    static final TypeInformation<Tuple3<String, Long, Long>> ELEMENT =
            Types.TUPLE(Types.STRING, Types.LONG, Types.LONG);
    static final OutputTag<Tuple3<String, Long, Long>> LATE = new OutputTag<>("late", ELEMENT);

    /** The ways to run stagger windows. */
    enum Path {
        ASSIGNER,
        ORDERED_WINDOW,
        INCREMENTAL
    }

    private final boolean sorted;
    private final long size;
    private final long allowedLateness;
    private final LateRule lateRule;
    private KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple3<String, Long, Long>, Tuple3<String, Long, Long>>
            sorter;
    private KeyedOneInputStreamOperatorTestHarness<String, Tuple3<String, Long, Long>, WindowResult>
            window;
    private final List<WindowResult> results = new ArrayList<>();
    private final List<Tuple3<String, Long, Long>> late = new ArrayList<>();
    private int deliveredToWindowOperator;

    /** A snapshot of both operators. */
    record Snapshot(OperatorSubtaskState sorter, OperatorSubtaskState window) {}

    StaggerPipelineHarness(boolean sorted, long size, long allowedLateness) throws Exception {
        this(sorted ? Path.ORDERED_WINDOW : Path.ASSIGNER, size, allowedLateness, null);
    }

    StaggerPipelineHarness(Path path, long size, long allowedLateness) throws Exception {
        this(path, size, allowedLateness, null);
    }

    StaggerPipelineHarness(Path path, long size, long allowedLateness, Snapshot restoreFrom)
            throws Exception {
        this(path, size, allowedLateness, null, restoreFrom, 1, 1, 0);
    }

    /** The fast path ({@link Path#INCREMENTAL}) with a late rule; null leaves the default. */
    StaggerPipelineHarness(long size, long allowedLateness, LateRule lateRule, Snapshot restoreFrom)
            throws Exception {
        this(Path.INCREMENTAL, size, allowedLateness, lateRule, restoreFrom, 1, 1, 0);
    }

    /** Subtask {@code subtask} of {@code parallelism} (for rescaling tests). */
    StaggerPipelineHarness(
            Path path,
            long size,
            long allowedLateness,
            Snapshot restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        this(path, size, allowedLateness, null, restoreFrom, maxParallelism, parallelism, subtask);
    }

    private StaggerPipelineHarness(
            Path path,
            long size,
            long allowedLateness,
            LateRule lateRule,
            Snapshot restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        this.lateRule = lateRule;
        this.sorted = path == Path.ORDERED_WINDOW;
        this.size = size;
        this.allowedLateness = allowedLateness;
        if (sorted) {
            sorter =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new KeyedProcessOperator<>(
                                    new StaggerTimestampOrder<String, Tuple3<String, Long, Long>>(
                                            size, ELEMENT)),
                            WindowTestFunctions.KEY,
                            Types.STRING,
                            maxParallelism,
                            parallelism,
                            subtask);
            if (restoreFrom != null) {
                sorter.initializeState(restoreFrom.sorter());
            }
            sorter.open();
        }
        window =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        path == Path.INCREMENTAL
                                ? incrementalOperator()
                                : windowOperator(
                                        EventTimeStaggerWindows.of(Duration.ofMillis(size))),
                        WindowTestFunctions.KEY,
                        Types.STRING,
                        maxParallelism,
                        parallelism,
                        subtask);
        if (restoreFrom != null) {
            window.initializeState(restoreFrom.window());
        }
        window.open();
    }

    private OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> windowOperator(
            WindowAssigner<Object, TimeWindow> assigner) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple3<String, Long, Long>> source =
                env.fromData(ELEMENT, Tuple3.of("x", 0L, 0L));
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                source.keyBy(WindowTestFunctions.KEY);
        WindowedStream<Tuple3<String, Long, Long>, String, TimeWindow> windowed =
                keyed.window(assigner)
                        .allowedLateness(Duration.ofMillis(allowedLateness))
                        .sideOutputLateData(LATE);
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple3<String, Long, Long>, WindowResult> transformation =
                (OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                        windowed.aggregate(
                                        new WindowTestFunctions.CountAndSum(),
                                        new WindowTestFunctions.ToResult())
                                .getTransformation();
        return transformation.getOperator();
    }

    private OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> incrementalOperator() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StaggerWindowedStream<Tuple3<String, Long, Long>, String> windows =
                EventTimeStaggerWindows.of(Duration.ofMillis(size))
                        .incremental(
                                env.fromData(ELEMENT, Tuple3.of("x", 0L, 0L))
                                        .keyBy(WindowTestFunctions.KEY))
                        .allowedLateness(Duration.ofMillis(allowedLateness))
                        .sideOutputLateData(LATE);
        if (lateRule != null) {
            windows.lateRule(lateRule);
        }
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple3<String, Long, Long>, WindowResult> transformation =
                (OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                        windows.aggregate(
                                        new WindowTestFunctions.CountAndSum(),
                                        new WindowTestFunctions.ToResult())
                                .getTransformation();
        return transformation.getOperator();
    }

    @Override
    public void element(String key, long timestamp, long value) throws Exception {
        StreamRecord<Tuple3<String, Long, Long>> record =
                new StreamRecord<>(Tuple3.of(key, timestamp, value), timestamp);
        if (sorted) {
            sorter.processElement(record);
            forwardSorterOutput();
        } else {
            window.processElement(record);
        }
        drainWindowOutput();
    }

    @Override
    public void watermark(long timestamp) throws Exception {
        if (sorted) {
            sorter.processWatermark(timestamp);
            forwardSorterOutput();
        } else {
            window.processWatermark(timestamp);
        }
        drainWindowOutput();
    }

    Snapshot snapshot(long checkpointId) throws Exception {
        return new Snapshot(
                sorted ? sorter.snapshot(checkpointId, checkpointId) : null,
                window.snapshot(checkpointId, checkpointId));
    }

    /** Windows fired so far, in firing order. */
    @Override
    public List<WindowResult> results() {
        return results;
    }

    /** Elements sent to the late side output so far. */
    @Override
    public List<Tuple3<String, Long, Long>> late() {
        return late;
    }

    long size() {
        return size;
    }

    /** Elements the ordering operator has passed on to the window operator so far. */
    int deliveredToWindowOperator() {
        return deliveredToWindowOperator;
    }

    /** Keyed state entries of the ordering operator (held timestamps, open window starts). */
    int orderingStateEntries() {
        return sorter.numKeyedStateEntries();
    }

    @SuppressWarnings("unchecked")
    private void forwardSorterOutput() throws Exception {
        Object next;
        while ((next = sorter.getOutput().poll()) != null) {
            if (next instanceof Watermark) {
                window.processWatermark((Watermark) next);
            } else {
                deliveredToWindowOperator++;
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
        StreamRecord<Tuple3<String, Long, Long>> lateRecord;
        if (window.getSideOutput(LATE) != null) {
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
