package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The guard of the event-time fast-path operators: an element without a timestamp cannot be placed
 * in event-time windows, so it fails the job with one message that says how to fix it.
 */
@Internal
public final class EventTimestamps {

    private EventTimestamps() {}

    /**
     * The timestamp of {@code element}.
     *
     * @param key the element's key, for the message
     * @param windows the window kind, for the message, e.g. "stagger windows"
     * @param processingTimeAlternative the processing-time windows to name, or null for none
     * @throws IllegalStateException if the element has no timestamp
     */
    public static long of(
            StreamRecord<?> element, Object key, String windows, String processingTimeAlternative) {
        return of(
                element.hasTimestamp() ? element.getTimestamp() : null,
                key,
                windows,
                processingTimeAlternative);
    }

    /**
     * As {@link #of(StreamRecord, Object, String, String)}, for a timestamp as a {@code
     * ProcessFunction}'s context gives it: {@code null} when the element has none.
     */
    public static long of(
            Long timestamp, Object key, String windows, String processingTimeAlternative) {
        if (timestamp == null) {
            throw new IllegalStateException(
                    "Record of key "
                            + key
                            + " has no timestamp. Event-time "
                            + windows
                            + " need a WatermarkStrategy with a timestamp assigner before keyBy"
                            + (processingTimeAlternative == null
                                    ? "."
                                    : ", or use " + processingTimeAlternative + "."));
        }
        return timestamp;
    }
}
