package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
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

/** Processing-time stagger windows: opened by the arrival time of a key's first element. */
class ProcessingTimeStaggerWindowsTest {

    @Test
    void windowsOpenAtArrivalAndFireOnTheProcessingTimeClock() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple3<String, Long, Long>> source =
                env.fromData(StaggerPipelineHarness.ELEMENT, Tuple3.of("x", 0L, 0L));
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> operator =
                ((OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                                source.keyBy(WindowTestFunctions.KEY)
                                        .window(
                                                ProcessingTimeStaggerWindows.of(
                                                        Duration.ofMillis(60)))
                                        .aggregate(
                                                new WindowTestFunctions.CountAndSum(),
                                                new WindowTestFunctions.ToResult())
                                        .getTransformation())
                        .getOperator();
        try (KeyedOneInputStreamOperatorTestHarness<
                        String, Tuple3<String, Long, Long>, WindowResult>
                h =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                operator, WindowTestFunctions.KEY, Types.STRING)) {
            h.open();
            h.setProcessingTime(1000);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 1L))); // opens [1000, 1060)
            h.setProcessingTime(1030);
            h.processElement(new StreamRecord<>(Tuple3.of("b", 0L, 10L))); // opens [1030, 1090)
            h.setProcessingTime(1058);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 2L)));
            assertThat(results(h)).isEmpty();
            h.setProcessingTime(1059); // end - 1 of [1000, 1060)
            assertThat(results(h)).containsExactly(new WindowResult("a", 1000, 1060, 2, 3));
            h.setProcessingTime(1060);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 4L))); // opens [1060, 1120)
            h.setProcessingTime(1089);
            assertThat(results(h)).containsExactly(new WindowResult("b", 1030, 1090, 1, 10));
            h.setProcessingTime(1119);
            assertThat(results(h)).containsExactly(new WindowResult("a", 1060, 1120, 1, 4));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<WindowResult> results(
            KeyedOneInputStreamOperatorTestHarness<String, Tuple3<String, Long, Long>, WindowResult>
                    h) {
        List<WindowResult> out = new ArrayList<>();
        Object next;
        while ((next = h.getOutput().poll()) != null) {
            if (next instanceof StreamRecord) {
                out.add(((StreamRecord<WindowResult>) next).getValue());
            }
        }
        return out;
    }
}
