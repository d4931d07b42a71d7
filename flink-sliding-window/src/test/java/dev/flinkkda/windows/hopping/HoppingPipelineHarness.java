package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.testing.OperatorPipelineHarness;
import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;

/**
 * Event-time hopping windows in an operator test harness ({@link OperatorPipelineHarness}), on
 * either path: {@link Path#ASSIGNER} is {@code keyedStream.window(EventTimeHoppingWindows…)}
 * (Flink's window operator), {@link Path#INCREMENTAL} is {@link
 * EventTimeHoppingWindows#incremental}; both aggregate with {@link
 * WindowTestFunctions.CountSumValues}, with an allowed lateness and the {@link #LATE} side output
 * (or none). Or any pipeline given as a function of the keyed stream.
 */
final class HoppingPipelineHarness extends OperatorPipelineHarness {

    /** The ways to run event-time hopping windows. */
    enum Path {
        ASSIGNER,
        INCREMENTAL
    }

    HoppingPipelineHarness(Path path, EventTimeHoppingWindows windows) throws Exception {
        this(path, windows, 0, true, null);
    }

    HoppingPipelineHarness(Path path, EventTimeHoppingWindows windows, long allowedLateness)
            throws Exception {
        this(path, windows, allowedLateness, true, null);
    }

    /**
     * @param lateOutput whether late elements go to {@link #LATE} (else they are dropped)
     * @param restoreFrom a snapshot to start from, or null
     */
    HoppingPipelineHarness(
            Path path,
            EventTimeHoppingWindows windows,
            long allowedLateness,
            boolean lateOutput,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        this(path, windows, allowedLateness, lateOutput, restoreFrom, 1, 1, 0);
    }

    /** Subtask {@code subtask} of {@code parallelism} (for rescaling tests). */
    HoppingPipelineHarness(
            Path path,
            EventTimeHoppingWindows windows,
            long allowedLateness,
            boolean lateOutput,
            OperatorSubtaskState restoreFrom,
            int maxParallelism,
            int parallelism,
            int subtask)
            throws Exception {
        super(
                keyed -> hopping(keyed, path, windows, allowedLateness, null, lateOutput),
                restoreFrom,
                maxParallelism,
                parallelism,
                subtask);
    }

    /**
     * The fast path with the late rule {@code lateRule}, late elements to {@link #LATE}.
     *
     * @param restoreFrom a snapshot to start from, or null
     */
    HoppingPipelineHarness(
            EventTimeHoppingWindows windows,
            long allowedLateness,
            LateRule lateRule,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        this(windows, allowedLateness, lateRule, restoreFrom, null);
    }

    /** As above, on the state backend {@code stateBackend} (null: the heap backend). */
    HoppingPipelineHarness(
            EventTimeHoppingWindows windows,
            long allowedLateness,
            LateRule lateRule,
            OperatorSubtaskState restoreFrom,
            StateBackend stateBackend)
            throws Exception {
        super(
                keyed -> hopping(keyed, Path.INCREMENTAL, windows, allowedLateness, lateRule, true),
                restoreFrom,
                stateBackend);
    }

    /** The pipeline {@code pipeline} builds on the keyed test stream. */
    HoppingPipelineHarness(Pipeline pipeline, OperatorSubtaskState restoreFrom) throws Exception {
        super(pipeline, restoreFrom);
    }

    private static SingleOutputStreamOperator<WindowResult> hopping(
            KeyedStream<Tuple3<String, Long, Long>, String> keyed,
            Path path,
            EventTimeHoppingWindows windows,
            long allowedLateness,
            LateRule lateRule,
            boolean lateOutput) {
        SingleOutputStreamOperator<WindowResult> result;
        if (path == Path.INCREMENTAL) {
            HoppingWindowedStream<Tuple3<String, Long, Long>, String> stream =
                    windows.incremental(keyed).allowedLateness(Duration.ofMillis(allowedLateness));
            if (lateRule != null) {
                stream.lateRule(lateRule);
            }
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

    /** The hopping fast path's {@value EventTimeHoppingWindows#ELEMENTS_IN_GAPS_METRIC} counter. */
    long elementsInGaps() {
        return counter(EventTimeHoppingWindows.ELEMENTS_IN_GAPS_METRIC);
    }

    /** The pane accumulators the fast path keeps for {@code key} (overlapping windows only). */
    int panesKept(String key) throws Exception {
        return ((HoppingPaneAggregateOperator<?, ?, ?, ?, ?>) operator(key)).panesKept();
    }
}
