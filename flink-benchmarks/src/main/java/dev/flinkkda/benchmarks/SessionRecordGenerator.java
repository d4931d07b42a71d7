package dev.flinkkda.benchmarks;

/**
 * The input of {@link SessionWindowBenchmark}, shared by its Flink jobs and its plain-Java bound:
 * per key, bursts of records 1 s apart separated by pauses of 20 s and more, with keys out of step
 * with each other.
 *
 * <p>Every key follows the same 200-second cycle, shifted by its phase {@code key % 200} (5 keys
 * per phase): one record per second during a 40-second burst (positions 0–39 of the cycle), a
 * 20-second pause, a 100-second burst (positions 60–159) and a 40-second pause. With a session gap
 * of 10 s and a maximum duration of 60 s, each cycle of a key makes
 *
 * <pre>
 *   position      0 ─── 39   (pause)  60 ──────────── 119 120 ───── 159   (pause)
 *   no maximum    [ 40 records ]      [          100 records             ]         2 sessions
 *   max 60 s      [ 40 records ]      [ 60 records, cut ][ 40 records    ]         3 sessions
 * </pre>
 *
 * so every other burst runs past the maximum duration and is cut. At any second exactly 140 of the
 * 200 phases are in a burst, so every second of event time carries 700 records: record {@code i}
 * lies in second {@code s = i / 700}, at timestamp {@code s * 1000 + i % 700} ms (strictly
 * increasing); its key is the {@code (i % 5)}-th key of the {@code ((i % 700) / 5)}-th phase in a
 * burst at {@code s}. A key's records within a burst are 1,005 ms apart. Value: {@code i}.
 */
public final class SessionRecordGenerator {

    /** Number of distinct keys, as in {@link RecordGenerator}. */
    public static final int NUM_KEYS = RecordGenerator.NUM_KEYS;

    /** Length of a key's cycle of bursts and pauses, in seconds (one record per second). */
    public static final int CYCLE_SECONDS = 200;

    /** Keys per phase of the cycle. */
    static final int KEYS_PER_PHASE = NUM_KEYS / CYCLE_SECONDS;

    /** The short burst: cycle positions {@code [0, 40)}. */
    static final int SHORT_BURST_SECONDS = 40;

    /** The long burst starts at this position of the cycle… */
    static final int LONG_BURST_START = 60;

    /** …and lasts this many seconds: cycle positions {@code [60, 160)}. */
    static final int LONG_BURST_SECONDS = 100;

    /** Seconds of a cycle in which a key has a record. */
    public static final int ACTIVE_SECONDS_PER_CYCLE = SHORT_BURST_SECONDS + LONG_BURST_SECONDS;

    /** Records per second of event time: the keys of the 140 phases in a burst. */
    public static final int RECORDS_PER_SECOND = ACTIVE_SECONDS_PER_CYCLE * KEYS_PER_PHASE;

    private SessionRecordGenerator() {}

    public static int key(long i) {
        long second = i / RECORDS_PER_SECOND;
        int slot = (int) (i % RECORDS_PER_SECOND);
        int active = slot / KEYS_PER_PHASE; // which of the 140 burst positions
        int position =
                active < SHORT_BURST_SECONDS
                        ? active
                        : LONG_BURST_START + active - SHORT_BURST_SECONDS;
        // The phase p whose key is at this position of its cycle now: (second + p) % 200.
        int phase = (int) Math.floorMod(position - second, (long) CYCLE_SECONDS);
        return phase + CYCLE_SECONDS * (slot % KEYS_PER_PHASE);
    }

    public static long value(long i) {
        return i;
    }

    public static long timestamp(long i) {
        return (i / RECORDS_PER_SECOND) * 1_000 + i % RECORDS_PER_SECOND;
    }
}
