package dev.flinkkda.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The per-event sliding-window sums and maxima of {@link PerEventPipelines}, computed by a plain
 * loop over the generated records ({@link RecordGenerator}): no Flink, no serialization, no state
 * backend, no timers. Per key, the records of the last {@code sizeMs} are kept in a ring buffer
 * with a running sum (a sum can subtract the records that leave; a general aggregate cannot), and
 * the candidates for the maximum in a monotonic queue. Each record's result is passed on at once,
 * not when the watermark reaches it: the same values, in another order.
 *
 * <p>Relies on each key's timestamps being strictly increasing, as {@link RecordGenerator}'s are:
 * no two records of a key share a timestamp, so a record's window is the key's records in {@code [t
 * - sizeMs, t]} up to and including itself.
 */
public final class PlainJavaPerEvent {

    private PlainJavaPerEvent() {}

    /** A queue of (timestamp, value) pairs in two growable ring buffers. */
    private static final class Ring {
        long[] timestamps = new long[64];
        long[] values = new long[64];
        int head;
        int size;

        void addLast(long timestamp, long value) {
            if (size == timestamps.length) {
                grow();
            }
            int slot = (head + size) & (timestamps.length - 1);
            timestamps[slot] = timestamp;
            values[slot] = value;
            size++;
        }

        long firstTimestamp() {
            return timestamps[head];
        }

        long firstValue() {
            return values[head];
        }

        long lastValue() {
            return values[(head + size - 1) & (timestamps.length - 1)];
        }

        void removeFirst() {
            head = (head + 1) & (timestamps.length - 1);
            size--;
        }

        void removeLast() {
            size--;
        }

        private void grow() {
            long[] t = new long[timestamps.length * 2];
            long[] v = new long[values.length * 2];
            for (int i = 0; i < size; i++) {
                int slot = (head + i) & (timestamps.length - 1);
                t[i] = timestamps[slot];
                v[i] = values[slot];
            }
            timestamps = t;
            values = v;
            head = 0;
        }
    }

    /** One key's window: its records and their sum. */
    private static final class SumWindow {
        final Ring records = new Ring();
        long sum;
    }

    /**
     * Passes each record's window sum, {@code [t - sizeMs, t]} of its key, to {@code out}: records
     * {@code FIRST_RECORD} to {@code FIRST_RECORD + records - 1}.
     */
    public static void sums(long records, long sizeMs, LongConsumer out) {
        Map<Integer, SumWindow> windows = new HashMap<>();
        for (long i = PerEventPipelines.FIRST_RECORD;
                i < PerEventPipelines.FIRST_RECORD + records;
                i++) {
            int key = RecordGenerator.key(i);
            long timestamp = RecordGenerator.timestamp(i);
            long value = RecordGenerator.value(i);
            SumWindow window = windows.computeIfAbsent(key, k -> new SumWindow());
            Ring ring = window.records;
            while (ring.size > 0 && ring.firstTimestamp() < timestamp - sizeMs) {
                window.sum -= ring.firstValue();
                ring.removeFirst();
            }
            ring.addLast(timestamp, value);
            window.sum += value;
            out.accept(window.sum);
        }
    }

    /**
     * Passes each record's window maximum, {@code [t - sizeMs, t]} of its key, to {@code out}: a
     * queue of the records that may still be a window's maximum (values decreasing from head to
     * tail), so amortised constant work per record.
     */
    public static void maxima(long records, long sizeMs, LongConsumer out) {
        Map<Integer, Ring> candidates = new HashMap<>();
        for (long i = PerEventPipelines.FIRST_RECORD;
                i < PerEventPipelines.FIRST_RECORD + records;
                i++) {
            int key = RecordGenerator.key(i);
            long timestamp = RecordGenerator.timestamp(i);
            long value = RecordGenerator.value(i);
            Ring queue = candidates.computeIfAbsent(key, k -> new Ring());
            while (queue.size > 0 && queue.firstTimestamp() < timestamp - sizeMs) {
                queue.removeFirst();
            }
            while (queue.size > 0 && queue.lastValue() <= value) {
                queue.removeLast();
            }
            queue.addLast(timestamp, value);
            out.accept(queue.firstValue());
        }
    }
}
