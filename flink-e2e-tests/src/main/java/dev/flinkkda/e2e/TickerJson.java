package dev.flinkkda.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * The JSON of {@link StaggerKinesisJob}'s input and output records.
 *
 * <p>Input: {@code
 * {"TICKER":"AMZN","EVENT_TIME":"2018-08-01T11:00:10","ROWTIME":"2018-08-01T11:00:20"}}. Times are
 * ISO-8601 local date-times in UTC (fractions of a second allowed, as in KDA's {@code
 * 2018-08-01T20:17:20.797945}), ISO-8601 instants with an offset, or epoch milliseconds as a
 * number.
 *
 * <p>Output: {@code {"TICKER":"AMZN","EVENT_TIME":"2018-08-01T11:00:00.000",
 * "WINDOW_START":"2018-08-01T11:00:20.000","WINDOW_END":"2018-08-01T11:01:20.000","TICKER_COUNT":3}},
 * times as {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC.
 */
public final class TickerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter OUTPUT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TickerJson() {}

    /**
     * Parses one input record.
     *
     * @throws IllegalArgumentException if it is not a JSON object with a text {@code TICKER} and
     *     valid {@code EVENT_TIME} and {@code ROWTIME}
     */
    public static TickerEvent parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        JsonNode ticker = node.get("TICKER");
        if (ticker == null || !ticker.isTextual()) {
            throw new IllegalArgumentException("no text TICKER: " + json);
        }
        return new TickerEvent(
                ticker.asText(), parseTime(node, "EVENT_TIME"), parseTime(node, "ROWTIME"));
    }

    /** The output record of one window of one key. */
    public static String windowCount(
            TickerMinute key, long windowStart, long windowEnd, long count) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("TICKER", key.ticker);
        node.put("EVENT_TIME", formatTime(key.eventMinute));
        node.put("WINDOW_START", formatTime(windowStart));
        node.put("WINDOW_END", formatTime(windowEnd));
        node.put("TICKER_COUNT", count);
        return node.toString();
    }

    /** Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC. */
    public static String formatTime(long epochMillis) {
        return OUTPUT_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static long parseTime(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no " + field + ": " + record);
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " is neither text nor a number: " + record);
        }
        try {
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(
                            value.asText(), OffsetDateTime::from, LocalDateTime::from);
            Instant instant =
                    parsed instanceof OffsetDateTime
                            ? ((OffsetDateTime) parsed).toInstant()
                            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return instant.toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 time: " + record, e);
        }
    }
}
