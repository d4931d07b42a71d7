package dev.flinkkda.benchmarks;

/**
 * The benchmark element: an {@code int} key and a {@code long} value. A Flink POJO (public class,
 * public no-argument constructor, public non-final fields), so Flink serializes it with its POJO
 * serializer, never with Kryo.
 */
public class IntLongRecord {

    /** The key, in {@code [0, RecordGenerator.NUM_KEYS)}. */
    public int key;

    /** The value that the window aggregate sums. */
    public long value;

    /** For Flink's POJO serializer. */
    public IntLongRecord() {}

    public IntLongRecord(int key, long value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() {
        return "(" + key + ", " + value + ")";
    }
}
