package dev.flinkkda.windows.count;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpointed state of one key after 1,000,000 elements, for count(1000, 10) with a sum: the
 * incremental path against Flink's {@code countWindow(1000, 10)}. Slow (Flink's path aggregates
 * every window from its 1,000 elements), so it is tagged {@code report} and left out of the normal
 * build; run it with {@code mvn test -pl flink-count-window -Dgroups=report
 * -Dtest.excludedGroups=none}.
 */
@Tag("report")
class CountWindowStateSizeReportTest {

    private static final long ELEMENTS = 1_000_000;

    @Test
    void stateSizeAfterOneMillionElements() throws Exception {
        long ours =
                stateSize(
                        keyed -> CountWindows.of(1000, 10).incremental(keyed).aggregate(new Sum()));
        long flinks = stateSize(keyed -> keyed.countWindow(1000, 10).aggregate(new Sum()));
        System.out.printf(
                "state of one key after %,d elements, count(1000, 10) sum: incremental %,d bytes,"
                        + " Flink countWindow %,d bytes%n",
                ELEMENTS, ours, flinks);
        // Flink keeps the last 1,000 to 1,009 elements; the incremental path 100 pane sums and
        // their first timestamps, whatever the size of an element.
        assertThat(ours).isLessThan(flinks);
    }

    private static long stateSize(
            Function<KeyedStream<Tuple2<String, Long>, String>, DataStream<Long>> pipeline)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeyedStream<Tuple2<String, Long>, String> keyed =
                env.fromData(CountWindowHarness.ELEMENT, Tuple2.of("x", 0L))
                        .keyBy(CountWindowHarness.KEY);
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<Tuple2<String, Long>, Long> operator =
                ((OneInputTransformation<Tuple2<String, Long>, Long>)
                                pipeline.apply(keyed).getTransformation())
                        .getOperator();
        try (KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, Long>, Long> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, CountWindowHarness.KEY, Types.STRING)) {
            h.open();
            for (long i = 1; i <= ELEMENTS; i++) {
                h.processElement(new StreamRecord<>(Tuple2.of("k", i)));
                if (i % 10_000 == 0) {
                    h.getOutput().clear();
                }
            }
            return h.snapshot(1, 1).getStateSize();
        }
    }

    /** Sum of the values. */
    static final class Sum implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Tuple2<String, Long> value, Long acc) {
            return acc + value.f1;
        }

        @Override
        public Long getResult(Long acc) {
            return acc;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }
}
