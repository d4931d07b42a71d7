package dev.flinkkda.windows.session;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.session.SessionPipelineHarness.Path;
import dev.flinkkda.windows.session.SessionPipelineHarness.Snapshot;
import dev.flinkkda.windows.testing.LateArrivals;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random streams against the brute-force {@link SessionReference}: no maximum, strict and aligned
 * cuts, fixed and per-element gaps. Every stream ends with the end-of-input watermark ({@code
 * Long.MAX_VALUE}), half of them after going quiet (no watermark for their last elements): the
 * sessions the last watermark reached must have fired before it, and the others — open sessions,
 * held elements — must be flushed by it, each ending at {@code min(last + gap, cut)} as the
 * reference says. With late data and restores, on the fast path under both late rules, against
 * {@link SessionReference.WithLateData}.
 */
class CappedSessionRandomizedTest {

    private static final int STREAMS = 1_000;

    /** Out of order within a watermark bound, through the ordering paths. */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void outOfOrderStreamsMatchTheReference(Path path) throws Exception {
        Random random = new Random(20261121L);
        for (int stream = 0; stream < STREAMS; stream++) {
            runOne(random, stream, path, 1 + random.nextInt(4), 1 + random.nextInt(40));
        }
    }

    /** One key, many elements, the watermark close behind: most elements meet an open session. */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void denseSingleKeyStreamsMatchTheReference(Path path) throws Exception {
        Random random = new Random(7L);
        for (int stream = 0; stream < STREAMS; stream++) {
            runOne(random, stream, path, 1, 40 + random.nextInt(60));
        }
    }

    /** In timestamp order per key, the assigner alone gives the reference sessions. */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ASSIGNER"})
    void inOrderStreamsMatchTheReferenceWithTheAssignerAlone(Path path) throws Exception {
        Random random = new Random(42L);
        for (int stream = 0; stream < STREAMS; stream++) {
            runOne(random, stream, path, 1 + random.nextInt(4), 1 + random.nextInt(40));
        }
    }

    /**
     * The fast path with late data (elements delayed beyond the watermark bound), allowed lateness
     * zero or not, and a restore from a snapshot at a random point: the sessions, late firings and
     * late elements of {@link SessionReference.WithLateData}. Under eKuiper's rule without allowed
     * lateness, also the sessions of the definition over the elements ahead of the watermark.
     */
    @ParameterizedTest
    @EnumSource(LateRule.class)
    void lateDataAndRestoresMatchTheReference(LateRule lateRule) throws Exception {
        Random random = new Random(20261206L);
        int lateSeen = 0;
        for (int stream = 0; stream < STREAMS; stream++) {
            lateSeen += runWithLateData(random, stream, lateRule);
        }
        assertThat(lateSeen).as("late elements over all streams").isGreaterThan(STREAMS / 4);
    }

