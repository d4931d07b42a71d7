package dev.flinkkda.kda.json;

import java.util.Objects;

/**
 * An input record that did not become a row: not a JSON object, a value that cannot be converted to
 * its column's type, no usable {@code ROWTIME}, or a {@code ROWTIME} behind the watermark. The
 * input's side output carries it instead of the row, so that it is neither lost silently nor fails
 * the job (in KDA it goes to {@code error_stream}).
 *
 * @param origin where it was read: {@code file:line} or {@code kinesis stream/shard/sequence}
 * @param reason why it was not read, e.g. {@code column PRICE: cannot convert "abc" to DOUBLE}
 * @param rawText the record as read
 */
public record MalformedRecord(String origin, String reason, String rawText) {

    public MalformedRecord {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rawText, "rawText");
    }

    /**
     * {@code origin: reason}, e.g. {@code ticker-trades.jsonl:7: column PRICE: cannot convert "abc"
     * to DOUBLE}.
     */
    public String message() {
        return origin + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
