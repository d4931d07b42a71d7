package dev.flinkkda.windows.session;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Processing-time capped sessions: arrival times from the harness clock. */
class ProcessingTimeCappedSessionWindowsTest {

    /**
     * The session of 0 reaches 8 + 5 but is cut at 10 (it fires when the clock reaches 9); 12 opens
     * the next one, closed by the gap at 14 + 5.
     */
    @Test
    void sessionsAreCutAndClosedOnTheClock() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        @SuppressWarnings("unchecked")
        OneInputTransformation<Tuple3<String, Long, Long>, WindowResult> transformation =
                (OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                        env.fromData(SessionPipelineHarness.ELEMENT, Tuple3.of("x", 0L, 0L))
                                .keyBy(WindowTestFunctions.KEY)
                                .window(
                                        ProcessingTimeCappedSessionWindows.withGap(
                                                        Duration.ofMillis(5))
                                                .withMaxDuration(Duration.ofMillis(10)))
                                .aggregate(
                                        new WindowTestFunctions.CountAndSum(),
                                        new WindowTestFunctions.ToResult())
                                .getTransformation();
        OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> operator =
                transformation.getOperator();
        List<WindowResult> results = new ArrayList<>();
        try (KeyedOneInputStreamOperatorTestHarness<
                        String, Tuple3<String, Long, Long>, WindowResult>
                h =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                operator, WindowTestFunctions.KEY, Types.STRING)) {
            h.open();
            for (long arrival : new long[] {0, 3, 6, 8, 12, 14, 30}) {
                h.setProcessingTime(arrival);
                // the element's own timestamp is ignored: value = arrival time
                h.processElement(new StreamRecord<>(Tuple3.of("a", -1L, arrival)));
            }
            h.setProcessingTime(100);
            for (Object out : h.getOutput()) {
                if (out instanceof StreamRecord) {
                    results.add((WindowResult) ((StreamRecord<?>) out).getValue());
                }
            }
        }
        assertThat(results)
                .containsExactly(
                        new WindowResult("a", 0, 10, 4, 17),
                        new WindowResult("a", 12, 19, 2, 26),
                        new WindowResult("a", 30, 35, 1, 30));
    }
}
