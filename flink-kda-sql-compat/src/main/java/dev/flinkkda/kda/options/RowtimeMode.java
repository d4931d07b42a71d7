package dev.flinkkda.kda.options;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an input's {@code ROWTIME} comes from. In KDA, {@code ROWTIME} is the time a row entered
 * the application; here it is, by choice:
 *
 * <ul>
 *   <li>{@code arrival}: the Kinesis record's {@code ApproximateArrivalTimestamp}, an event-time
 *       attribute. A replay of the stream gives the same answer as the live run. Kinesis inputs
 *       only: a file has no arrival time (replay a file with {@code field:ROWTIME}).
 *   <li>{@code field:NAME}: a field of the JSON records, e.g. the {@code ROWTIME} of a file
 *       recorded from a KDA application; an event-time attribute. The field need not be a schema
 *       column (it may be one too). Its name matches a JSON key exactly, else case-insensitively.
 *   <li>{@code processing}: the time the row is read (Flink processing time), a processing-time
 *       attribute, like KDA's ingestion time but not reproducible.
 * </ul>
 *
 * <p>Without a choice, a Kinesis input uses {@code arrival} and a file {@code field:ROWTIME}
 * ({@link #defaultFor}).
 */
public final class RowtimeMode implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of {@code ROWTIME}. */
    public enum Kind {
        ARRIVAL,
        FIELD,
        PROCESSING
    }

    private static final RowtimeMode ARRIVAL = new RowtimeMode(Kind.ARRIVAL, null);
    private static final RowtimeMode PROCESSING = new RowtimeMode(Kind.PROCESSING, null);

    /** The precision of {@code ROWTIME}: milliseconds, as in KDA. */
    public static final int ROWTIME_PRECISION = 3;

    /** The field a replayed file's rows carry their {@code ROWTIME} in. */
    public static final String DEFAULT_FIELD = "ROWTIME";

    private final Kind kind;
    private final String field;

    private RowtimeMode(Kind kind, String field) {
        this.kind = kind;
        this.field = field;
    }

    /** The Kinesis record's ApproximateArrivalTimestamp. */
    public static RowtimeMode arrival() {
        return ARRIVAL;
    }

    /** A field of the JSON records. */
    public static RowtimeMode field(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the ROWTIME field name is empty");
        }
        return new RowtimeMode(Kind.FIELD, name);
    }

    /** Processing time. */
    public static RowtimeMode processing() {
        return PROCESSING;
    }

    /** {@code arrival} for Kinesis inputs, {@code field:ROWTIME} for files. */
    public static RowtimeMode defaultFor(StreamLocation input) {
        return input instanceof StreamLocation.Kinesis ? arrival() : field(DEFAULT_FIELD);
    }

    /**
     * Parses {@code arrival}, {@code field:NAME} or {@code processing} (the words in any case; the
     * field name as written).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static RowtimeMode parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("arrival")) {
            return arrival();
        }
        if (lower.equals("processing")) {
            return processing();
        }
        if (lower.startsWith("field:")) {
            String name = text.trim().substring("field:".length()).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "'" + text + "': field: needs a field name, e.g. field:ROWTIME");
            }
            return field(name);
        }
        throw new IllegalArgumentException(
                "'" + text + "': expected arrival, field:NAME (e.g. field:ROWTIME) or processing");
    }

    /** The kind of {@code ROWTIME}. */
    public Kind kind() {
        return kind;
    }

    /** The JSON field of {@link Kind#FIELD}; null for the other kinds. */
    public String fieldName() {
        return field;
    }

    /** Whether {@code ROWTIME} is an event-time attribute (with watermarks). */
    public boolean isEventTime() {
        return kind != Kind.PROCESSING;
    }

    /** The form {@link #parse} reads: {@code arrival}, {@code field:NAME}, {@code processing}. */
    @Override
    public String toString() {
        return kind == Kind.FIELD ? "field:" + field : kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowtimeMode other
                && kind == other.kind
                && Objects.equals(field, other.field);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, field);
    }
}
