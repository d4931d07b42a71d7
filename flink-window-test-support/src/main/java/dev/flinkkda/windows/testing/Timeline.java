package dev.flinkkda.windows.testing;

/**
 * Hand-worked timelines of one key fed to a {@link WindowPipeline}, each element valued its
 * timestamp, ending with the end of input (the watermark {@code Long.MAX_VALUE}).
 *
 * <pre>
 *   feed(h, "k", 0, 10, -15, 12)   elements 0, 10, watermark 15, element 12, end of input
 *   withBoundedOutOfOrderness(h, "k", 5, 20, 10)
 *                                  element 20, watermark 14, element 10, watermark 14, end
 * </pre>
 */
public final class Timeline {

    private Timeline() {}

    /**
     * Elements of {@code key} valued their timestamp; a negative number {@code -w} is the watermark
     * {@code w}; then the end of input.
     */
    public static void feed(WindowPipeline pipeline, String key, long... input) throws Exception {
        for (long x : input) {
            if (x < 0) {
                pipeline.watermark(-x);
            } else {
                pipeline.element(key, x, x);
            }
        }
        pipeline.watermark(Long.MAX_VALUE);
    }

    /**
     * Each element of {@code key}, valued its timestamp, followed by the watermark of Flink's
     * bounded out-of-orderness, {@code max - bound - 1}; then the end of input.
     */
    public static void withBoundedOutOfOrderness(
            WindowPipeline pipeline, String key, long bound, long... arrivals) throws Exception {
        long max = Long.MIN_VALUE;
        for (long t : arrivals) {
            pipeline.element(key, t, t);
            max = Math.max(max, t);
            pipeline.watermark(max - bound - 1);
        }
        pipeline.watermark(Long.MAX_VALUE);
    }
}
