package dev.flinkkda.windows.count;

import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental path restored from a snapshot at a random point of a random stream (sizes and
 * strides with stride above, at and below size) against the brute-force reference of {@link
 * CountWindowsRandomizedTest}: the windows before the snapshot and those after the restore are the
 * reference's, in order. On the heap backend the operator changes its {@link CountProgress} in
 * place; on RocksDB, whose values are copies, it must write it back after every element (else the
 * count, the open pane and the gaps stand still and the windows differ).
 */
class CountWindowsRestoreTest {

    @Test
    void restoresOnTheHeapBackend() throws Exception {
        restoresMidStream(new HashMapStateBackend(), new Random(20261206L), 300);
    }

    /** Fewer streams: a RocksDB harness is slow to open. */
    @Test
    void restoresOnRocksDb() throws Exception {
        restoresMidStream(new EmbeddedRocksDBStateBackend(), new Random(16L), 60);
    }

    private static void restoresMidStream(StateBackend backend, Random random, int streams)
            throws Exception {
        int sampling = 0;
        int restoredWithOpenPane = 0;
        for (int stream = 0; stream < streams; stream++) {
            long size = 1 + random.nextInt(12);
            long stride = 1 + random.nextInt(12);
            List<String[]> input = CountWindowsRandomizedTest.randomInput(random);
            int restoreAt = random.nextInt(input.size() + 1);
            CountWindows windows = CountWindows.of(size, stride);
            List<String> fired = new ArrayList<>();
            OperatorSubtaskState snapshot;
            try (CountWindowHarness h = CountWindowHarness.incremental(windows, null, backend)) {
                CountWindowsRandomizedTest.feed(h, input.subList(0, restoreAt));
                snapshot = h.snapshot();
                fired.addAll(h.windows());
                if (restoreAt < input.size()) {
                    String[] lost = input.get(restoreAt);
                    h.element(lost[0], -1); // lost with the failure
                }
            }
            try (CountWindowHarness h =
                    CountWindowHarness.incremental(windows, snapshot, backend)) {
                CountWindowsRandomizedTest.feed(h, input.subList(restoreAt, input.size()));
                fired.addAll(h.windows());
            }
            assertThat(fired)
                    .as(
                            "stream %d, size %d, stride %d, restored at %d",
                            stream, size, stride, restoreAt)
                    .containsExactlyElementsOf(
                            CountWindowsRandomizedTest.reference(input, size, stride));
            sampling += stride > size ? 1 : 0;
            restoredWithOpenPane += opensAPaneAt(input.subList(0, restoreAt), size, stride) ? 1 : 0;
        }
        // the streams cover sampling windows and restores with a pane open
        assertThat(sampling).isGreaterThan(streams / 5);
        assertThat(restoredWithOpenPane).isGreaterThan(streams / 5);
    }

    /** Whether, after {@code prefix}, some key has a pane open (its count not at a pane's end). */
    private static boolean opensAPaneAt(List<String[]> prefix, long size, long stride) {
        long pane = CountAggregateOperator.gcd(size, stride);
        Map<String, Long> counts = new HashMap<>();
        prefix.forEach(e -> counts.merge(e[0], 1L, Long::sum));
        return counts.values().stream()
                .anyMatch(
                        n -> {
                            long inCycle = (n - 1) % stride + 1; // 1..stride
                            boolean inGap = stride > size && inCycle <= stride - size;
                            return !inGap && n % pane != 0;
                        });
    }
}
