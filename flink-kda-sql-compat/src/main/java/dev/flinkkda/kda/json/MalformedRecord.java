package dev.flinkkda.kda.json;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.errorstream.KdaError;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An input record that did not become a row: not a JSON object, a value that cannot be converted to
 * its column's type, no usable {@code ROWTIME}, or a {@code ROWTIME} behind the watermark. The
 * input's side output carries it instead of the row, so that it is neither lost silently nor fails
 * the job (in KDA it goes to {@code error_stream}).
 *
 * @param origin where it was read: {@code file:line} or {@code kinesis stream/shard/sequence}
 * @param errorName the kind of problem, as {@code error_stream} names it
 * @param reason why it was not read, e.g. {@code column PRICE: cannot convert "abc" to DOUBLE}
 * @param rawText the record as read
 * @param rowtime the record's {@code ROWTIME} when it has one (a late row), else null
 */
public record MalformedRecord(
        String origin, ErrorName errorName, String reason, String rawText, LocalDateTime rowtime) {

    public MalformedRecord {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(errorName, "errorName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rawText, "rawText");
    }

    /** The record as a row of {@code error_stream}, found at {@code errorTime}. */
    public KdaError toError(LocalDateTime errorTime) {
        return new KdaError(errorTime, errorName, message(), rowtime, rawText, null);
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
