package dev.flinkkda.kda.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stagger example's JSON lines ({@code ROWTIME}, {@code EVENT_TIME}, {@code TICKER};
 * timestamps ISO-8601 in UTC). A line that cannot be read is kept with its line number and reason,
 * never dropped silently.
 */
final class TickerTradeReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file held: the rows read and the lines that could not be read. */
    record Result(List<TickerTrade> trades, List<String> malformed) {}

    private TickerTradeReader() {}

    static Result read(Path file) throws IOException {
        List<TickerTrade> trades = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                trades.add(parse(line));
            } catch (IllegalArgumentException | IOException e) {
                malformed.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Result(trades, malformed);
    }

    static TickerTrade parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new TickerTrade(
                timestamp(node, "ROWTIME"), timestamp(node, "EVENT_TIME"), text(node, "TICKER"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static long timestamp(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "field " + field + " is not an ISO-8601 timestamp: '" + text + "'");
        }
    }
}
