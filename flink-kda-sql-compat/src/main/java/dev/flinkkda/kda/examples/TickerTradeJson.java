package dev.flinkkda.kda.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * The JSON of the KDA stagger example's records.
 *
 * <p>Input: {@code {"ROWTIME":"2018-08-01T11:00:20","EVENT_TIME":"2018-08-01T11:00:10",
 * "TICKER":"AMZN"}}. Times are ISO-8601 local date-times in UTC (fractions of a second allowed, as
 * in KDA's {@code 2018-08-01T20:17:20.797945}), ISO-8601 date-times with an offset, or epoch
 * milliseconds as a number.
 *
 * <p>Output: {@code {"ROWTIME":"2018-08-01T11:01:20.000","WINDOW_START":"2018-08-01T11:00:20.000",
 * "EVENT_TIME":"2018-08-01T11:00:00.000","TICKER":"AMZN","TICKER_COUNT":3}}, times as {@code
 * yyyy-MM-ddTHH:mm:ss.SSS} in UTC.
 *
 * <p>A record that cannot be read becomes an error record with KDA's error-stream columns {@code
 * ERROR_NAME}, {@code MESSAGE} and {@code DATA_ROW} (the record as received).
 */
public final class TickerTradeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter OUTPUT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TickerTradeJson() {}

    /**
     * Parses one input record.
     *
     * @throws IllegalArgumentException naming the field and the problem, if it is not a JSON object
     *     with a text {@code TICKER} and valid {@code ROWTIME} and {@code EVENT_TIME}
     */
    public static TickerTrade parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not JSON: " + e.getOriginalMessage().replace('\n', ' '), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode ticker = node.get("TICKER");
        if (ticker == null || !ticker.isTextual()) {
            throw new IllegalArgumentException("field TICKER is missing or not a string");
        }
        return new TickerTrade(time(node, "ROWTIME"), time(node, "EVENT_TIME"), ticker.asText());
    }

    /** The output record of one window. */
    public static String format(StaggerCount count) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ROWTIME", formatTime(count.rowtime));
        node.put("WINDOW_START", formatTime(count.windowStart));
        node.put("EVENT_TIME", formatTime(count.eventMinute));
        node.put("TICKER", count.ticker);
        node.put("TICKER_COUNT", count.count);
        return node.toString();
    }

    /** The error record of an input record that could not be read. */
    public static String malformed(String record, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ERROR_NAME", "MALFORMED_RECORD");
        node.put("MESSAGE", message);
        node.put("DATA_ROW", record);
        return node.toString();
    }

    /** Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC. */
    public static String formatTime(long epochMillis) {
        return OUTPUT_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static long time(JsonNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(
                    "field " + field + " is neither an ISO-8601 time nor epoch milliseconds");
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
            throw new IllegalArgumentException(
                    "field " + field + " is not an ISO-8601 timestamp: '" + value.asText() + "'",
                    e);
        }
    }
}
