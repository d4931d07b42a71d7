package dev.flinkkda.windows.count;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.flinkkda.windows.count.CountWindowHarness.range;
import static dev.flinkkda.windows.count.CountWindowHarness.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact windows of {@link CountWindows} with Flink's windowed stream (trigger and evictor). */
class CountWindowsTest {

    /**
     * eKuiper's COUNTWINDOW(5, 2): no window at events 2 and 4 (fewer than 5 events); at event 6
     * the latest 5 (event 1 left out), then every 2nd event.
     */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void eKuiperCountWindow5Every2(boolean incremental) throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(5, 2), incremental)) {
            h.elements("k", 4);
            assertThat(h.windows()).isEmpty();
            h.elements("k", 0); // nothing
            h.element("k", 5);
            assertThat(h.windows()).isEmpty();
            h.element("k", 6);
            assertThat(h.windows()).containsExactly(range("k", 2, 6));
            h.element("k", 7);
            h.element("k", 8);
            h.element("k", 9);
            h.element("k", 10);
            assertThat(h.windows())
                    .containsExactly(range("k", 2, 6), range("k", 4, 8), range("k", 6, 10));
        }
    }

    /** SA Engine winagg(s, 5, 5): "emit the 5 latest elements every 5th element". */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void saEngineTumbling5(boolean incremental) throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(5, 5), incremental)) {
            h.elements("k", 12);
            assertThat(h.windows()).containsExactly(range("k", 1, 5), range("k", 6, 10));
        }
    }

    /** SA Engine winagg(s, 4, 6): "emit the 4 latest elements every 6th element". */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void saEngineSampling4Every6(boolean incremental) throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(4, 6), incremental)) {
            h.elements("k", 13);
            assertThat(h.windows()).containsExactly(range("k", 3, 6), range("k", 9, 12));
        }
    }

    /** SA Engine winagg(s, 10, 1): a 10-element window at every element from the 10th on. */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void saEngineSliding10Every1(boolean incremental) throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(10, 1), incremental)) {
            h.elements("k", 13);
            assertThat(h.windows())
                    .containsExactly(
                            range("k", 1, 10),
                            range("k", 2, 11),
                            range("k", 3, 12),
                            range("k", 4, 13));
        }
    }

    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void keysAreNumberedSeparately(boolean incremental) throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(2, 2), incremental)) {
            h.element("a", 1);
            h.element("b", 10);
            h.element("b", 20);
            h.element("a", 2);
            h.element("a", 3);
            h.element("b", 30);
            h.element("a", 4);
            assertThat(h.windows())
                    .containsExactly(window("b", 10, 20), window("a", 1, 2), window("a", 3, 4));
        }
    }

    /** Flink's countWindow(5, 2) fires at 2 and 4 too, with the elements so far. */
    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void partialWindowsAsFlinksCountWindow(boolean incremental) throws Exception {
        try (CountWindowHarness h =
                CountWindowHarness.of(CountWindows.of(5, 2).firingPartialWindows(), incremental)) {
            h.elements("k", 8);
            assertThat(h.windows())
                    .containsExactly(
                            range("k", 1, 2), range("k", 1, 4), range("k", 2, 6), range("k", 4, 8));
        }
    }

    @ParameterizedTest(name = "incremental={0}")
    @ValueSource(booleans = {false, true})
    void numberingContinuesAfterARestore(boolean incremental) throws Exception {
        OperatorSubtaskState snapshot;
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(4, 3), incremental)) {
            h.elements("k", 5); // the first window is at n = 6
            h.element("j", 100);
            assertThat(h.windows()).isEmpty();
            snapshot = h.snapshot();
            h.element("k", 999); // lost with the failure
        }
        try (CountWindowHarness h =
                incremental
                        ? CountWindowHarness.incremental(CountWindows.of(4, 3), snapshot)
                        : new CountWindowHarness(CountWindows.of(4, 3)::window, snapshot)) {
            List<String> expected = new ArrayList<>();
            h.element("k", 6);
            expected.add(range("k", 3, 6));
            h.element("j", 101);
            h.element("j", 102);
            h.element("k", 7);
            h.element("k", 8);
            h.element("k", 9);
            expected.add(range("k", 6, 9));
            h.element("j", 103);
            h.element("j", 104);
            h.element("j", 105); // j's 6th element
            expected.add(window("j", 102, 103, 104, 105));
            assertThat(h.windows()).containsExactlyElementsOf(expected);
        }
    }

    /** The window function sees each window's sequence numbers and its elements' timestamps. */
    @Test
    void incrementalWindowFunctionGetsSequenceNumbersAndTimestamps() throws Exception {
        try (CountWindowHarness h =
                CountWindowHarness.incrementalWithWindows(CountWindows.of(3, 2))) {
            for (long n = 1; n <= 7; n++) {
                h.element("k", n * 10, 1000 + n); // value 10·n at timestamp 1000 + n
            }
            assertThat(h.windows())
                    .containsExactly("k:2..4@1002..1004=20,30,40", "k:4..6@1004..1006=40,50,60");
        }
        try (CountWindowHarness h =
                CountWindowHarness.incrementalWithWindows(
                        CountWindows.of(4, 2).firingPartialWindows())) {
            h.elements("k", 4); // no timestamps
            assertThat(h.windows())
                    .containsExactly(
                            "k:1..2@" + Long.MIN_VALUE + ".." + Long.MIN_VALUE + "=1,2",
                            "k:1..4@" + Long.MIN_VALUE + ".." + Long.MIN_VALUE + "=1,2,3,4");
        }
    }

    /**
     * The incremental path keeps at most the panes of one window (size / gcd(size, stride)) in each
     * of its two stacks, whatever the number of elements; skipped elements of sampling windows are
     * not kept at all.
     */
    @Test
    void incrementalStateDoesNotGrowWithTheStream() throws Exception {
        try (CountWindowHarness h =
                CountWindowHarness.incremental(CountWindows.of(100, 10), null)) {
            h.elements("k", 10_000);
            assertThat(h.windows()).hasSize(991).last().isEqualTo(range("k", 9901, 10_000));
            // 10 panes of 10: back and front entries, pane start timestamps, a few scalars
            assertThat(h.keyedStateEntries()).isLessThanOrEqualTo(2 * 10 + 2 * 10 + 8);
        }
        try (CountWindowHarness h =
                CountWindowHarness.incremental(CountWindows.of(4, 1000), null)) {
            h.elements("k", 999); // elements 997..999 are in the window at 1000
            assertThat(h.windows()).isEmpty();
            assertThat(h.keyedStateEntries()).isLessThanOrEqualTo(3); // count, open pane, its ts
            h.element("k", 1000);
            assertThat(h.windows()).containsExactly(range("k", 997, 1000));
        }
    }

    @Test
    void rejectsArgumentsThatAreNotPositiveNamingThem() {
        assertThatThrownBy(() -> CountWindows.of(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count window size must be positive, was 0");
        assertThatThrownBy(() -> CountWindows.of(5, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count window stride must be positive, was -2");
        assertThatThrownBy(() -> CountWindows.tumbling(-1))
                .hasMessage("count window size must be positive, was -1");
        assertThatThrownBy(() -> CountWindows.of(3_000_000_000L, 1).evictor())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count window size 3000000000 is more than the 2147483647");
    }
}
