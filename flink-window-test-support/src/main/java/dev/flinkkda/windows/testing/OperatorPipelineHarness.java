package dev.flinkkda.windows.testing;

import dev.flinkkda.windows.core.LateRecords;

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
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * A window pipeline built on the keyed stream of test elements (key, timestamp, value), run in an
 * operator test harness that keeps its results, late side output ({@link #LATE}) and metrics. A
 * module's tests extend it with what they inspect of their own operator ({@link #operator}).
 */
public class OperatorPipelineHarness implements WindowPipeline {

    public static final OutputTag<Tuple3<String, Long, Long>> LATE =
            new OutputTag<>("late", WindowTestFunctions.ELEMENT);

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final MockEnvironment environment;
    private final KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple3<String, Long, Long>, WindowResult>
            harness;
    private final List<WindowResult> results = new ArrayList<>();
    private final List<Long> resultTimestamps = new ArrayList<>();
    private final List<Tuple3<String, Long, Long>> late = new ArrayList<>();
    private long watermarkSent = Long.MIN_VALUE;

    /** The pipeline {@code pipeline} builds on the keyed test stream. */
    public OperatorPipelineHarness(Pipeline pipeline, OperatorSubtaskState restoreFrom)
            throws Exception {
        this(pipeline, restoreFrom, 1, 1, 0);
    }

    /**
     * The pipeline as subtask {@code subtask} of {@code parallelism} (for rescaling tests).
     *
     * @param restoreFrom a snapshot to start from, or null
     */
    public OperatorPipelineHarness(
            Pipeline pipeline,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        this(pipeline, restoreFrom, maxParallelism, parallelism, subtask, null);
    }

    /**
     * The pipeline on the state backend {@code stateBackend} (null: the heap backend), e.g.
     * RocksDB, whose state values are copies: an operator that changes a value must write it back.
     */
    public OperatorPipelineHarness(
            Pipeline pipeline, OperatorSubtaskState restoreFrom, StateBackend stateBackend)
            throws Exception {
        this(pipeline, restoreFrom, 1, 1, 0, stateBackend);
    }

    private OperatorPipelineHarness(
            Pipeline pipeline,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask,
            StateBackend stateBackend)
            throws Exception {
        environment =
                new MockEnvironmentBuilder()
                        .setTaskName("OperatorPipelineHarness")
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
        if (stateBackend != null) {
            harness.setStateBackend(stateBackend);
        }
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    /** A window pipeline on the keyed stream of test elements (key, timestamp, value). */
    public interface Pipeline {
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

    /** The pipeline's operator, with {@code key} as its current key. */
    protected AbstractStreamOperator<WindowResult> operator(String key) throws Exception {
        harness.getOperator().setCurrentKey(key);
        return harness.getOperator();
    }

    @Override
    public void element(String key, long timestamp, long value) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple3.of(key, timestamp, value), timestamp));
        drain();
    }

    /** An element without a timestamp (processing time). */
    public void elementNow(String key, long value) throws Exception {
        harness.processElement(new StreamRecord<>(Tuple3.of(key, 0L, value)));
        drain();
    }

    public void processingTime(long time) throws Exception {
        harness.setProcessingTime(time);
        drain();
    }

    @Override
    public void watermark(long timestamp) throws Exception {
        watermarkSent = timestamp;
        harness.processWatermark(timestamp);
        drain();
    }

    public OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        return harness.snapshot(checkpointId, checkpointId);
    }

    /** The last watermark sent to this harness. */
    public long watermarkSent() {
        return watermarkSent;
    }

    /** Windows fired so far, in firing order. */
    @Override
    public List<WindowResult> results() {
        return results;
    }

    /** The timestamps of the results, in firing order. */
    public List<Long> resultTimestamps() {
        return resultTimestamps;
    }

    /** Elements sent to the late side output so far. */
    @Override
    public List<Tuple3<String, Long, Long>> late() {
        return late;
    }

    /** The {@code numLateRecordsDropped} counter (Flink's window operator has one too). */
    public long lateRecordsDropped() {
        return counter(LateRecords.DROPPED_METRIC);
    }

    /** The operator's counter {@code name}, 0 if it has none. */
    public long counter(String name) {
        Object metric = metrics.get(name);
        return metric == null ? 0 : ((Counter) metric).getCount();
    }

    public int processingTimeTimers() {
        return harness.numProcessingTimeTimers();
    }

    public int keyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    public int eventTimeTimers() {
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
