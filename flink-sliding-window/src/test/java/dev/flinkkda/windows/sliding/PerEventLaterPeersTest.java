package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.testing.WindowResult;
import dev.flinkkda.windows.testing.WindowTestFunctions;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KDA's rule for equal timestamps ({@link EventTimePerEventSlidingWindows#excludingLaterPeers()})
 * and the element-carrying result form ({@link PerEventResultFunction}) on worked examples, each
 * window by hand: the window of an element at {@code t} holds {@code [t - size, t)} and the
 * elements at {@code t} that arrived no later than it.
 */
class PerEventLaterPeersTest {

    private static final Duration TEN = Duration.ofMillis(10);

    /**
     * Count, sum and values of each window and the element that fired it ({@link
     * FiredWindowResult}).
     */
    private static WindowPipelineHarness harness(
            PerEventSlidingWindows windows,
            FilterFunction<Tuple3<String, Long, Long>> trigger,
            long allowedLateness,
            OperatorSubtaskState restoreFrom)
            throws Exception {
        return new WindowPipelineHarness(
                keyed -> fired(keyed, windows, trigger, allowedLateness), restoreFrom);
    }

    private static WindowPipelineHarness harness(PerEventSlidingWindows windows) throws Exception {
        return harness(windows, null, 0, null);
    }

    static SingleOutputStreamOperator<WindowResult> fired(
            KeyedStream<Tuple3<String, Long, Long>, String> keyed,
            PerEventSlidingWindows windows,
            FilterFunction<Tuple3<String, Long, Long>> trigger,
            long allowedLateness) {
        PerEventWindowedStream<Tuple3<String, Long, Long>, String> stream =
                windows.incremental(keyed)
                        .allowedLateness(Duration.ofMillis(allowedLateness))
                        .sideOutputLateData(WindowPipelineHarness.LATE);
        if (trigger != null) {
            stream.triggeredBy(trigger);
        }
        return stream.aggregate(
                new WindowTestFunctions.CountSumValues(),
                FiredWindowResult::of,
                FiredWindowResult.COUNT_SUM_VALUES,
                FiredWindowResult.TYPE);
    }

    /** Each window as "its values <- the value of the element that fired it". */
    private static List<String> fired(List<WindowResult> results) {
        return results.stream()
                .map(r -> r.values + " <- " + ((FiredWindowResult) r).firedBy)
                .toList();
    }

    // ---- KDA's example ----

    /** MIN and MAX of TEMP, as the result function writes the SQL row: ROWTIME | MIN | MAX. */
    private static final class MinMax
            implements AggregateFunction<
                    Tuple3<String, Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> createAccumulator() {
            return Tuple2.of(Long.MAX_VALUE, Long.MIN_VALUE);
        }

        @Override
        public Tuple2<Long, Long> add(Tuple3<String, Long, Long> row, Tuple2<Long, Long> acc) {
            return Tuple2.of(Math.min(acc.f0, row.f2), Math.max(acc.f1, row.f2));
        }

        @Override
        public Tuple2<Long, Long> getResult(Tuple2<Long, Long> acc) {
            return acc;
        }

