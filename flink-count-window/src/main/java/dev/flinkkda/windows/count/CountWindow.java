package dev.flinkkda.windows.count;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.windowing.windows.Window;

/**
 * A window of {@link CountWindows} as its window function sees it on the incremental path: the
 * sequence numbers of its first and last element within the key (counting from 1) and their
 * timestamps ({@code Long.MIN_VALUE} for elements without a timestamp).
 */
@PublicEvolving
public final class CountWindow extends Window {

    private final long firstSequence;
    private final long lastSequence;
    private final long firstTimestamp;
    private final long lastTimestamp;

    public CountWindow(
            long firstSequence, long lastSequence, long firstTimestamp, long lastTimestamp) {
        this.firstSequence = firstSequence;
        this.lastSequence = lastSequence;
        this.firstTimestamp = firstTimestamp;
        this.lastTimestamp = lastTimestamp;
    }

    /** The key's sequence number of the window's first element, from 1. */
    public long getFirstSequence() {
        return firstSequence;
    }

    /** The key's sequence number of the window's last element: the {@code n} it fired at. */
    public long getLastSequence() {
        return lastSequence;
    }

    /** The timestamp of the window's first element. */
    public long getFirstTimestamp() {
        return firstTimestamp;
    }

    /** The timestamp of the window's last element. */
    public long getLastTimestamp() {
        return lastTimestamp;
    }

    /** The number of elements in the window. */
    public long size() {
        return lastSequence - firstSequence + 1;
    }

    /** The timestamp of the last element, which is the result's timestamp. */
    @Override
    public long maxTimestamp() {
        return lastTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CountWindow)) {
            return false;
        }
        CountWindow that = (CountWindow) o;
        return firstSequence == that.firstSequence
                && lastSequence == that.lastSequence
                && firstTimestamp == that.firstTimestamp
                && lastTimestamp == that.lastTimestamp;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(firstSequence) * 31 + Long.hashCode(lastSequence);
    }

    @Override
    public String toString() {
        return "CountWindow{elements "
                + firstSequence
                + ".."
                + lastSequence
                + ", timestamps "
                + firstTimestamp
                + ".."
                + lastTimestamp
                + "}";
    }
}
