package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.stagger.StaggerPipelineHarness.Path;
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

/** Random streams against the brute-force {@link StaggerReference}. */
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

    private static void runOne(
            Random random, int stream, Path path, long size, int keys, int n, int watermarkEvery)
            throws Exception {
        boolean outOfOrder = path != Path.ASSIGNER;
        long bound = outOfOrder ? random.nextInt(3 * (int) size) : 0;
        List<Tuple3<String, Long, Long>> elements = new ArrayList<>();
        long t = random.nextInt(100);
        for (int i = 0; i < n; i++) {
            t += nextGap(random, size);
            elements.add(Tuple3.of("k" + random.nextInt(keys), t, (long) random.nextInt(1000)));
        }
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
