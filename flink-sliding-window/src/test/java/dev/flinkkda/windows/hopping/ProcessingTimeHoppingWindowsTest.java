package dev.flinkkda.windows.hopping;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Processing-time hopping windows: placed by the arrival time, fired by the clock. */
class ProcessingTimeHoppingWindowsTest {

    private static KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple3<String, Long, Long>, WindowResult>
            harness(ProcessingTimeHoppingWindows windows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Tuple3<String, Long, Long>> source =
                env.fromData(WindowTestFunctions.ELEMENT, Tuple3.of("x", 0L, 0L));
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<Tuple3<String, Long, Long>, WindowResult> operator =
                ((OneInputTransformation<Tuple3<String, Long, Long>, WindowResult>)
                                source.keyBy(WindowTestFunctions.KEY)
                                        .window(windows)
                                        .aggregate(
                                                new WindowTestFunctions.CountSumValues(),
                                                new WindowTestFunctions.CountSumValuesToResult())
                                        .getTransformation())
                        .getOperator();
        KeyedOneInputStreamOperatorTestHarness<String, Tuple3<String, Long, Long>, WindowResult> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, WindowTestFunctions.KEY, Types.STRING);
        h.open();
        return h;
    }

    /** 0.3 s every 0.2 s: windows [k·200, k·200 + 300); an arrival at 1000 is in two of them. */
    @Test
    void overlappingWindowsFireOnTheClock() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<
                        String, Tuple3<String, Long, Long>, WindowResult>
                h =
                        harness(
                                ProcessingTimeHoppingWindows.of(
                                        Duration.ofMillis(300), Duration.ofMillis(200)))) {
            h.setProcessingTime(1000);
            h.processElement(
                    new StreamRecord<>(Tuple3.of("a", 0L, 1L))); // [800, 1100) [1000, 1300)
            h.setProcessingTime(1050);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 2L)));
            assertThat(results(h)).isEmpty();
            h.setProcessingTime(1099);
            assertThat(results(h)).containsExactly(new WindowResult("a", 800, 1100, 2, 3));
            h.setProcessingTime(1150);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 4L))); // [1000, 1300) only
            h.setProcessingTime(1299);
            assertThat(results(h)).containsExactly(new WindowResult("a", 1000, 1300, 3, 7));
            h.setProcessingTime(2000);
            assertThat(results(h)).isEmpty();
        }
    }

    /**
     * 0.1 s every 0.5 s from 1000: [1000, 1100) [1500, 1600) …; arrivals before the start or in a
     * gap are in no window. Aligned to ends, the same size and hop give [400, 500) [900, 1000) ….
     */
    @Test
    void gapsAndAlignments() throws Exception {
        ProcessingTimeHoppingWindows windows =
                ProcessingTimeHoppingWindows.of(Duration.ofMillis(100), Duration.ofMillis(500));
        try (KeyedOneInputStreamOperatorTestHarness<
                        String, Tuple3<String, Long, Long>, WindowResult>
                h = harness(windows.startingAt(Instant.ofEpochMilli(1000)))) {
            h.setProcessingTime(950);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 1L))); // before the start
            h.setProcessingTime(1000);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 2L)));
            h.setProcessingTime(1100);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 4L))); // in a gap
            h.setProcessingTime(1599);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 8L)));
            h.setProcessingTime(2000);
            assertThat(results(h))
                    .containsExactly(
                            new WindowResult("a", 1000, 1100, 1, 2),
                            new WindowResult("a", 1500, 1600, 1, 8));
        }
        try (KeyedOneInputStreamOperatorTestHarness<
                        String, Tuple3<String, Long, Long>, WindowResult>
                h = harness(windows.alignedToEnds())) {
            h.setProcessingTime(950);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 1L)));
            h.setProcessingTime(1000);
            h.processElement(new StreamRecord<>(Tuple3.of("a", 0L, 2L))); // in a gap
            h.setProcessingTime(2000);
            assertThat(results(h)).containsExactly(new WindowResult("a", 900, 1000, 1, 1));
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
