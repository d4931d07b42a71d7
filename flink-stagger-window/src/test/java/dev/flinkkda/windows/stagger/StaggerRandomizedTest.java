package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.LateRule;
import dev.flinkkda.windows.stagger.StaggerPipelineHarness.Path;
import dev.flinkkda.windows.stagger.StaggerPipelineHarness.Snapshot;
import dev.flinkkda.windows.testing.LateArrivals;
import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.java.tuple.Tuple3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random streams against the brute-force {@link StaggerReference}; with late data and restores
 * under both late rules against {@link StaggerReference.WithLateData}.
 */
class StaggerRandomizedTest {

    private static final int STREAMS = 1_000;

    /**
     * Out-of-order streams within a bounded-out-of-orderness watermark, through the reordering
     * step: the windows equal those of the sorted input.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void outOfOrderStreamsWithinTheBoundMatchTheReference(Path path) throws Exception {
        Random random = new Random(20261121L);
        for (int stream = 0; stream < STREAMS; stream++) {
            runOne(
                    random,
                    stream,
                    path,
                    1 + random.nextInt(50),
                    1 + random.nextInt(4),
                    1 + random.nextInt(40),
                    1 + random.nextInt(4));
        }
    }

    /**
     * One key, many elements, small windows and the watermark as close behind as the bound allows:
     * most elements meet an open window, so this stresses which elements may pass at once.
     */
    @ParameterizedTest
    @EnumSource(
            value = Path.class,
            names = {"ORDERED_WINDOW", "INCREMENTAL"})
    void denseSingleKeyStreamsMatchTheReference(Path path) throws Exception {
        Random random = new Random(7L);
        for (int stream = 0; stream < STREAMS; stream++) {
            runOne(random, stream, path, 2 + random.nextInt(9), 1, 40 + random.nextInt(60), 1);
        }
    }

    /** Streams in timestamp order per key: the assigner alone gives the reference windows. */
    @Test
    void inOrderStreamsMatchTheReferenceWithTheAssignerAlone() throws Exception {
        Random random = new Random(42L);
        for (int stream = 0; stream < STREAMS; stream++) {
            runOne(
                    random,
                    stream,
                    Path.ASSIGNER,
                    1 + random.nextInt(50),
                    1 + random.nextInt(4),
                    1 + random.nextInt(40),
                    1 + random.nextInt(4));
        }
    }

    /**
     * The fast path with late data (elements delayed beyond the watermark bound), allowed lateness
     * zero or not, and a restore from a snapshot at a random point: the windows, late firings and
     * late elements of {@link StaggerReference.WithLateData}. Under eKuiper's rule without allowed
     * lateness, also the windows of the definition over the elements ahead of the watermark.
     */
    @ParameterizedTest
    @EnumSource(LateRule.class)
    void lateDataAndRestoresMatchTheReference(LateRule rule) throws Exception {
        Random random = new Random(20261206L);
        int lateSeen = 0;
        for (int stream = 0; stream < STREAMS; stream++) {
            lateSeen += runWithLateData(random, stream, rule);
        }
        assertThat(lateSeen).as("late elements over all streams").isGreaterThan(STREAMS / 4);
    }

