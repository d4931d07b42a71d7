package dev.flinkkda.windows.predicate;

import dev.flinkkda.windows.predicate.PredicateWindowHarness.Path;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.flinkkda.windows.predicate.PredicateWindowHarness.BEGIN;
import static dev.flinkkda.windows.predicate.PredicateWindowHarness.ELEMENT;
import static dev.flinkkda.windows.predicate.PredicateWindowHarness.END;
import static dev.flinkkda.windows.predicate.PredicateWindowHarness.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Worked examples of {@link PredicateWindows} on the three paths. Tokens: {@code B…} matches begin,
 * {@code …E…} matches end, {@code BE…} both, {@code x…} neither; the number is the element's
 * position.
 */
class PredicateWindowsTest {

    private static final PredicateWindows<Tuple2<String, String>> WINDOWS =
            PredicateWindows.between(BEGIN, END);

    @ParameterizedTest
    @EnumSource(Path.class)
    void windowFromBeginToEndFiresAtTheEnd(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.elements("k", "x1", "B2", "x3", "x4");
            assertThat(h.windows()).isEmpty();
            h.element("k", "E5");
            assertThat(h.windows()).containsExactly("k#1:B2,x3,x4,E5");
            h.elements("k", "x6", "B7", "E8", "x9");
            assertThat(h.windows()).containsExactly("k#1:B2,x3,x4,E5", "k#2:B7,E8");
            assertThat(h.elementsOutsideWindows()).isEqualTo(3); // x1, x6, x9
        }
    }

    /** "The first later element matching end": the opening element is not tested against end. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void openingElementDoesNotCloseItsOwnWindow(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.element("k", "BE1");
            assertThat(h.windows()).isEmpty();
            h.elements("k", "x2", "E3");
            h.elements("k", "BE4", "BE5"); // BE5 is the first element after BE4 matching end
            assertThat(h.windows()).containsExactly("k#1:BE1,x2,E3", "k#2:BE4,BE5");
            assertThat(h.elementsOutsideWindows()).isZero();
        }
    }

    /** The closing element is consumed by the window it closes, even if it matches begin. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void closingElementDoesNotOpenTheNextWindow(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.elements("k", "B1", "BE2", "x3", "E4", "B5", "E6");
            assertThat(h.windows()).containsExactly("k#1:B1,BE2", "k#2:B5,E6");
            assertThat(h.elementsOutsideWindows()).isEqualTo(2); // x3, E4
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void beginInsideAnOpenWindowJustJoinsIt(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.elements("k", "B1", "B2", "x3", "B4", "E5");
            assertThat(h.windows()).containsExactly("k#1:B1,B2,x3,B4,E5");
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void endBeforeAnyBeginIsDroppedAndCounted(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.element("k", "E1");
            assertThat(h.elementsOutsideWindows()).isEqualTo(1);
            h.elements("k", "x2", "E3");
            assertThat(h.elementsOutsideWindows()).isEqualTo(3);
            h.elements("k", "B4", "x5", "E6");
            assertThat(h.elementsOutsideWindows()).isEqualTo(3);
            h.element("k", "E7");
            assertThat(h.windows()).containsExactly("k#1:B4,x5,E6");
            assertThat(h.elementsOutsideWindows()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void keysHaveTheirOwnWindowsAndNumbering(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.element("a", "B1");
            h.element("b", "x2"); // b has no window open yet
            h.element("b", "B3");
            h.element("a", "x4");
            h.element("b", "E5");
            assertThat(h.windows()).containsExactly("b#1:B3,E5");
            h.element("a", "E6");
            h.element("b", "E7"); // b's window is closed
            h.element("b", "B8");
            h.element("a", "x9");
            h.element("b", "BE10");
            assertThat(h.windows()).containsExactly("b#1:B3,E5", "a#1:B1,x4,E6", "b#2:B8,BE10");
            assertThat(h.elementsOutsideWindows()).isEqualTo(3); // x2, E7, x9
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void unfinishedWindowIsNotEmittedAtEndOfInputByDefault(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path)) {
            h.elements("k", "B1", "E2", "B3", "x4");
            h.endOfInput();
            assertThat(h.windows()).containsExactly("k#1:B1,E2");
            assertThat(h.elementsOutsideWindows()).isZero(); // B3 and x4 were in a window
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void flushOnEndOfInputEmitsUnfinishedWindowsAtTheLastWatermark(Path path) throws Exception {
        try (PredicateWindowHarness h =
                PredicateWindowHarness.of(WINDOWS.flushOnEndOfInput(), path, true, null)) {
            h.element("a", "B1", 10);
            h.element("a", "x2", 20);
            h.element("a", "E3", 30);
            h.element("a", "B4", 40);
            h.element("a", "x5", 50);
            h.element("b", "B6", 60);
            h.element("c", "B7", 70);
            h.element("c", "E8", 80);
            assertThat(h.eventTimeTimers()).isEqualTo(2); // a's and b's open windows
            h.watermark(1_000_000);
            h.watermark(Long.MAX_VALUE - 1);
            assertThat(h.windows())
                    .containsExactly("a#1[3]@10..30:B1,x2,E3", "c#1[2]@70..80:B7,E8");
            h.endOfInput();
            assertThat(h.windows().subList(2, 4))
                    .containsExactlyInAnyOrder("a#2[2]@40..50:B4,x5", "b#1[1]@60..60:B6");
            assertThat(h.windows()).hasSize(4);
            assertThat(h.timestamps().subList(2, 4)).containsExactlyInAnyOrder(50L, 60L);
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    /**
     * A snapshot with windows open (one with a flush timer) restored into a new operator: the
     * windows go on with their elements, numbering and first timestamps, and are flushed at the
     * end.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void windowsOpenAtASnapshotGoOnAfterARestore(Path path) throws Exception {
        PredicateWindows<Tuple2<String, String>> windows = WINDOWS.flushOnEndOfInput();
        OperatorSubtaskState snapshot;
        try (PredicateWindowHarness h = PredicateWindowHarness.of(windows, path, true, null)) {
            h.element("a", "B1", 1);
            h.element("a", "E2", 2);
            h.element("a", "x3", 3);
            h.element("a", "B4", 4);
            h.element("a", "x5", 5);
            h.element("b", "B6", 6);
            assertThat(h.windows()).containsExactly("a#1[2]@1..2:B1,E2");
            snapshot = h.snapshot();
            h.element("a", "E99", 99); // lost with the failure
        }
        try (PredicateWindowHarness h = PredicateWindowHarness.of(windows, path, true, snapshot)) {
            h.element("a", "x7", 7);
            h.element("a", "E8", 8);
            h.element("b", "x9", 9);
            h.element("c", "x10", 10);
            h.element("a", "B11", 11);
            assertThat(h.windows()).containsExactly("a#2[4]@4..8:B4,x5,x7,E8");
            assertThat(h.elementsOutsideWindows()).isEqualTo(1); // c's x10; counters restart
            h.endOfInput();
            assertThat(h.windows())
                    .containsExactlyInAnyOrder(
                            "a#2[4]@4..8:B4,x5,x7,E8", "a#3[1]@11..11:B11", "b#1[2]@6..9:B6,x9");
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    /** Switching the flush off at a restore also stops the flush of windows open before it. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void flushTimersRestoredIntoAJobWithoutFlushDoNotFlush(Path path) throws Exception {
        OperatorSubtaskState snapshot;
        try (PredicateWindowHarness h =
                PredicateWindowHarness.of(WINDOWS.flushOnEndOfInput(), path)) {
            h.elements("k", "B1", "x2");
            snapshot = h.snapshot();
        }
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path, false, snapshot)) {
            h.element("k", "x3");
            h.endOfInput();
            assertThat(h.windows()).isEmpty();
            h.element("k", "E4"); // the window was not lost, only not flushed
            assertThat(h.windows()).containsExactly("k#1:B1,x2,x3,E4");
        }
    }

    /** Results carry the last element's timestamp; without timestamps they carry none. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void resultsCarryTheTimestampOfTheWindowsLastElement(Path path) throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path, true, null)) {
            // arrival order, not timestamp order, decides
            h.element("k", "B1", 500);
            h.element("k", "x2", 100);
            h.element("k", "E3", 300);
            h.element("k", "B4");
            h.element("k", "E5");
            assertThat(h.windows())
                    .containsExactly(
                            "k#1[3]@500..300:B1,x2,E3",
                            "k#2[2]@" + Long.MIN_VALUE + ".." + Long.MIN_VALUE + ":B4,E5");
            assertThat(h.timestamps()).containsExactly(300L, null);
        }
    }

    /** The aggregate path keeps a fixed number of state entries per key, whatever the window. */
    @Test
    void aggregateStateDoesNotGrowWithTheWindow() throws Exception {
        try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, Path.AGGREGATE)) {
            h.element("k", "B0");
            for (int i = 1; i <= 10_000; i++) {
                h.element("k", "x" + i);
            }
            // the open window, the windows opened, the accumulator
            assertThat(h.keyedStateEntries()).isEqualTo(3);
            h.element("k", "E");
            assertThat(h.windows()).hasSize(1);
            assertThat(h.keyedStateEntries()).isEqualTo(1); // the windows opened
        }
    }

    private static final AtomicInteger OPENED = new AtomicInteger();
    private static final AtomicInteger CLOSED = new AtomicInteger();

    /** Needs its runtime context, so it must be opened before it is used. */
    private static final class StartsWithTaskInitial
            extends RichFilterFunction<Tuple2<String, String>> {
        private transient String prefix;

        @Override
        public void open(OpenContext openContext) {
            prefix = getRuntimeContext().getTaskInfo().getTaskName().substring(0, 1);
            OPENED.incrementAndGet();
        }

        @Override
        public boolean filter(Tuple2<String, String> e) {
            return e.f1.startsWith(prefix);
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    @ParameterizedTest
    @EnumSource(Path.class)
    void richPredicatesAreOpenedAndClosedWithTheOperator(Path path) throws Exception {
        OPENED.set(0);
        CLOSED.set(0);
        StartsWithTaskInitial startsWithP = new StartsWithTaskInitial(); // "PredicateWindowHarness"
        PredicateWindowHarness h =
                PredicateWindowHarness.of(PredicateWindows.between(startsWithP, END), path);
        try {
            assertThat(OPENED.get()).isEqualTo(1);
            h.elements("k", "B1", "P2", "E3");
            assertThat(h.windows()).containsExactly("k#1:P2,E3");
        } finally {
            h.close();
        }
        assertThat(CLOSED.get()).isEqualTo(1);
    }

    private static final AtomicInteger BEGIN_TESTS = new AtomicInteger();
    private static final AtomicInteger END_TESTS = new AtomicInteger();

    /**
     * Begin is tested only outside windows, end only on the later elements of an open window: each
     * at most once per element, and neither on the element that opens or closes a window.
     */
    @ParameterizedTest
    @EnumSource(Path.class)
    void predicatesAreTestedOnlyWhereTheyDecide(Path path) throws Exception {
        BEGIN_TESTS.set(0);
        END_TESTS.set(0);
        PredicateWindows<Tuple2<String, String>> counting =
                PredicateWindows.between(
                        e -> BEGIN_TESTS.incrementAndGet() > 0 && BEGIN.filter(e),
                        e -> END_TESTS.incrementAndGet() > 0 && END.filter(e));
        try (PredicateWindowHarness h = PredicateWindowHarness.of(counting, path)) {
            h.elements("k", "x1", "BE2", "B3", "BE4", "x5");
            assertThat(h.windows()).containsExactly("k#1:BE2,B3,BE4");
            assertThat(BEGIN_TESTS.get()).isEqualTo(3); // x1, BE2, x5
            assertThat(END_TESTS.get()).isEqualTo(2); // B3, BE4
        }
    }

    @Test
    void rejectsNullArgumentsNamingThem() {
        assertThatThrownBy(() -> PredicateWindows.between(null, END))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the begin predicate of PredicateWindows.between must not be null");
        assertThatThrownBy(() -> PredicateWindows.between(BEGIN, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the end predicate of PredicateWindows.between must not be null");
        assertThatThrownBy(() -> WINDOWS.incremental(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the keyed stream must not be null");
        KeyedStream<Tuple2<String, String>, String> keyed =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        .fromData(ELEMENT, Tuple2.of("k", "B1"))
                        .keyBy(KEY);
        assertThatThrownBy(() -> WINDOWS.incremental(keyed).process(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the ProcessWindowFunction given to PredicateWindowedStream must not be"
                                + " null");
        assertThatThrownBy(() -> WINDOWS.incremental(keyed).process(null, Types.STRING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the ProcessWindowFunction given to PredicateWindowedStream must not be"
                                + " null");
    }

    @Test
    void specificationIsImmutable() {
        PredicateWindows<Tuple2<String, String>> flushing = WINDOWS.flushOnEndOfInput();
        assertThat(WINDOWS.isFlushingOnEndOfInput()).isFalse();
        assertThat(flushing.isFlushingOnEndOfInput()).isTrue();
        assertThat(flushing.getBegin()).isSameAs(BEGIN);
        assertThat(flushing.getEnd()).isSameAs(END);
        assertThat(flushing.toString()).endsWith(", flush on end of input)");
    }

    /** The same input on the three paths gives the same windows (full form). */
    @Test
    void pathsAgree() throws Exception {
        List<List<String>> results = new ArrayList<>();
        for (Path path : Path.values()) {
            try (PredicateWindowHarness h = PredicateWindowHarness.of(WINDOWS, path, true, null)) {
                int t = 0;
                for (String token : Arrays.asList("x", "B", "B", "x", "BE", "E", "BE", "E")) {
                    h.element(t % 2 == 0 ? "a" : "b", token + t, t);
                    t++;
                }
                results.add(h.windows());
            }
        }
        assertThat(results.get(0)).containsExactly("a#1[2]@2..4:B2,BE4", "b#1[3]@1..5:B1,x3,E5");
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(2)).isEqualTo(results.get(0));
    }
}
