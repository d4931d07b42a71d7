package dev.flinkkda.kda.json;

import java.util.Objects;

/**
 * One input record as read, before parsing.
 *
 * @param text the record, e.g. one line of a JSON-lines file or a Kinesis record's data as UTF-8
 * @param origin where it was read, for messages: {@code file:line} or {@code kinesis
 *     stream/shard/sequence-number}
 * @param arrivalTime the Kinesis ApproximateArrivalTimestamp in epoch milliseconds, or {@link
 *     #NO_ARRIVAL_TIME}
 */
public record RawRecord(String text, String origin, long arrivalTime) {

    /** The {@link #arrivalTime} of a record that has none, e.g. a line of a file. */
    public static final long NO_ARRIVAL_TIME = Long.MIN_VALUE;

    public RawRecord {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
    }

    /** A record without arrival time. */
    public static RawRecord of(String text, String origin) {
        return new RawRecord(text, origin, NO_ARRIVAL_TIME);
    }

    /** Whether the record has an arrival time. */
    public boolean hasArrivalTime() {
        return arrivalTime != NO_ARRIVAL_TIME;
    }
}
