package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.core.LateRecords;
import dev.flinkkda.windows.testing.OneOperatorTaskMetricGroup;
import dev.flinkkda.windows.testing.WindowPipeline;
import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.operators.testutils.MockInputSplitProvider;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A window pipeline of this module in an operator test harness, keeping its results, late side
 * output and metrics. Event-time hopping windows on either path: {@link Path#ASSIGNER} is {@code
 * keyedStream.window(EventTimeHoppingWindows…)} (Flink's window operator), {@link Path#INCREMENTAL}
 * is {@link EventTimeHoppingWindows#incremental}; both aggregate with {@link
 * WindowTestFunctions.CountSumValues}, with an allowed lateness and the {@link #LATE} side output
 * (or none). Or any pipeline given as a function of the keyed stream (per-event sliding windows).
 */
final class WindowPipelineHarness implements WindowPipeline {

    static final OutputTag<Tuple3<String, Long, Long>> LATE =
            new OutputTag<>("late", WindowTestFunctions.ELEMENT);

    /** The ways to run event-time hopping windows. */
    enum Path {
        ASSIGNER,
        INCREMENTAL
    }

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final MockEnvironment environment;
    private final KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple3<String, Long, Long>, WindowResult>
            harness;
    private final List<WindowResult> results = new ArrayList<>();
    private final List<Long> resultTimestamps = new ArrayList<>();
    private final List<Tuple3<String, Long, Long>> late = new ArrayList<>();
    private long watermarkSent = Long.MIN_VALUE;

    WindowPipelineHarness(Path path, EventTimeHoppingWindows windows) throws Exception {
        this(path, windows, 0, true, null);
    }

    WindowPipelineHarness(Path path, EventTimeHoppingWindows windows, long allowedLateness)
            throws Exception {
        this(path, windows, allowedLateness, true, null);
    }

    /**
     * @param lateOutput whether late elements go to {@link #LATE} (else they are dropped)
     * @param restoreFrom a snapshot to start from, or null
     */
    WindowPipelineHarness(
            Path path,
            EventTimeHoppingWindows windows,
            long allowedLateness,
            boolean lateOutput,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        this(path, windows, allowedLateness, lateOutput, restoreFrom, 1, 1, 0);
    }

    /** Subtask {@code subtask} of {@code parallelism} (for rescaling tests). */
    WindowPipelineHarness(
            Path path,
            EventTimeHoppingWindows windows,
            long allowedLateness,
            boolean lateOutput,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        this(
                keyed -> hopping(keyed, path, windows, allowedLateness, lateOutput),
                restoreFrom,
                maxParallelism,
                parallelism,
                subtask);
    }

    /** The pipeline {@code pipeline} builds on the keyed test stream. */
    WindowPipelineHarness(Pipeline pipeline, OperatorSubtaskState restoreFrom) throws Exception {
        this(pipeline, restoreFrom, 1, 1, 0);
    }

    /** The pipeline on the state backend {@code backend} (null: the heap). */
    WindowPipelineHarness(Pipeline pipeline, OperatorSubtaskState restoreFrom, StateBackend backend)
            throws Exception {
        this(pipeline, restoreFrom, 1, 1, 0, backend);
    }

    /** The pipeline as subtask {@code subtask} of {@code parallelism} (for rescaling tests). */
    WindowPipelineHarness(
            Pipeline pipeline,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        this(pipeline, restoreFrom, maxParallelism, parallelism, subtask, null);
    }

    private WindowPipelineHarness(
            Pipeline pipeline,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask,
            StateBackend backend)
            throws Exception {
        environment =
                new MockEnvironmentBuilder()
                        .setTaskName("WindowPipelineHarness")
                        .setManagedMemorySize(3 * 1024 * 1024)
                        .setInputSplitProvider(new MockInputSplitProvider())
                        .setBufferSize(1024)
                        .setMaxParallelism(maxParallelism)
                        .setParallelism(parallelism)
                        .setSubtaskIndex(subtask)
                        .setMetricGroup(new OneOperatorTaskMetricGroup(metrics))
                        .build();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator(pipeline), WindowTestFunctions.KEY, Types.STRING, environment);
        if (backend != null) {
            harness.setStateBackend(backend);
        }
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** A window pipeline on the keyed stream of test elements (key, timestamp, value). */
    interface Pipeline {
        SingleOutputStreamOperator<WindowResult> build(
                KeyedStream<Tuple3<String, Long, Long>, String> keyed);
    }

    private static OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> operator(
            Pipeline pipeline) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                env.fromData(WindowTestFunctions.ELEMENT, Tuple3.of("x", 0L, 0L))
                        .keyBy(WindowTestFunctions.KEY);
        SingleOutputStreamOperator<WindowResult> result = pipeline.build(keyed);
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple3<String, Long, Long>, WindowResult> transformation =
                (OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                        result.getTransformation();
        return transformation.getOperator();
    }

    private static SingleOutputStreamOperator<WindowResult> hopping(
            KeyedStream<Tuple3<String, Long, Long>, String> keyed,
            Path path,
            EventTimeHoppingWindows windows,
            long allowedLateness,
            boolean lateOutput) {
        SingleOutputStreamOperator<WindowResult> result;
        if (path == Path.INCREMENTAL) {
            HoppingWindowedStream<Tuple3<String, Long, Long>, String> stream =
                    windows.incremental(keyed).allowedLateness(Duration.ofMillis(allowedLateness));
            if (lateOutput) {
                stream.sideOutputLateData(LATE);
            }
            result =
                    stream.aggregate(
                            new WindowTestFunctions.CountSumValues(),
                            new WindowTestFunctions.CountSumValuesToResult());
        } else {
            var stream = keyed.window(windows).allowedLateness(Duration.ofMillis(allowedLateness));
            if (lateOutput) {
                stream.sideOutputLateData(LATE);
            }
            result =
                    stream.aggregate(
                            new WindowTestFunctions.CountSumValues(),
                            new WindowTestFunctions.CountSumValuesToResult());
        }
        return result;
    }

    @Override
    public void element(String key, long timestamp, long value) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple3.of(key, timestamp, value), timestamp));
        drain();
    }

    /** An element without a timestamp (processing time). */
    void elementNow(String key, long value) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple3.of(key, 0L, value)));
        drain();
    }

    void processingTime(long time) throws Exception {
        harness.setProcessingTime(time);
        drain();
    }

    @Override
    public void watermark(long timestamp) throws Exception {
        watermarkSent = timestamp;
        harness.processWatermark(timestamp);
        drain();
    }

    OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        return harness.snapshot(checkpointId, checkpointId);
    }

    /** The last watermark sent to this harness. */
    long watermarkSent() {
        return watermarkSent;
    }

    /** Windows fired so far, in firing order. */
    @Override
    public List<WindowResult> results() {
        return results;
    }

    /** The timestamps of the results, in firing order. */
    List<Long> resultTimestamps() {
        return resultTimestamps;
    }

    /** Elements sent to the late side output so far. */
    @Override
    public List<Tuple3<String, Long, Long>> late() {
        return late;
    }

    /** The hopping fast path's {@value EventTimeHoppingWindows#ELEMENTS_IN_GAPS_METRIC} counter. */
    long elementsInGaps() {
        return counter(EventTimeHoppingWindows.ELEMENTS_IN_GAPS_METRIC);
    }

    /** The {@code numLateRecordsDropped} counter (Flink's window operator has one too). */
    long lateRecordsDropped() {
        return counter(LateRecords.DROPPED_METRIC);
    }

    private long counter(String name) {
        Object metric = metrics.get(name);
        return metric == null ? 0 : ((Counter) metric).getCount();
    }

    /** The pane accumulators the fast path keeps for {@code key} (overlapping windows only). */
    int panesKept(String key) throws Exception {
        harness.getOperator().setCurrentKey(key);
        return ((HoppingPaneAggregateOperator<?, ?, ?, ?, ?>) harness.getOperator()).panesKept();
    }

    /** The slices the per-event sliding operator keeps for {@code key}. */
    int slicesKept(String key) throws Exception {
        harness.getOperator().setCurrentKey(key);
        return ((PerEventSlidingAggregateOperator<?, ?, ?, ?, ?>) harness.getOperator())
                .slicesKept();
    }

    int processingTimeTimers() {
        return harness.numProcessingTimeTimers();
    }

    int keyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    int eventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    @SuppressWarnings("unchecked")
    private void drain() {
        Object next;
        while ((next = harness.getOutput().poll()) != null) {
            if (next instanceof StreamRecord) {
                StreamRecord<WindowResult> record = (StreamRecord<WindowResult>) next;
                results.add(record.getValue());
                resultTimestamps.add(record.getTimestamp());
            }
        }
        if (harness.getSideOutput(LATE) != null) {
            StreamRecord<Tuple3<String, Long, Long>> lateRecord;
            while ((lateRecord = harness.getSideOutput(LATE).poll()) != null) {
                late.add(lateRecord.getValue());
            }
        }
    }

    @Override
    public void close() {
        try {
            harness.close();
            environment.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the operator test harness failed", e);
        }
    }
}