        @Override
        public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
            return Tuple2.of(Math.min(a.f0, b.f0), Math.max(a.f1, b.f1));
        }
    }

    private static final DateTimeFormatter ROWTIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");

    private static long rowtime(String text) {
        return LocalDateTime.parse(text, ROWTIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String rowtime(long millis) {
        return ROWTIME.format(
                LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    /**
     * The KDA SQL reference's "Windowed Aggregation on Streams" (WEATHERSTREAM, rows of (ROWTIME,
     * CITY, TEMP)), run through the operator with each row's ROWTIME as event time and the
     * watermark just behind it:
     *
     * <pre>
     * SELECT STREAM ROWTIME, MIN(TEMP) OVER W1 AS WMIN_TEMP, MAX(TEMP) OVER W1 AS WMAX_TEMP
     * FROM WEATHERSTREAM WINDOW W1 AS (RANGE INTERVAL '1' DAY PRECEDING);
     * </pre>
     *
     * The result function writes each output row from the firing row's ROWTIME and the window's
     * aggregates; the rows are the published results, row for row. The second row at 01:00 (2,
     * Anchorage) gives 2/29 and the first (29, Denver) 29/29: the later peer is not in the first
     * row's window. Without the rule, both give 2/29 (and Denver's row at 11-03 01:00 gives 1/56).
     */
    @Test
    void kdaWindowedAggregationOnStreamsExample() throws Exception {
        String[][] weatherStream = {
            {"2018-11-01 01:00:00.0", "Denver", "29"},
            {"2018-11-01 01:00:00.0", "Anchorage", "2"},
            {"2018-11-01 06:00:00.0", "Miami", "65"},
            {"2018-11-01 07:00:00.0", "Denver", "32"},
            {"2018-11-01 09:00:00.0", "Anchorage", "9"},
            {"2018-11-01 13:00:00.0", "Denver", "50"},
            {"2018-11-01 17:00:00.0", "Anchorage", "10"},
            {"2018-11-01 18:00:00.0", "Miami", "71"},
            {"2018-11-01 19:00:00.0", "Denver", "43"},
            {"2018-11-02 01:00:00.0", "Anchorage", "4"},
            {"2018-11-02 01:00:00.0", "Denver", "39"},
            {"2018-11-02 07:00:00.0", "Denver", "46"},
            {"2018-11-02 09:00:00.0", "Anchorage", "3"},
            {"2018-11-02 13:00:00.0", "Denver", "56"},
            {"2018-11-02 17:00:00.0", "Anchorage", "2"},
            {"2018-11-02 19:00:00.0", "Denver", "50"},
            {"2018-11-03 01:00:00.0", "Denver", "36"},
            {"2018-11-03 01:00:00.0", "Anchorage", "1"},
        };
        List<String> published =
                List.of(
                        "2018-11-01 01:00:00.0 | 29 | 29",
                        "2018-11-01 01:00:00.0 | 2 | 29",
                        "2018-11-01 06:00:00.0 | 2 | 65",
                        "2018-11-01 07:00:00.0 | 2 | 65",
                        "2018-11-01 09:00:00.0 | 2 | 65",
                        "2018-11-01 13:00:00.0 | 2 | 65",
                        "2018-11-01 17:00:00.0 | 2 | 65",
                        "2018-11-01 18:00:00.0 | 2 | 71",
                        "2018-11-01 19:00:00.0 | 2 | 71",
                        "2018-11-02 01:00:00.0 | 2 | 71",
                        "2018-11-02 01:00:00.0 | 2 | 71",
                        "2018-11-02 07:00:00.0 | 4 | 71",
                        "2018-11-02 09:00:00.0 | 3 | 71",
                        "2018-11-02 13:00:00.0 | 3 | 71",
                        "2018-11-02 17:00:00.0 | 2 | 71",
                        "2018-11-02 19:00:00.0 | 2 | 56",
                        "2018-11-03 01:00:00.0 | 2 | 56",
                        "2018-11-03 01:00:00.0 | 1 | 56");
        assertThat(overRows(weatherStream, true)).containsExactlyElementsOf(published);
        // Flink SQL's peers: the first row at 11-01 01:00 sees Anchorage's 2, the first at
        // 11-03 01:00 (Denver) sees Anchorage's 1
        List<String> withPeers = new ArrayList<>(published);
        withPeers.set(0, "2018-11-01 01:00:00.0 | 2 | 29");
        withPeers.set(16, "2018-11-03 01:00:00.0 | 1 | 56");
        assertThat(overRows(weatherStream, false)).containsExactlyElementsOf(withPeers);
    }

    /** The SELECT's rows for the WEATHERSTREAM rows, one key (no PARTITION BY). */
    private static List<String> overRows(String[][] rows, boolean excludingLaterPeers)
            throws Exception {
        EventTimePerEventSlidingWindows day =
                EventTimePerEventSlidingWindows.of(Duration.ofDays(1));
        PerEventSlidingWindows windows = excludingLaterPeers ? day.excludingLaterPeers() : day;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeyedStream<Tuple3<String, Long, Long>, String> keyed =
                env.fromData(Tuple3.of("city", 0L, 0L)).keyBy(row -> "all");
        SingleOutputStreamOperator<String> select =
                windows.incremental(keyed)
                        .aggregate(
                                new MinMax(),
                                (row, minMax, window) ->
                                        rowtime(row.f1) + " | " + minMax.f0 + " | " + minMax.f1,
                                Types.TUPLE(Types.LONG, Types.LONG),
                                Types.STRING);
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<Tuple3<String, Long, Long>, String> operator =
                ((OneInputTransformation<Tuple3<String, Long, Long>, String>)
                                select.getTransformation())
                        .getOperator();
        List<String> out = new ArrayList<>();
        try (KeyedOneInputStreamOperatorTestHarness<String, Tuple3<String, Long, Long>, String>
                harness =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                operator, row -> "all", Types.STRING)) {
            harness.open();
            for (String[] row : rows) {
                long t = rowtime(row[0]);
                harness.processWatermark(t - 1); // ROWTIME never goes back
                harness.processElement(
                        new StreamRecord<>(Tuple3.of(row[1], t, Long.parseLong(row[2])), t));
            }
            harness.processWatermark(Long.MAX_VALUE);
            for (Object record : harness.getOutput()) {
                if (record instanceof StreamRecord) {
                    out.add((String) ((StreamRecord<?>) record).getValue());
                }
            }
        }
        return out;
    }

    // ---- the rule ----

    @Test
    void eachPeerSeesThePeersThatArrivedBeforeItAndItself() throws Exception {
        for (boolean rule : new boolean[] {true, false}) {
            EventTimePerEventSlidingWindows ten = EventTimePerEventSlidingWindows.of(TEN);
            try (WindowPipelineHarness h = harness(rule ? ten.excludingLaterPeers() : ten)) {
                h.element("k", 3, 1);
                h.element("k", 5, 2);
                h.element("k", 5, 4);
                h.element("k", 5, 8);
                h.watermark(4);
                h.element("k", 14, 16); // [4, 14): the three peers at 5, not 3
                h.watermark(Long.MAX_VALUE);
                if (rule) {
                    assertThat(fired(h.results()))
                            .containsExactly(
                                    "1 <- 1",
                                    "1,2 <- 2",
                                    "1,2,4 <- 4",
                                    "1,2,4,8 <- 8",
                                    "2,4,8,16 <- 16");
                } else {
                    assertThat(fired(h.results()))
                            .containsExactly(
                                    "1 <- 1",
                                    "1,2,4,8 <- 2",
                                    "1,2,4,8 <- 4",
                                    "1,2,4,8 <- 8",
                                    "2,4,8,16 <- 16");
                }
                // the same windows either way, each result at its element's time
                assertThat(h.results().get(1).start).isEqualTo(-5);
                assertThat(h.results().get(1).end).isEqualTo(6);
                assertThat(h.resultTimestamps()).containsExactly(3L, 5L, 5L, 5L, 14L);
            }
        }
    }

    /** The javadoc's timeline: x at 2 arrives after b and c, before their windows fire. */
    @Test
    void anEarlierTimestampArrivingLaterIsStillInTheWindow() throws Exception {
        try (WindowPipelineHarness h =
                harness(EventTimePerEventSlidingWindows.of(TEN).excludingLaterPeers())) {
            h.element("k", 3, 1); // a
            h.element("k", 5, 2); // b
            h.element("k", 5, 4); // c
            h.element("k", 2, 8); // x: out of order, within the watermark
            h.element("k", 5, 16); // d
            h.watermark(5);
            assertThat(fired(h.results()))
                    .containsExactly(
                            "8 <- 8", "8,1 <- 1", "8,1,2 <- 2", "8,1,2,4 <- 4", "8,1,2,4,16 <- 16");
            assertThat(h.late()).isEmpty();
        }
    }

    @Test
    void nonTriggeringPeersArrivedEarlierAreInTheWindowLaterOnesAreNot() throws Exception {
        // only values divisible by 3 fire; at 5 they arrive 1 3 4 6 7
        try (WindowPipelineHarness h =
                harness(
                        EventTimePerEventSlidingWindows.of(TEN).excludingLaterPeers(),
                        e -> e.f2 % 3 == 0,
                        0,
                        null)) {
            h.element("k", 0, 10);
            h.element("k", 5, 1);
            h.element("k", 5, 3);
            h.element("k", 5, 4);
            h.element("k", 5, 6);
            h.element("k", 5, 7);
            h.element("k", 12, 9); // [2, 12): all five at 5, not 10
            h.watermark(Long.MAX_VALUE);
            assertThat(fired(h.results()))
                    .containsExactly("10,1,3 <- 3", "10,1,3,4,6 <- 6", "1,3,4,6,7,9 <- 9");
        }
    }

    @Test
    void lateElementsJoinOnlyTheWindowsOfLaterTimestamps() throws Exception {
        try (WindowPipelineHarness h =
                harness(
                        EventTimePerEventSlidingWindows.of(TEN).excludingLaterPeers(),
                        null,
                        5,
                        null)) {
            h.element("k", 10, 1);
            h.element("k", 10, 2);
            h.watermark(10);
            assertThat(fired(h.results())).containsExactly("1 <- 1", "1,2 <- 2");
            // at 10 behind the watermark: a later peer of both, so in neither; its own window
            // ([0, 10) and the peers at 10 up to it) fires at once
            h.element("k", 10, 4);
            assertThat(fired(h.results()).subList(2, 3)).containsExactly("1,2,4 <- 4");
            // at 8: in the windows of all three at 10, each fired again with its own peers and
            // its own element; then its own window
            h.element("k", 8, 8);
            assertThat(fired(h.results()).subList(3, 7))
                    .containsExactly("8,1 <- 1", "8,1,2 <- 2", "8,1,2,4 <- 4", "8 <- 8");
            h.watermark(16); // the windows of 10 are gone (10 + 5 <= 16)
            h.element("k", 10, 16);
            assertThat(h.late()).containsExactly(Tuple3.of("k", 10L, 16L));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.results()).hasSize(7);
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @Test
    void restoreKeepsTheArrivalOrderOfPendingPeers() throws Exception {
        PerEventSlidingWindows windows =
                EventTimePerEventSlidingWindows.of(TEN).excludingLaterPeers();
        long[][] before = {{3, 1}, {5, 2}, {5, 4}, {7, 32}};
        long[][] after = {{5, 8}, {4, 64}, {7, 128}};
        List<String> uninterrupted;
        try (WindowPipelineHarness h = harness(windows)) {
            for (long[] e : before) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(3);
            for (long[] e : after) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(Long.MAX_VALUE);
            uninterrupted = fired(h.results());
        }
        OperatorSubtaskState snapshot;
        try (WindowPipelineHarness h = harness(windows)) {
            for (long[] e : before) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(3);
            assertThat(fired(h.results())).containsExactly("1 <- 1");
            snapshot = h.snapshot(1); // the peers 2, 4 at 5 and 32 at 7 are pending
        }
        try (WindowPipelineHarness h = harness(windows, null, 0, snapshot)) {
            for (long[] e : after) {
                h.element("k", e[0], e[1]);
            }
            h.watermark(Long.MAX_VALUE);
            assertThat(fired(h.results()))
                    .containsExactly(
                            "1,64 <- 64",
                            "1,64,2 <- 2",
                            "1,64,2,4 <- 4",
                            "1,64,2,4,8 <- 8",
                            "1,64,2,4,8,32 <- 32",
                            "1,64,2,4,8,32,128 <- 128");
            assertThat(uninterrupted.subList(1, uninterrupted.size()))
                    .isEqualTo(fired(h.results()));
            assertThat(h.keyedStateEntries()).isZero();
        }
    }

    @Test
    void processingTimePeersAreTheElementsTakenInEarlierInTheSameMillisecond() throws Exception {
        try (WindowPipelineHarness h =
                harness(ProcessingTimePerEventSlidingWindows.of(TEN).excludingLaterPeers())) {
            h.processingTime(100);
            h.elementNow("k", 1);
            h.elementNow("k", 2);
            h.elementNow("k", 4);
            h.processingTime(100); // 100's timer runs: its windows fire, the millisecond closes
            assertThat(fired(h.results())).containsExactly("1 <- 1", "1,2 <- 2", "1,2,4 <- 4");
            h.elementNow("k", 8); // counts as 101
            h.processingTime(109); // 101's timer: the window of 8, [91, 101]
            h.elementNow("k", 16); // at 109: [99, 109]
            h.processingTime(200);
            assertThat(fired(h.results()).subList(3, 5))
                    .containsExactly("1,2,4,8 <- 8", "1,2,4,8,16 <- 16");
            assertThat(h.results().get(3).start).isEqualTo(91);
            assertThat(h.keyedStateEntries()).isZero();
            assertThat(h.processingTimeTimers()).isZero();
        }
    }

    @Test
    void theRuleDoesNotCombineWithADelay() {
        assertThatThrownBy(
                        () ->
                                EventTimePerEventSlidingWindows.of(TEN)
                                        .withDelay(Duration.ofMillis(2))
                                        .excludingLaterPeers())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("excludingLaterPeers() and a delay (2 ms) do not combine");
        assertThatThrownBy(
                        () ->
                                ProcessingTimePerEventSlidingWindows.of(TEN)
                                        .excludingLaterPeers()
                                        .withDelay(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "excludingLaterPeers() and a delay (1000 ms) do not combine");
        // 1 ms is no delay
        PerEventSlidingWindows windows =
                EventTimePerEventSlidingWindows.of(TEN)
                        .excludingLaterPeers()
                        .withDelay(Duration.ofMillis(1));
        assertThat(windows.excludesLaterPeers()).isTrue();
        assertThat(windows.windowOf(5)).isEqualTo(windows.windowOf(5));
        assertThat(windows.toString())
                .isEqualTo(
                        "EventTimePerEventSlidingWindows{size=10 ms, delay=1 ms, excluding later"
                                + " peers}");
        assertThat(EventTimePerEventSlidingWindows.of(TEN).excludesLaterPeers()).isFalse();
    }

    // ---- the element-carrying form without the rule ----

    @Test
    void theFiringElementComesWithDelayTriggerAndLateRefires() throws Exception {
        // size 10, delay 4, only values >= 100 fire, allowed lateness 5
        try (WindowPipelineHarness h =
                harness(
                        EventTimePerEventSlidingWindows.of(TEN).withDelay(Duration.ofMillis(4)),
                        e -> e.f2 >= 100,
                        5,
                        null)) {
            h.element("k", 5, 1);
            h.element("k", 10, 100);
            h.element("k", 12, 2);
            h.element("k", 10, 200);
            h.watermark(13); // [0, 14) fires at 13, once per trigger, each with its element
            assertThat(fired(h.results()))
                    .containsExactly("1,100,200,2 <- 100", "1,100,200,2 <- 200");
            // 9 is behind the watermark but within the allowed lateness (9 + 5 > 13): not late;
            // the window of 10 contains it and fires again, once per trigger
            h.element("k", 9, 4);
            assertThat(fired(h.results()).subList(2, 4))
                    .containsExactly("1,4,100,200,2 <- 100", "1,4,100,200,2 <- 200");
            h.element("k", 3, 8); // 3 + 5 <= 13: late
            assertThat(h.late()).containsExactly(Tuple3.of("k", 3L, 8L));
            h.watermark(Long.MAX_VALUE);
            assertThat(h.keyedStateEntries()).isZero();
        }
    }

    @Test
    void theElementFormNeedsItsFunctionsAndTypes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PerEventWindowedStream<Tuple3<String, Long, Long>, String> stream =
                EventTimePerEventSlidingWindows.of(TEN)
                        .incremental(env.fromData(Tuple3.of("k", 0L, 0L)).keyBy(e -> e.f0));
        assertThatThrownBy(
                        () ->
                                stream.aggregate(
                                        new WindowTestFunctions.CountSumValues(),
                                        (PerEventResultFunction<
                                                        Tuple3<String, Long, Long>,
                                                        Tuple3<Long, Long, String>,
                                                        WindowResult>)
                                                null,
                                        FiredWindowResult.COUNT_SUM_VALUES,
                                        FiredWindowResult.TYPE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                stream.aggregate(
                                        new WindowTestFunctions.CountSumValues(),
                                        FiredWindowResult::of,
                                        null,
                                        FiredWindowResult.TYPE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