    /** Runs one stream with late data; returns how many elements were late. */
    private static int runWithLateData(Random random, int stream, LateRule lateRule)
            throws Exception {
        long gap = 1 + random.nextInt(20);
        long maxDuration = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(60);
        MaxDurationRule rule =
                random.nextBoolean() ? MaxDurationRule.STRICT : MaxDurationRule.ALIGNED_CHECKS;
        boolean dynamicGap = random.nextInt(4) == 0;
        int keys = 1 + random.nextInt(3);
        int n = 1 + random.nextInt(60);
        long bound = random.nextInt((int) (3 * gap));
        long allowedLateness = random.nextBoolean() ? 0 : random.nextInt((int) (3 * gap));

        List<Tuple3<String, Long, Long>> elements =
                randomElements(random, n, keys, gap, dynamicGap);
        EventTimeCappedSessionWindows<Tuple3<String, Long, Long>> sessions =
                sessions(gap, dynamicGap, maxDuration, rule);
        ToLongFunction<Tuple3<String, Long, Long>> gapOf = dynamicGap ? e -> e.f2 : e -> gap;
        SessionReference.WithLateData reference =
                new SessionReference.WithLateData(
                        gapOf, maxDuration, rule, allowedLateness, lateRule);
        LateArrivals.Run run =
                LateArrivals.run(
                        random,
                        elements,
                        bound,
                        4 * (int) gap,
                        new SessionPipelineHarness(
                                Path.INCREMENTAL, sessions, allowedLateness, lateRule, null),
                        running -> {
                            Snapshot snapshot = ((SessionPipelineHarness) running).snapshot(1);
                            running.close();
                            return new SessionPipelineHarness(
                                    Path.INCREMENTAL,
                                    sessions,
                                    allowedLateness,
                                    lateRule,
                                    snapshot);
                        },
                        reference);
        String description =
                String.format(
                        "stream %d, %s, gap %d%s, max %d %s, bound %d, allowed lateness %d,"
                                + " restored after arrival %d, elements %s, arrival order %s",
                        stream,
                        lateRule,
                        gap,
                        dynamicGap ? " (dynamic)" : "",
                        maxDuration,
                        rule,
                        bound,
                        allowedLateness,
                        run.restoredAfter(),
                        elements,
                        run.arrivalOrder());
        List<WindowResult> results = run.outcome().results();
        assertThat(results)
                .as("%s: sessions", description)
                .containsExactlyInAnyOrderElementsOf(reference.results());
        assertThat(run.outcome().late())
                .as("%s: late elements", description)
                .containsExactlyInAnyOrderElementsOf(reference.late());
        // An element just ahead of the watermark may lie exactly at the end of a session that
        // fired at end - 1, and then open one of its own (the gap rule is Flink's, see the module
        // README): the definition's sessions are compared only without one.
        if (lateRule == LateRule.ELEMENT_TIMESTAMP
                && allowedLateness == 0
                && !run.justAheadOfTheWatermark()) {
            assertThat(results)
                    .as("%s: the sessions of the elements ahead of the watermark", description)
                    .containsExactlyInAnyOrderElementsOf(
                            SessionReference.sessions(
                                    run.aheadOfTheWatermark(), gapOf, maxDuration, rule));
        }
        return run.outcome().late().size();
    }

    /**
     * {@code n} elements in timestamp order, up to {@code keys} keys; with dynamic gaps the value
     * is the element's gap.
     */
    private static List<Tuple3<String, Long, Long>> randomElements(
            Random random, int n, int keys, long gap, boolean dynamicGap) {
        List<Tuple3<String, Long, Long>> elements = new ArrayList<>();
        long t = random.nextInt(100) - 50;
        for (int i = 0; i < n; i++) {
            t += nextStep(random, gap);
            long value = dynamicGap ? 1 + random.nextInt((int) (2 * gap)) : random.nextInt(1000);
            elements.add(Tuple3.of("k" + random.nextInt(keys), t, value));
        }
        return elements;
    }

    /** The sessions under test: a fixed gap or the value's, capped if {@code maxDuration > 0}. */
    private static EventTimeCappedSessionWindows<Tuple3<String, Long, Long>> sessions(
            long gap, boolean dynamicGap, long maxDuration, MaxDurationRule rule) {
        EventTimeCappedSessionWindows<Tuple3<String, Long, Long>> sessions =
                dynamicGap
                        ? EventTimeCappedSessionWindows.withDynamicGap(
                                new SessionTestFunctions.GapFromValue())
                        : EventTimeCappedSessionWindows.withDynamicGap(e -> gap);
        return maxDuration > 0
                ? sessions.withMaxDuration(Duration.ofMillis(maxDuration), rule)
                : sessions;
    }

    /** Steps between timestamps, biased to equal timestamps and to just below, at and above gap. */
    private static long nextStep(Random random, long gap) {
        switch (random.nextInt(8)) {
            case 0:
                return 0;
            case 1:
                return gap - 1;
            case 2:
                return gap;
            case 3:
                return gap + 1;
            default:
                return random.nextInt((int) (random.nextBoolean() ? gap : 3 * gap));
        }
    }

