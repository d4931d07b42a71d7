package dev.flinkkda.windows.core;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Late elements go to the side output when there is one, else they are counted, never both. */
class LateRecordsTest {

    private static final OutputTag<String> LATE = new OutputTag<>("late") {};

    @Test
    void withASideOutputLateElementsGoThereAndAreNotCounted() {
        SideOutputs output = new SideOutputs();
        Metrics metrics = new Metrics();
        LateRecords<String> late = LateRecords.of(LATE, output, metrics);
        late.route(new StreamRecord<>("a", 5));
        late.route(new StreamRecord<>("b", 7));
        assertThat(output.late).containsExactly("a@5", "b@7");
        assertThat(metrics.counters.get(LateRecords.DROPPED_METRIC).getCount()).isZero();
    }

    @Test
    void withoutASideOutputLateElementsAreDroppedAndCounted() {
        SideOutputs output = new SideOutputs();
        Metrics metrics = new Metrics();
        LateRecords<String> late = LateRecords.of(null, output, metrics);
        late.route(new StreamRecord<>("a", 5));
        late.route(new StreamRecord<>("b", 7));
        late.route(new StreamRecord<>("c", 9));
        assertThat(output.late).isEmpty();
        assertThat(metrics.counters.get("numLateRecordsDropped").getCount()).isEqualTo(3);
    }

    private static final class Metrics extends UnregisteredMetricsGroup {
        final Map<String, Counter> counters = new HashMap<>();

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }
    }

    /** Keeps what is sent to the side output "late", as value@timestamp. */
    private static final class SideOutputs implements Output<StreamRecord<String>> {
        final List<String> late = new ArrayList<>();

        @Override
        public <X> void collect(OutputTag<X> outputTag, StreamRecord<X> record) {
            if (outputTag.getId().equals("late")) {
                late.add(record.getValue() + "@" + record.getTimestamp());
            }
        }

        @Override
        public void collect(StreamRecord<String> record) {
            throw new AssertionError("a late element is never a main output");
        }

        @Override
        public void emitWatermark(Watermark mark) {}

        @Override
        public void emitWatermarkStatus(WatermarkStatus watermarkStatus) {}

        @Override
        public void emitLatencyMarker(LatencyMarker latencyMarker) {}

        @Override
        public void emitRecordAttributes(RecordAttributes recordAttributes) {}

        @Override
        public void close() {}
    }
}
