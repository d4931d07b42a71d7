package dev.flinkkda.analytics.sketches;

import java.util.Arrays;

/**
 * An item in its serialized form (the bytes of the item type's Flink {@code TypeSerializer}): the
 * identity that the accumulators count, hash and store, so that they need no serializer of the item
 * type. Two items are the same item when their bytes are equal.
 */
final class EncodedItem implements Comparable<EncodedItem> {

    private final byte[] bytes;
    private final int hash;

    EncodedItem(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The serialized item; callers do not modify it. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedItem
                && hash == ((EncodedItem) o).hash
                && Arrays.equals(bytes, ((EncodedItem) o).bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Unsigned lexicographic order of the bytes. */
    @Override
    public int compareTo(EncodedItem other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "EncodedItem" + Arrays.toString(bytes);
    }
}