    private static void runOne(Random random, int stream, Path path, int keys, int n)
            throws Exception {
        long gap = 1 + random.nextInt(20);
        long maxDuration = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(60);
        MaxDurationRule rule =
                random.nextBoolean() ? MaxDurationRule.STRICT : MaxDurationRule.ALIGNED_CHECKS;
        boolean dynamicGap = random.nextInt(4) == 0;

        List<Tuple3<String, Long, Long>> elements =
                randomElements(random, n, keys, gap, dynamicGap);
        boolean outOfOrder = path != Path.ASSIGNER;
        long bound = outOfOrder ? random.nextInt((int) (3 * gap)) : 0;
        List<long[]> arrival = new ArrayList<>(); // {arrival time, element index}
        for (int i = 0; i < n; i++) {
            long jitter = bound == 0 ? 0 : random.nextInt((int) bound + 1);
            arrival.add(new long[] {elements.get(i).f1 + jitter, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));

        EventTimeCappedSessionWindows<Tuple3<String, Long, Long>> sessions =
                sessions(gap, dynamicGap, maxDuration, rule);
        ToLongFunction<Tuple3<String, Long, Long>> gapOf = dynamicGap ? e -> e.f2 : e -> gap;
        List<WindowResult> expected = SessionReference.sessions(elements, gapOf, maxDuration, rule);

        // Half of the streams go quiet before their end: no watermark after a random arrival, so
        // that sessions are open and elements held when the input ends.
        int watermarksUntil = random.nextBoolean() ? n : random.nextInt(n + 1);
        try (SessionPipelineHarness h = new SessionPipelineHarness(path, sessions, 0)) {
            long maxSeen = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long[] a = arrival.get(i);
                Tuple3<String, Long, Long> e = elements.get((int) a[1]);
                h.element(e.f0, e.f1, e.f2);
                maxSeen = Math.max(maxSeen, e.f1);
                // Every element still to come is at least maxSeen - bound. The watermark stays
                // one below what Flink's bounded out-of-orderness would allow, so that an element
                // exactly one gap after its session's last element always arrives before the
                // session fires at end - 1 (see the module README: the gap rule is Flink's).
                long allowed = maxSeen - bound - 2;
                if (i < watermarksUntil && random.nextInt(3) == 0 && allowed > watermark) {
                    watermark = allowed;
                    h.watermark(watermark);
                }
            }
            List<WindowResult> firedBeforeTheEnd = new ArrayList<>(h.results());
            h.watermark(Long.MAX_VALUE);
            List<WindowResult> flushedAtTheEnd =
                    h.results().subList(firedBeforeTheEnd.size(), h.results().size());

            String description =
                    String.format(
                            "stream %d: gap %d%s, max %d %s, bound %d, last watermark %d,"
                                    + " elements %s",
                            stream,
                            gap,
                            dynamicGap ? " (dynamic)" : "",
                            maxDuration,
                            rule,
                            bound,
                            watermark,
                            elements);
            assertThat(h.late()).as("%s: no element is late", description).isEmpty();
            // A session fires when the watermark reaches end - 1: the reference sessions that
            // the last watermark reached fired before the end, the others when the input ended.
            long lastWatermark = watermark;
            assertThat(firedBeforeTheEnd)
                    .as("%s: fired before the end", description)
                    .containsExactlyInAnyOrderElementsOf(
                            expected.stream().filter(w -> w.end - 1 <= lastWatermark).toList());
            assertThat(flushedAtTheEnd)
                    .as("%s: flushed at the end of input", description)
                    .containsExactlyInAnyOrderElementsOf(
                            expected.stream().filter(w -> w.end - 1 > lastWatermark).toList());
        }
    }
}
