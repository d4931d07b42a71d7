package dev.flinkkda.analytics.sketches;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/**
 * An item and how often it occurred in a window: one row of KDA's {@code TOP_K_ITEMS_TUMBLING}
 * output (the item column, then its count). A Flink POJO.
 *
 * @param <T> the item's type
 */
@PublicEvolving
public class ItemCount<T> {

    /** The item. */
    public T item;

    /** Its count in the window: exact, or the frequent items sketch's estimate. */
    public long count;

    /** For Flink's POJO serializer. */
    public ItemCount() {}

    /** An item with its count. */
    public ItemCount(T item, long count) {
        this.item = item;
        this.count = count;
    }

    /** {@code new ItemCount<>(item, count)}. */
    public static <T> ItemCount<T> of(T item, long count) {
        return new ItemCount<>(item, count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemCount
                && count == ((ItemCount<?>) o).count
                && Objects.equals(item, ((ItemCount<?>) o).item);
    }

    @Override
    public int hashCode() {
        return Objects.hash(item, count);
    }

    @Override
    public String toString() {
        return item + "=" + count;
    }
}
