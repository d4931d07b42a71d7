package dev.flinkkda.windows.predicate;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.streaming.api.windowing.windows.Window;

import java.io.IOException;

/**
 * A window of {@link PredicateWindows} as its window function sees it: the key's sequence number of
 * the window (the {@code n}-th window the key opened, from 1), the number of elements in it and the
 * timestamps of its first and last element ({@code Long.MIN_VALUE} for elements without a
 * timestamp).
 *
 * <pre>
 *   key k:   x   B   x   B   E   x   B   E
 *                [#1 ..........]     [#2 ]     #1: 4 elements, first = B's timestamp, last = E's
 * </pre>
 *
 * <p>The last element is the one matching {@code end} that closed the window, or, for a window
 * flushed at the end of the input, the last element that joined it. Its timestamp is the window's
 * {@link #maxTimestamp()} and the timestamp of the window's results.
 */
@PublicEvolving
public final class PredicateWindow extends Window {

    private final long number;
    private final long size;
    private final long firstTimestamp;
    private final long lastTimestamp;

    public PredicateWindow(long number, long size, long firstTimestamp, long lastTimestamp) {
        this.number = number;
        this.size = size;
        this.firstTimestamp = firstTimestamp;
        this.lastTimestamp = lastTimestamp;
    }

    /** The key's sequence number of this window: 1 for the first window the key opened. */
    public long getNumber() {
        return number;
    }

    /** The number of elements in the window, the opening and the closing one included. */
    public long size() {
        return size;
    }

    /** The timestamp of the element that opened the window. */
    public long getFirstTimestamp() {
        return firstTimestamp;
    }

    /** The timestamp of the window's last element. */
    public long getLastTimestamp() {
        return lastTimestamp;
    }

    /** The window with one more element, at {@code timestamp}, as its last. */
    PredicateWindow withNextElement(long timestamp) {
        return new PredicateWindow(number, size + 1, firstTimestamp, timestamp);
    }

    /** The timestamp of the last element, which is the results' timestamp. */
    @Override
    public long maxTimestamp() {
        return lastTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PredicateWindow)) {
            return false;
        }
        PredicateWindow that = (PredicateWindow) o;
        return number == that.number
                && size == that.size
                && firstTimestamp == that.firstTimestamp
                && lastTimestamp == that.lastTimestamp;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return "PredicateWindow{#"
                + number
                + ", "
                + size
                + " elements, timestamps "
                + firstTimestamp
                + ".."
                + lastTimestamp
                + "}";
    }

    /** Serializer of {@link PredicateWindow}: four longs. The operators keep the open window. */
    @Internal
    public static final class Serializer extends TypeSerializerSingleton<PredicateWindow> {

        private static final long serialVersionUID = 1L;

        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public PredicateWindow createInstance() {
            return new PredicateWindow(0, 0, Long.MIN_VALUE, Long.MIN_VALUE);
        }

        @Override
        public PredicateWindow copy(PredicateWindow from) {
            return from;
        }

        @Override
        public PredicateWindow copy(PredicateWindow from, PredicateWindow reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return 4 * Long.BYTES;
        }

        @Override
        public void serialize(PredicateWindow window, DataOutputView target) throws IOException {
            target.writeLong(window.number);
            target.writeLong(window.size);
            target.writeLong(window.firstTimestamp);
            target.writeLong(window.lastTimestamp);
        }

        @Override
        public PredicateWindow deserialize(DataInputView source) throws IOException {
            return new PredicateWindow(
                    source.readLong(), source.readLong(), source.readLong(), source.readLong());
        }

        @Override
        public PredicateWindow deserialize(PredicateWindow reuse, DataInputView source)
                throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            target.write(source, getLength());
        }

        @Override
        public TypeSerializerSnapshot<PredicateWindow> snapshotConfiguration() {
            return new PredicateWindowSerializerSnapshot();
        }

        /** The serializer's snapshot: it has no configuration. */
        public static final class PredicateWindowSerializerSnapshot
                extends SimpleTypeSerializerSnapshot<PredicateWindow> {

            public PredicateWindowSerializerSnapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
