package dev.flinkkda.windows.hopping;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.hopping.HoppingPipelineHarness.Path;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random streams: sizes and hops from 1 ms to 1.5 s (overlapping, tumbling, with gaps), every
 * alignment, up to 4 keys, out of order within a watermark bound.
 *
 * <ul>
 *   <li>Against the brute-force {@link HoppingReference}, on both paths, a third of them restored
 *       from a snapshot taken at a random point.
 *   <li>With late elements and allowed lateness, the fast path against Flink's window operator with
 *       the same assigner, step by step: what each element and watermark emits, and what goes to
 *       the late side output.
 *   <li>With late elements, the fast path restored from a snapshot at a random point against the
 *       same input without the restore: the same output, step by step.
 *   <li>With late elements, allowed lateness, either late rule and every alignment, windows aligned
 *       to each key's first element included, the fast path (half of the streams restored at a
 *       random point) against the brute-force {@link HoppingReference#withLateData}: each window's
 *       last firing, the late elements in order, the elements in gaps.
 * </ul>
 */
class HoppingRandomizedTest {

    /**
     * Streams per test: {@link #BATCHES} operators with {@link #STREAMS_PER_BATCH} streams each.
     */
    private static final int STREAMS = 1_000;

    private static final int STREAMS_PER_BATCH = 5;

    /**
     * The streams of a batch share one window specification and one operator (creating an operator
     * test harness costs more than running a stream through it): each stream has its own keys and
     * comes well after the previous one, shifted by a multiple of the hop.
     */
    private static final int BATCHES = STREAMS / STREAMS_PER_BATCH;

    /** A random hopping window specification, with its parameters for the reference. */
    private record Spec(
            long size, long hop, HoppingAlignment alignment, long start, long timeScale) {

        static Spec random(Random random) {
            long size;
            long hop;
            long timeScale;
            switch (random.nextInt(4)) {
                case 0: // small, often coprime
                    size = 1 + random.nextInt(12);
                    hop = 1 + random.nextInt(12);
                    timeScale = Math.max(size, hop);
                    break;
                case 1: // hop divides size
                    hop = 1 + random.nextInt(8);
                    size = hop * (1 + random.nextInt(6));
                    timeScale = size;
                    break;
                case 2: // gaps
                    size = 1 + random.nextInt(10);
                    hop = size + 1 + random.nextInt(15);
                    timeScale = hop;
                    break;
                default: // sub-second, in steps of 50 ms: 0.3 s every 0.2 s, 0.2 s every 0.7 s, …
                    size = 50L * (1 + random.nextInt(30));
                    hop = 50L * (1 + random.nextInt(20));
                    timeScale = Math.max(size, hop);
            }
            HoppingAlignment alignment = HoppingAlignment.values()[random.nextInt(3)];
            long start = random.nextInt((int) (4 * timeScale)) - 2 * timeScale;
            return new Spec(size, hop, alignment, start, timeScale);
        }

        EventTimeHoppingWindows windows() {
            EventTimeHoppingWindows windows =
                    EventTimeHoppingWindows.of(Duration.ofMillis(size), Duration.ofMillis(hop));
            switch (alignment) {
                case EPOCH_STARTS:
                    return windows;
                case EPOCH_ENDS:
                    return windows.alignedToEnds();
                case FIRST_ELEMENT:
                    return windows.alignedToFirstElement();
                default:
                    return windows.startingAt(Instant.ofEpochMilli(start));
            }
        }

        boolean inSomeWindow(long t) {
            return HoppingReference.inSomeWindow(t, size, hop, alignment, start);
        }

        List<WindowResult> reference(List<Tuple3<String, Long, Long>> elements) {
            return HoppingReference.windows(elements, size, hop, alignment, start);
        }
    }

    /** A stream's elements in arrival order, with the watermark to send after each of them. */
    private record Arrivals(List<Tuple3<String, Long, Long>> elements, List<Long> watermarks) {}

    /**
     * {@link #STREAMS_PER_BATCH} streams one after the other (see {@link #arrivals(Random, Spec,
     * int, int, long, String, long)}), each with its own keys, each shifted past the previous one's
     * elements and watermarks by a multiple of the hop.
     */
    private static Arrivals batch(Random random, Spec spec, int maxKeys, int maxN, long lateness) {
        List<Tuple3<String, Long, Long>> elements = new ArrayList<>();
        List<Long> watermarks = new ArrayList<>();
        long offset = 0;
        for (int stream = 0; stream < STREAMS_PER_BATCH; stream++) {
            Arrivals one =
                    arrivals(
                            random,
                            spec,
                            1 + random.nextInt(maxKeys),
                            1 + random.nextInt(maxN),
                            lateness,
                            "s" + stream,
                            offset);
            elements.addAll(one.elements());
            // above the previous streams' watermarks (MIN_VALUE: none sent yet)
            watermarks.addAll(one.watermarks());
            long max = Long.MIN_VALUE;
            for (Tuple3<String, Long, Long> e : one.elements()) {
                max = Math.max(max, e.f1);
            }
            long next = max + lateness + 10 * spec.timeScale();
            offset = next + Math.floorMod(-next, spec.hop()); // a multiple of the hop
        }
        return new Arrivals(elements, watermarks);
    }

    /**
     * Elements with timestamps from about {@code offset - timeScale} up, random steps, arriving out
     * of order: each element arrives at its timestamp plus a jitter of up to a random bound. The
     * watermark after an element is, now and then, the highest the elements still to come allow
     * ({@code lateness == 0}), or that plus up to {@code lateness} (some elements come late).
     */
    private static Arrivals arrivals(
            Random random,
            Spec spec,
            int keys,
            int n,
            long lateness,
            String keyPrefix,
            long offset) {
        List<Tuple3<String, Long, Long>> elements = new ArrayList<>();
        long t = offset + random.nextInt((int) (2 * spec.timeScale())) - spec.timeScale();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0:
                    break; // same timestamp
                case 1:
                    t += spec.hop();
                    break;
                case 2:
                    t += spec.size();
                    break;
                default:
                    t += random.nextInt((int) spec.timeScale());
            }
            elements.add(
                    Tuple3.of(
                            keyPrefix + "k" + random.nextInt(keys),
                            t,
                            (long) random.nextInt(1000)));
        }
        long bound = random.nextInt((int) (2 * spec.timeScale()));
        List<long[]> arrival = new ArrayList<>(); // {arrival time, element index}
        for (int i = 0; i < n; i++) {
            long jitter = bound == 0 ? 0 : random.nextInt((int) bound + 1);
            arrival.add(new long[] {elements.get(i).f1 + jitter, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        List<Tuple3<String, Long, Long>> ordered = new ArrayList<>();
        List<Long> watermarks = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (long[] a : arrival) {
            Tuple3<String, Long, Long> e = elements.get((int) a[1]);
            ordered.add(e);
            maxSeen = Math.max(maxSeen, e.f1);
            // every element still to come is at least maxSeen - bound
            long allowed =
                    maxSeen - bound - 1 + (lateness == 0 ? 0 : random.nextInt((int) lateness));
            if (random.nextInt(3) == 0 && allowed > watermark) {
                watermark = allowed;
            }
            watermarks.add(watermark);
        }
        return new Arrivals(ordered, watermarks);
    }

    /** Out of order within the bound: the reference windows, on both paths. */
    @ParameterizedTest
    @EnumSource(Path.class)
    void outOfOrderStreamsMatchTheReference(Path path) throws Exception {
        Random random = new Random(20261122L + path.ordinal());
        for (int stream = 0; stream < BATCHES; stream++) {
            Spec spec = Spec.random(random);
            Arrivals arrivals = batch(random, spec, 4, 40, 0);
            int restoreAt =
                    random.nextInt(3) == 0 ? random.nextInt(arrivals.elements().size()) : -1;
            Run run =
                    run(
                            arrivals,
                            restoreAt,
                            snapshot ->
                                    new HoppingPipelineHarness(
                                            path, spec.windows(), 0, true, snapshot));
            List<WindowResult> results = run.results();
            long gaps = run.inGaps();
            assertThat(run.late()).as("batch %d: no element is late", stream).isEmpty();
            assertThat(results)
                    .as("batch %d: %s, elements %s", stream, spec, arrivals.elements())
                    .containsExactlyInAnyOrderElementsOf(spec.reference(arrivals.elements()));
            long inGaps =
                    arrivals.elements().stream().filter(e -> !spec.inSomeWindow(e.f1)).count();
            assertThat(gaps).isEqualTo(path == Path.INCREMENTAL ? inGaps : 0);
        }
    }

    /**
     * Late elements, allowed lateness from 0 to twice the window: after every element and every
     * watermark the fast path emits the same windows as Flink's window operator, and sends the same
     * elements to the late side output — except elements in no window, which the fast path counts
     * as in gaps and Flink's operator sends aside when they are late.
     */
    @Test
    void lateElementsAsFlinksWindowOperator() throws Exception {
        Random random = new Random(99L);
        long lateFirings = 0; // windows fired again, or at last, by a late element
        long sentAside = 0;
        long joinedOnlyOpenWindows = 0; // behind the watermark, neither aside nor a late firing
        for (int stream = 0; stream < BATCHES; stream++) {
            Spec spec = Spec.random(random);
            long lateness =
                    random.nextInt(3) == 0 ? 0 : random.nextInt((int) (2 * spec.size()) + 1);
            Arrivals arrivals = batch(random, spec, 3, 40, 1 + 3 * spec.timeScale());
            try (HoppingPipelineHarness flink =
                            new HoppingPipelineHarness(Path.ASSIGNER, spec.windows(), lateness);
                    HoppingPipelineHarness fast =
                            new HoppingPipelineHarness(
                                    Path.INCREMENTAL, spec.windows(), lateness)) {
                for (int i = 0; i <= arrivals.elements().size(); i++) {
                    String step;
                    if (i < arrivals.elements().size()) {
                        Tuple3<String, Long, Long> e = arrivals.elements().get(i);
                        boolean behind = e.f1 <= flink.watermarkSent();
                        flink.element(e.f0, e.f1, e.f2);
                        fast.element(e.f0, e.f1, e.f2);
                        lateFirings += flink.results().size();
                        sentAside += flink.late().size();
                        if (behind
                                && flink.results().isEmpty()
                                && flink.late().isEmpty()
                                && spec.inSomeWindow(e.f1)) {
                            joinedOnlyOpenWindows++;
                        }
                        assertSameStep(flink, fast, spec, stream, "element " + e);
                        step = "watermark " + arrivals.watermarks().get(i);
                        if (arrivals.watermarks().get(i) == Long.MIN_VALUE) {
                            continue;
                        }
                        flink.watermark(arrivals.watermarks().get(i));
                        fast.watermark(arrivals.watermarks().get(i));
                    } else {
                        step = "end of input";
                        flink.watermark(Long.MAX_VALUE);
                        fast.watermark(Long.MAX_VALUE);
                    }
                    assertSameStep(flink, fast, spec, stream, step);
                }
                long inGaps =
                        arrivals.elements().stream().filter(e -> !spec.inSomeWindow(e.f1)).count();
                assertThat(fast.elementsInGaps()).isEqualTo(inGaps);
            }
        }
        // the streams do exercise each rule (4,386, 3,997 and 1,358 with this seed)
        assertThat(lateFirings).isGreaterThan(1_000);
        assertThat(sentAside).isGreaterThan(1_000);
        assertThat(joinedOnlyOpenWindows).isGreaterThan(500);
    }

    private static void assertSameStep(
            HoppingPipelineHarness flink,
            HoppingPipelineHarness fast,
            Spec spec,
            int stream,
            String step) {
        assertThat(fast.results())
                .as("batch %d: %s, lateness, at %s", stream, spec, step)
                .containsExactlyInAnyOrderElementsOf(flink.results());
        List<Tuple3<String, Long, Long>> lateInWindows = new ArrayList<>();
        for (Tuple3<String, Long, Long> e : flink.late()) {
            if (spec.inSomeWindow(e.f1)) {
                lateInWindows.add(e);
            }
        }
        assertThat(fast.late())
                .as("batch %d: %s, late output at %s", stream, spec, step)
                .containsExactlyElementsOf(lateInWindows);
        flink.results().clear();
        fast.results().clear();
        flink.late().clear();
        fast.late().clear();
    }

    /**
     * Late elements, a snapshot at a random point restored into a new operator (whose watermark
     * starts again from {@code Long.MIN_VALUE}): the same output, step by step, as without the
     * restore.
     */
    @Test
    void restoredFastPathBehavesAsIfItHadNotFailed() throws Exception {
        Random random = new Random(4242L);
        for (int stream = 0; stream < BATCHES; stream++) {
            Spec spec = Spec.random(random);
            long lateness =
                    random.nextInt(2) == 0 ? 0 : random.nextInt((int) (2 * spec.size()) + 1);
            Arrivals arrivals = batch(random, spec, 3, 40, 1 + 3 * spec.timeScale());
            int restoreAt = random.nextInt(arrivals.elements().size());
            HoppingPipelineHarness restored =
                    new HoppingPipelineHarness(Path.INCREMENTAL, spec.windows(), lateness);
            try (HoppingPipelineHarness straight =
                    new HoppingPipelineHarness(Path.INCREMENTAL, spec.windows(), lateness)) {
                for (int i = 0; i <= arrivals.elements().size(); i++) {
                    String step;
                    if (i < arrivals.elements().size()) {
                        Tuple3<String, Long, Long> e = arrivals.elements().get(i);
                        straight.element(e.f0, e.f1, e.f2);
                        restored.element(e.f0, e.f1, e.f2);
                        assertSameOutput(straight, restored, spec, stream, "element " + e);
                        long watermark = arrivals.watermarks().get(i);
                        step = "watermark " + watermark;
                        if (watermark != Long.MIN_VALUE) {
                            straight.watermark(watermark);
                            restored.watermark(watermark);
                        }
                    } else {
                        step = "end of input";
                        straight.watermark(Long.MAX_VALUE);
                        restored.watermark(Long.MAX_VALUE);
                    }
                    assertSameOutput(straight, restored, spec, stream, step);
                    if (i == restoreAt) {
                        OperatorSubtaskState snapshot = restored.snapshot(1);
                        restored.close();
                        restored =
                                new HoppingPipelineHarness(
                                        Path.INCREMENTAL, spec.windows(), lateness, true, snapshot);
                    }
                }
            } finally {
                restored.close();
            }
        }
    }

    private static void assertSameOutput(
            HoppingPipelineHarness straight,
            HoppingPipelineHarness restored,
            Spec spec,
            int stream,
            String step) {
        assertThat(restored.results())
                .as("batch %d: %s, at %s", stream, spec, step)
                .containsExactlyInAnyOrderElementsOf(straight.results());
        assertThat(restored.late())
                .as("batch %d: %s, late output at %s", stream, spec, step)
                .containsExactlyElementsOf(straight.late());
        straight.results().clear();
        restored.results().clear();
        straight.late().clear();
        restored.late().clear();
    }

    /**
     * Late elements, allowed lateness from 0 to twice the window, either late rule, every alignment
     * (half the streams aligned to each key's first element), half the streams restored from a
     * snapshot at a random point: the fast path against the brute-force {@link
     * HoppingReference#withLateData}.
     */
    @Test
    void lateRulesAndFirstElementAlignmentMatchTheReference() throws Exception {
        lateRulesAndFirstElementAlignment(new Random(16L), BATCHES, null, 500, 100);
    }

    /**
     * The same on RocksDB (fewer streams: a RocksDB harness is slow to open), whose state values
     * are copies: the fast path must write its one value per key back whenever it changed it.
     */
    @Test
    void lateRulesAndFirstElementAlignmentOnRocksDb() throws Exception {
        lateRulesAndFirstElementAlignment(
                new Random(17L), BATCHES / 10, new EmbeddedRocksDBStateBackend(), 40, 5);
    }

    private static void lateRulesAndFirstElementAlignment(
            Random random,
            int batches,
            StateBackend stateBackend,
            long minLatePerRule,
            long minFirstElementGaps)
            throws Exception {
        long[] lateByRule = new long[LateRule.values().length];
        long firstElementLateOrInGaps = 0; // a key's elements before its first: in no window
        for (int stream = 0; stream < batches; stream++) {
            Spec spec = Spec.random(random);
            if (random.nextBoolean()) {
                spec =
                        new Spec(
                                spec.size(),
                                spec.hop(),
                                HoppingAlignment.FIRST_ELEMENT,
                                0,
                                spec.timeScale());
            }
            LateRule rule = LateRule.values()[random.nextInt(2)];
            long lateness =
                    random.nextInt(3) == 0 ? 0 : random.nextInt((int) (2 * spec.size()) + 1);
            Arrivals arrivals = batch(random, spec, 3, 40, 1 + 3 * spec.timeScale());
            int restoreAt = random.nextBoolean() ? random.nextInt(arrivals.elements().size()) : -1;
            EventTimeHoppingWindows windows = spec.windows();
            Run run =
                    run(
                            arrivals,
                            restoreAt,
                            snapshot ->
                                    new HoppingPipelineHarness(
                                            windows, lateness, rule, snapshot, stateBackend));
            List<WindowResult> results = run.results();
            List<Tuple3<String, Long, Long>> late = run.late();
            long gaps = run.inGaps();
            HoppingReference.Outcome expected =
                    HoppingReference.withLateData(
                            arrivals.elements(),
                            arrivals.watermarks(),
                            spec.size(),
                            spec.hop(),
                            spec.alignment(),
                            spec.start(),
                            lateness,
                            rule);
            String as =
                    String.format(
                            "batch %d: %s, %s, lateness %d, restore at %d, arrivals %s, watermarks %s",
                            stream,
                            spec,
                            rule,
                            lateness,
                            restoreAt,
                            arrivals.elements(),
                            arrivals.watermarks());
            assertThat(lastFirings(results))
                    .as(as)
                    .containsExactlyInAnyOrderElementsOf(expected.windows());
            assertThat(late).as(as).containsExactlyElementsOf(expected.late());
            assertThat(gaps).as(as).isEqualTo(expected.inGaps());
            lateByRule[rule.ordinal()] += late.size();
            if (spec.alignment() == HoppingAlignment.FIRST_ELEMENT) {
                firstElementLateOrInGaps += gaps;
            }
        }
        // both rules and the alignment are exercised
        assertThat(lateByRule[LateRule.WINDOW_END.ordinal()]).isGreaterThan(minLatePerRule);
        assertThat(lateByRule[LateRule.ELEMENT_TIMESTAMP.ordinal()]).isGreaterThan(minLatePerRule);
        assertThat(firstElementLateOrInGaps).isGreaterThan(minFirstElementGaps);
    }

    /** The last firing of each window, in the order windows first fired. */
    private static List<WindowResult> lastFirings(List<WindowResult> results) {
        Map<List<Object>, WindowResult> last = new LinkedHashMap<>();
        for (WindowResult r : results) {
            last.put(List.of(r.key, r.start, r.end), r);
        }
        return new ArrayList<>(last.values());
    }

    /** What a run gave, across its restore: results, late elements, elements in gaps. */
    private record Run(
            List<WindowResult> results, List<Tuple3<String, Long, Long>> late, long inGaps) {}

    /** Opens a harness, from a snapshot or (null) fresh. */
    @FunctionalInterface
    private interface HarnessFrom {
        HoppingPipelineHarness open(OperatorSubtaskState snapshot) throws Exception;
    }

    /**
     * Feeds the arrivals with their watermarks, then the final watermark; after element {@code
     * restoreAt} (-1: never) the harness is snapshot and replaced by one restored from it.
     */
    private static Run run(Arrivals arrivals, int restoreAt, HarnessFrom harness) throws Exception {
        List<WindowResult> results = new ArrayList<>();
        List<Tuple3<String, Long, Long>> late = new ArrayList<>();
        long gaps = 0;
        HoppingPipelineHarness h = harness.open(null);
        try {
            for (int i = 0; i < arrivals.elements().size(); i++) {
                Tuple3<String, Long, Long> e = arrivals.elements().get(i);
                h.element(e.f0, e.f1, e.f2);
                if (arrivals.watermarks().get(i) != Long.MIN_VALUE) {
                    h.watermark(arrivals.watermarks().get(i));
                }
                if (i == restoreAt) {
                    OperatorSubtaskState snapshot = h.snapshot(1);
                    results.addAll(h.results());
                    late.addAll(h.late());
                    gaps += h.elementsInGaps();
                    h.close();
                    h = harness.open(snapshot);
                }
            }
            h.watermark(Long.MAX_VALUE);
            results.addAll(h.results());
            late.addAll(h.late());
            gaps += h.elementsInGaps();
        } finally {
            h.close();
        }
        return new Run(results, late, gaps);
    }
}