    /** Runs one stream with late data; returns how many elements were late. */
    private static int runWithLateData(Random random, int stream, LateRule rule) throws Exception {
        long size = 1 + random.nextInt(50);
        int keys = 1 + random.nextInt(3);
        int n = 1 + random.nextInt(60);
        long bound = random.nextInt(2 * (int) size + 1);
        long allowedLateness = random.nextBoolean() ? 0 : random.nextInt(2 * (int) size);
        List<Tuple3<String, Long, Long>> elements = randomElements(random, n, size, keys);
        StaggerReference.WithLateData reference =
                new StaggerReference.WithLateData(size, allowedLateness, rule);
        LateArrivals.Run run =
                LateArrivals.run(
                        random,
                        elements,
                        bound,
                        3 * (int) size,
                        new StaggerPipelineHarness(size, allowedLateness, rule, null),
                        running -> {
                            Snapshot snapshot = ((StaggerPipelineHarness) running).snapshot(1);
                            running.close();
                            return new StaggerPipelineHarness(
                                    size, allowedLateness, rule, snapshot);
                        },
                        reference);
        String description =
                String.format(
                        "stream %d, %s, size %d, bound %d, allowed lateness %d, restored after"
                                + " arrival %d, elements %s, arrival order %s",
                        stream,
                        rule,
                        size,
                        bound,
                        allowedLateness,
                        run.restoredAfter(),
                        elements,
                        run.arrivalOrder());
        assertThat(run.outcome().results())
                .as("%s: windows", description)
                .containsExactlyInAnyOrderElementsOf(reference.results());
        assertThat(run.outcome().late())
                .as("%s: late elements", description)
                .containsExactlyInAnyOrderElementsOf(reference.late());
        if (rule == LateRule.ELEMENT_TIMESTAMP && allowedLateness == 0) {
            assertThat(run.outcome().results())
                    .as("%s: the windows of the elements ahead of the watermark", description)
                    .containsExactlyInAnyOrderElementsOf(
                            StaggerReference.windows(run.aheadOfTheWatermark(), size));
        }
        return run.outcome().late().size();
    }

    /**
     * Gaps between consecutive timestamps, biased towards the ones that matter: equal timestamps,
     * and gaps just below, at and just above the window size.
     */
    private static long nextGap(Random random, long size) {
        switch (random.nextInt(8)) {
            case 0:
                return 0;
            case 1:
                return size - 1;
            case 2:
                return size;
            case 3:
                return size + 1;
            case 4:
                return size / 2;
            default:
                return random.nextInt(random.nextBoolean() ? (int) size : 3 * (int) size);
        }
    }

    /** {@code n} elements in timestamp order, up to {@code keys} keys. */
    private static List<Tuple3<String, Long, Long>> randomElements(
            Random random, int n, long size, int keys) {
        List<Tuple3<String, Long, Long>> elements = new ArrayList<>();
        long t = random.nextInt(100);
        for (int i = 0; i < n; i++) {
            t += nextGap(random, size);
            elements.add(Tuple3.of("k" + random.nextInt(keys), t, (long) random.nextInt(1000)));
        }
        return elements;
    }

    private static void runOne(
            Random random, int stream, Path path, long size, int keys, int n, int watermarkEvery)
            throws Exception {
        boolean outOfOrder = path != Path.ASSIGNER;
        long bound = outOfOrder ? random.nextInt(3 * (int) size) : 0;
        List<Tuple3<String, Long, Long>> elements = randomElements(random, n, size, keys);
        // arrival = timestamp + jitter within the bound; the watermark trails the highest
        // timestamp seen by the bound, as WatermarkStrategy.forBoundedOutOfOrderness does
        List<long[]> arrival = new ArrayList<>(); // {arrival time, element index}
        for (int i = 0; i < n; i++) {
            long jitter = bound == 0 ? 0 : random.nextInt((int) bound + 1);
            arrival.add(new long[] {elements.get(i).f1 + jitter, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));

        List<WindowResult> expected = StaggerReference.windows(elements, size);
        try (StaggerPipelineHarness h = new StaggerPipelineHarness(path, size, 0)) {
            long maxSeen = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (long[] a : arrival) {
                Tuple3<String, Long, Long> e = elements.get((int) a[1]);
                h.element(e.f0, e.f1, e.f2);
                maxSeen = Math.max(maxSeen, e.f1);
                if (random.nextInt(watermarkEvery) == 0 && maxSeen - bound - 1 > watermark) {
                    watermark = maxSeen - bound - 1;
                    h.watermark(watermark);
                }
            }
            h.watermark(Long.MAX_VALUE);
            assertThat(h.late()).as("stream %d: no element is late", stream).isEmpty();
            assertThat(h.results())
                    .as("stream %d, size %d, bound %d, elements %s", stream, size, bound, elements)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
