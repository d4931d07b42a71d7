package dev.flinkkda.windows.count;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.windowing.evictors.Evictor;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.streaming.runtime.operators.windowing.TimestampedValue;

import java.util.Iterator;

/**
 * The evictor of {@link CountWindows}: before the window function it removes all but the last
 * {@code size} elements; after it, all but the last {@code size - stride} (the ones the next window
 * shares with this one; none for tumbling and sampling windows). Between two firings a key holds at
 * most {@code max(size, stride)} elements.
 */
@PublicEvolving
public final class CountWindowEvictor implements Evictor<Object, GlobalWindow> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long keptForNextWindow;

    CountWindowEvictor(CountWindows windows) {
        if (windows.getSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "count window size "
                            + windows.getSize()
                            + " is more than the "
                            + Integer.MAX_VALUE
                            + " elements a window function can be given");
        }
        this.size = windows.getSize();
        this.keptForNextWindow = Math.max(0, windows.getSize() - windows.getStride());
    }

    @Override
    public void evictBefore(
            Iterable<TimestampedValue<Object>> elements,
            int count,
            GlobalWindow window,
            EvictorContext ctx) {
        removeOldest(elements, count - size);
    }

    @Override
    public void evictAfter(
            Iterable<TimestampedValue<Object>> elements,
            int count,
            GlobalWindow window,
            EvictorContext ctx) {
        removeOldest(elements, count - keptForNextWindow);
    }

    private static void removeOldest(Iterable<TimestampedValue<Object>> elements, long howMany) {
        Iterator<TimestampedValue<Object>> it = elements.iterator();
        for (long removed = 0; removed < howMany && it.hasNext(); removed++) {
            it.next();
            it.remove();
        }
    }
}
