package dev.flinkkda.windows.testing;

import org.apache.flink.api.java.tuple.Tuple3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random streams with late data for the randomized tests of the fast paths: the elements arrive out
 * of order, most within a watermark bound and one in five beyond it, and go to the pipeline under
 * test and to a brute-force reference side by side, with the watermark of Flink's bounded
 * out-of-orderness ({@code max - bound - 1}) after a third of the arrivals; the pipeline under test
 * is restored from a snapshot once, after a random arrival. The end of input ends both.
 *
 * <pre>
 *   timestamps  10  12  20  31  33        bound 2
 *   arrival     10  12  31  20  33        (20 delayed beyond the bound: late at watermark 28)
 *   under test  ──────────── snapshot, restore ──────────▶ outcome (results, late), summed
 *   reference   ─────────────────────────────────────────▶ its results and late elements
 * </pre>
 */
public final class LateArrivals {

    private LateArrivals() {}

    /** Snapshots the running pipeline, closes it, and returns a new one restored from it. */
    @FunctionalInterface
    public interface Restore {
        WindowPipeline restore(WindowPipeline running) throws Exception;
    }

    /**
     * What a run gave: the pipeline's outcome over the restore, the elements that arrived ahead of
     * the watermark, whether one arrived exactly one millisecond ahead of it, and the arrival order
     * (element indices) and restore point for the failure message.
     */
    public record Run(
            PipelineOutcome outcome,
            List<Tuple3<String, Long, Long>> aheadOfTheWatermark,
            boolean justAheadOfTheWatermark,
            List<Integer> arrivalOrder,
            int restoredAfter) {}

    /**
     * Feeds {@code elements} (in timestamp order), in a random arrival order, to {@code underTest}
     * and {@code reference}.
     *
     * @param bound the watermark's out-of-orderness bound
     * @param beyondBound how much later than the bound a delayed element may arrive, at most
     */
    public static Run run(
            Random random,
            List<Tuple3<String, Long, Long>> elements,
            long bound,
            int beyondBound,
            WindowPipeline underTest,
            Restore restore,
            WindowPipeline reference)
            throws Exception {
        int n = elements.size();
        List<long[]> arrival = new ArrayList<>(); // {arrival time, element index}
        for (int i = 0; i < n; i++) {
            long delay =
                    random.nextInt(5) == 0
                            ? bound + 1 + random.nextInt(beyondBound)
                            : random.nextInt((int) bound + 1);
            arrival.add(new long[] {elements.get(i).f1 + delay, i});
        }
        arrival.sort(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong(a -> a[1]));
        int restoreAfter = random.nextInt(n + 1);

        PipelineOutcome beforeRestore = new PipelineOutcome(List.of(), List.of());
        List<Tuple3<String, Long, Long>> aheadOfTheWatermark = new ArrayList<>();
        boolean justAhead = false;
        WindowPipeline pipeline = underTest;
        try {
            long maxSeen = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                Tuple3<String, Long, Long> e = elements.get((int) arrival.get(i)[1]);
                pipeline.element(e.f0, e.f1, e.f2);
                reference.element(e.f0, e.f1, e.f2);
                if (e.f1 > watermark) {
                    aheadOfTheWatermark.add(e);
                }
                justAhead |= e.f1 == watermark + 1;
                maxSeen = Math.max(maxSeen, e.f1);
                if (random.nextInt(3) == 0 && maxSeen - bound - 1 > watermark) {
                    watermark = maxSeen - bound - 1;
                    pipeline.watermark(watermark);
                    reference.watermark(watermark);
                }
                if (i == restoreAfter) {
                    beforeRestore = new PipelineOutcome(pipeline.results(), pipeline.late());
                    pipeline = restore.restore(pipeline);
                }
            }
            pipeline.watermark(Long.MAX_VALUE);
            reference.watermark(Long.MAX_VALUE);
            PipelineOutcome outcome =
                    beforeRestore.plus(new PipelineOutcome(pipeline.results(), pipeline.late()));
            return new Run(
                    outcome,
                    aheadOfTheWatermark,
                    justAhead,
                    arrival.stream().map(a -> (int) a[1]).toList(),
                    restoreAfter);
        } finally {
            pipeline.close();
        }
    }
}
