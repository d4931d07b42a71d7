package dev.flinkkda.windows.core;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The no-timestamp guard: the timestamp, or one message naming the key and what to do. */
class EventTimestampsTest {

    @Test
    void eventTimestampsNameTheKeyAndTheAlternative() {
        assertThat(EventTimestamps.of(new StreamRecord<>("a", 42), "k", "x windows", null))
                .isEqualTo(42);
        assertThatThrownBy(
                        () ->
                                EventTimestamps.of(
                                        new StreamRecord<>("a"),
                                        "k",
                                        "per-event sliding windows",
                                        "ProcessingTimePerEventSlidingWindows"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "Record of key k has no timestamp. Event-time per-event sliding windows"
                                + " need a WatermarkStrategy with a timestamp assigner before"
                                + " keyBy, or use ProcessingTimePerEventSlidingWindows.");
        assertThatThrownBy(() -> EventTimestamps.of(new StreamRecord<>("a"), 3, "x windows", null))
                .hasMessageEndingWith("before keyBy.");
    }
}
