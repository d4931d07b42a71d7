package dev.flinkkda.windows.session;

import java.util.Objects;

/** One fired session in tests: key, bounds, element count and value sum. */
public class SessionResult {
    public String key;
    public long start;
    public long end;
    public long count;
    public long sum;

    public SessionResult() {}

    public SessionResult(String key, long start, long end, long count, long sum) {
        this.key = key;
        this.start = start;
        this.end = end;
        this.count = count;
        this.sum = sum;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionResult)) {
            return false;
        }
        SessionResult that = (SessionResult) o;
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
