package dev.flinkkda.windows.hopping;

import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assigners against Flink's own and against the brute-force definition. */
class HoppingWindowAssignerTest {

    private static final WindowAssigner.WindowAssignerContext NO_CLOCK =
            new WindowAssigner.WindowAssignerContext() {
                @Override
                public long getCurrentProcessingTime() {
                    throw new UnsupportedOperationException("event time only");
                }
            };

    private static WindowAssigner.WindowAssignerContext clockAt(long now) {
        return new WindowAssigner.WindowAssignerContext() {
            @Override
            public long getCurrentProcessingTime() {
                return now;
            }
        };
    }

    /** Epoch-aligned starts are Flink's sliding windows, in the same order, negative times too. */
    @Test
    void epochAlignedStartsAreFlinksSlidingWindows() {
        Random random = new Random(1L);
        for (int i = 0; i < 20_000; i++) {
            long size = 1 + random.nextInt(random.nextBoolean() ? 20 : 5_000);
            long hop = 1 + random.nextInt(random.nextBoolean() ? 20 : 5_000);
            long t = random.nextLong() % 1_000_000_000_000L;
            EventTimeHoppingWindows ours =
                    EventTimeHoppingWindows.of(Duration.ofMillis(size), Duration.ofMillis(hop));
            SlidingEventTimeWindows flink =
                    SlidingEventTimeWindows.of(Duration.ofMillis(size), Duration.ofMillis(hop));
            assertThat(ours.assignWindows(null, t, NO_CLOCK))
                    .as("size %d, hop %d, t %d", size, hop, t)
                    .containsExactlyElementsOf(flink.assignWindows(null, t, NO_CLOCK));
            long now = Math.abs(t);
            assertThat(
                            ProcessingTimeHoppingWindows.of(
                                            Duration.ofMillis(size), Duration.ofMillis(hop))
                                    .assignWindows(null, Long.MIN_VALUE, clockAt(now)))
                    .containsExactlyElementsOf(
                            SlidingProcessingTimeWindows.of(
                                            Duration.ofMillis(size), Duration.ofMillis(hop))
                                    .assignWindows(null, Long.MIN_VALUE, clockAt(now)));
        }
    }

    @Test
    void hopEqualToSizeIsFlinksTumblingWindows() {
        Random random = new Random(2L);
        for (int i = 0; i < 5_000; i++) {
            long size = 1 + random.nextInt(10_000);
            long t = random.nextLong() % 1_000_000_000_000L;
            assertThat(
                            EventTimeHoppingWindows.of(
                                            Duration.ofMillis(size), Duration.ofMillis(size))
                                    .assignWindows(null, t, NO_CLOCK))
                    .containsExactlyElementsOf(
                            // (Flink's tumbling windows read the clock for their stagger offset)
                            TumblingEventTimeWindows.of(Duration.ofMillis(size))
                                    .assignWindows(null, t, clockAt(0)));
        }
    }

    /** Every alignment against the definition, one millisecond at a time. */
    @Test
    void everyAlignmentAssignsTheWindowsOfTheDefinition() {
        Random random = new Random(3L);
        for (int i = 0; i < 5_000; i++) {
            long size = 1 + random.nextInt(30);
            long hop = 1 + random.nextInt(30);
            long start = random.nextInt(200) - 100;
            long t = random.nextInt(400) - 200;
            EventTimeHoppingWindows base =
                    EventTimeHoppingWindows.of(Duration.ofMillis(size), Duration.ofMillis(hop));
            for (EventTimeHoppingWindows windows :
                    List.of(
                            base,
                            base.alignedToEnds(),
                            base.startingAt(Instant.ofEpochMilli(start)))) {
                List<TimeWindow> expected = new ArrayList<>();
                for (long s = t; s > t - size; s--) { // latest start first
                    if (HoppingReference.isWindowStart(
                            s, size, hop, windows.getAlignment(), start)) {
                        expected.add(new TimeWindow(s, s + size));
                    }
                }
                assertThat(windows.assignWindows(null, t, NO_CLOCK))
                        .as("%s, t %d", windows, t)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void triggersAndTimeDomains() {
        EventTimeHoppingWindows eventTime =
                EventTimeHoppingWindows.of(Duration.ofSeconds(60), Duration.ofMillis(500));
        assertThat(eventTime.isEventTime()).isTrue();
        assertThat(eventTime.getDefaultTrigger()).isInstanceOf(EventTimeTrigger.class);
        assertThat(eventTime.getSize()).isEqualTo(60_000);
        assertThat(eventTime.getHop()).isEqualTo(500);
        ProcessingTimeHoppingWindows processingTime =
                ProcessingTimeHoppingWindows.of(Duration.ofSeconds(60), Duration.ofMillis(500));
        assertThat(processingTime.isEventTime()).isFalse();
        assertThat(processingTime.getDefaultTrigger()).isInstanceOf(ProcessingTimeTrigger.class);
        assertThat(processingTime.alignedToEnds().getAlignment())
                .isEqualTo(HoppingAlignment.EPOCH_ENDS);
        assertThatThrownBy(() -> eventTime.assignWindows(null, Long.MIN_VALUE, NO_CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no timestamp");
    }
}
