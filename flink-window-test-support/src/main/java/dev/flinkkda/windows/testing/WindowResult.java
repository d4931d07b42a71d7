package dev.flinkkda.windows.testing;

import java.util.Objects;

/**
 * One fired window in tests: key, bounds, element count and value sum; {@link #values} (the values
 * joined in the order the aggregate merged them) when the aggregate keeps them — not part of
 * equality.
 */
public class WindowResult {
    public String key;
    public long start;
    public long end;
    public long count;
    public long sum;
    public String values;

    public WindowResult() {}

    public WindowResult(String key, long start, long end, long count, long sum) {
        this.key = key;
        this.start = start;
        this.end = end;
        this.count = count;
        this.sum = sum;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowResult)) {
            return false;
        }
        WindowResult that = (WindowResult) o;
        return start == that.start
                && end == that.end
                && count == that.count
                && sum == that.sum
                && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, start, end, count, sum);
    }

    @Override
    public String toString() {
        return "(" + key + " [" + start + ", " + end + ") count=" + count + " sum=" + sum + ")";
    }
}
