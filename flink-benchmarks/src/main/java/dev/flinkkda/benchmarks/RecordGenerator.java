package dev.flinkkda.benchmarks;

/**
 * The one definition of the benchmark input, shared by the Flink jobs and the plain-Java bound.
 *
 * <p>Record {@code i} (counting from 0) has key {@code i % NUM_KEYS}, value {@code i} and event
 * timestamp {@code i * STEP_MS}. Keys come round-robin, so each key sees one record every {@code
 * NUM_KEYS * STEP_MS} = 1 s of event time, i.e. 60 records per 1-minute window, and a run of {@code
 * n} records gives each key {@code n / NUM_KEYS / 60} consecutive 1-minute windows. Timestamps are
 * strictly increasing.
 */
public final class RecordGenerator {

    /** Number of distinct keys, as in apache/flink-benchmarks' window benchmarks. */
    public static final int NUM_KEYS = 1_000;

    /** Event time between two consecutive records, in milliseconds. */
    public static final long STEP_MS = 1;

    /**
     * The Flink source emits a watermark {@code t - 1} at the first record whose timestamp {@code
     * t} reaches this much event time after the previous watermark (see {@link
     * WindowPipelines#source}).
     */
    public static final long WATERMARK_INTERVAL_MS = 1_000;

    private RecordGenerator() {}

    public static int key(long i) {
        return (int) (i % NUM_KEYS);
    }

    public static long value(long i) {
        return i;
    }

    public static long timestamp(long i) {
        return i * STEP_MS;
    }
}
