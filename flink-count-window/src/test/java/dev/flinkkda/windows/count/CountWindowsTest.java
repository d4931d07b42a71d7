package dev.flinkkda.windows.count;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.api.Test;

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
    @Test
    void eKuiperCountWindow5Every2() throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(5, 2))) {
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
    @Test
    void saEngineTumbling5() throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(5, 5))) {
            h.elements("k", 12);
            assertThat(h.windows()).containsExactly(range("k", 1, 5), range("k", 6, 10));
        }
    }

    /** SA Engine winagg(s, 4, 6): "emit the 4 latest elements every 6th element". */
    @Test
    void saEngineSampling4Every6() throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(4, 6))) {
            h.elements("k", 13);
            assertThat(h.windows()).containsExactly(range("k", 3, 6), range("k", 9, 12));
        }
    }

    /** SA Engine winagg(s, 10, 1): a 10-element window at every element from the 10th on. */
    @Test
    void saEngineSliding10Every1() throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(10, 1))) {
            h.elements("k", 13);
            assertThat(h.windows())
                    .containsExactly(
                            range("k", 1, 10),
                            range("k", 2, 11),
                            range("k", 3, 12),
                            range("k", 4, 13));
        }
    }

    @Test
    void keysAreNumberedSeparately() throws Exception {
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(2, 2))) {
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
    @Test
    void partialWindowsAsFlinksCountWindow() throws Exception {
        try (CountWindowHarness h =
                CountWindowHarness.of(CountWindows.of(5, 2).firingPartialWindows())) {
            h.elements("k", 8);
            assertThat(h.windows())
                    .containsExactly(
                            range("k", 1, 2), range("k", 1, 4), range("k", 2, 6), range("k", 4, 8));
        }
    }

    @Test
    void numberingContinuesAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (CountWindowHarness h = CountWindowHarness.of(CountWindows.of(4, 3))) {
            h.elements("k", 5); // the first window is at n = 6
            h.element("j", 100);
            assertThat(h.windows()).isEmpty();
            snapshot = h.snapshot();
            h.element("k", 999); // lost with the failure
        }
        try (CountWindowHarness h =
                new CountWindowHarness(CountWindows.of(4, 3)::window, snapshot)) {
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
