package dev.flinkkda.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of the seed ticker applications worked out in plain Java, independently of flink-kda:
 * {@code examples/seed-001-stagger} ({@code WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO
 * MINUTE), TICKER_SYMBOL RANGE …)}) and {@code examples/seed-001-step} ({@code GROUP BY
 * TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), STEP(ROWTIME BY …)}), each counting the records of a
 * ticker and event minute. Both write {@code {"ROWTIME","TICKER_SYMBOL","EVENT_TIME",
 * "TICKER_COUNT"}} with ROWTIME the window's end.
 *
 * <p>The input is taken in ROWTIME order (no record is late) with the default watermark delay of
 * zero: a window ending at {@code end} is complete, and written, once a record with ROWTIME at or
 * after {@code end} is read ({@link Window#closedBy}).
 */
final class TickerCountReference {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TickerCountReference() {}

    /**
     * An input record as the applications see it.
     *
     * @param rowtimeMillis its ROWTIME (the record's field, or its Kinesis arrival time), in epoch
     *     milliseconds
     * @param eventMinute its EVENT_TIME's minute as the output writes it, e.g. {@code 2018-08-01
     *     11:00:00}
     */
    record Input(long rowtimeMillis, String ticker, String eventMinute) {

        /**
         * A record of the applications' JSON input ({@code TICKER_SYMBOL}, {@code EVENT_TIME}) with
         * its ROWTIME from its field {@code ROWTIME} ({@code yyyy-MM-dd HH:mm:ss}, UTC), as {@code
         * --rowtime field:ROWTIME} takes it.
         */
        static Input withRowtimeField(String json) {
            LocalDateTime rowtime =
                    LocalDateTime.parse(readJson(json).path("ROWTIME").asText().replace(' ', 'T'));
            return of(rowtime.toInstant(ZoneOffset.UTC).toEpochMilli(), json);
        }

        /** A record of the applications' JSON input: {@code TICKER_SYMBOL}, {@code EVENT_TIME}. */
        static Input of(long rowtimeMillis, String json) {
            JsonNode fields = readJson(json);
            return new Input(
                    rowtimeMillis,
                    fields.path("TICKER_SYMBOL").asText(),
                    fields.path("EVENT_TIME").asText().substring(0, 16) + ":00");
        }
    }

    /** An output row: ROWTIME (the window's end), the ticker, the event minute, the count. */
    record Row(LocalDateTime rowtime, String ticker, String eventTime, double count) {

        static Row parse(String json) {
            JsonNode node = readJson(json);
            assertThat(node.fieldNames())
                    .toIterable()
                    .containsExactly("ROWTIME", "TICKER_SYMBOL", "EVENT_TIME", "TICKER_COUNT");
            return new Row(
                    LocalDateTime.parse(node.path("ROWTIME").asText().replace(' ', 'T')),
                    node.path("TICKER_SYMBOL").asText(),
                    node.path("EVENT_TIME").asText(),
                    node.path("TICKER_COUNT").asDouble());
        }
    }

    /**
     * A window's row and the index of the input record that completes it (the first with ROWTIME at
     * or after the window's end), or the number of inputs if none does: the window is still open
     * after the last input.
     */
    record Window(Row row, int closedBy) {}

    /**
     * Stagger windows: per (ticker, event minute) a window opens at the ROWTIME {@code t0} of a
     * record when none is open and covers {@code [t0, t0 + range)}; a record at or after its end
     * opens the key's next window. Ordered by window end.
     */
    static List<Window> stagger(List<Input> inputs, Duration range) {
        Map<List<String>, long[]> open = new LinkedHashMap<>(); // key -> start, count
        List<Window> windows = new ArrayList<>();
        for (Input input : inputs) {
            List<String> key = List.of(input.ticker(), input.eventMinute());
            long[] window = open.get(key);
            if (window != null && input.rowtimeMillis() >= window[0] + range.toMillis()) {
                windows.add(window(inputs, key, window[0] + range.toMillis(), window[1]));
                window = null;
            }
            if (window == null) {
                open.put(key, new long[] {input.rowtimeMillis(), 1});
            } else {
                window[1]++;
            }
        }
        open.forEach(
                (key, window) ->
                        windows.add(window(inputs, key, window[0] + range.toMillis(), window[1])));
        windows.sort(Comparator.comparing(w -> w.row().rowtime()));
        return windows;
    }

    /**
     * Tumbling windows of ROWTIME ({@code STEP(ROWTIME BY step)}, epoch-aligned), one row per
     * window, ticker and event minute. Ordered by window end.
     */
    static List<Window> step(List<Input> inputs, Duration step) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>(); // key + end -> count
        for (Input input : inputs) {
            long end =
                    Math.floorDiv(input.rowtimeMillis(), step.toMillis()) * step.toMillis()
                            + step.toMillis();
            counts.computeIfAbsent(
                            List.of(input.ticker(), input.eventMinute(), Long.toString(end)),
                            k -> new long[1])[0]++;
        }
        List<Window> windows = new ArrayList<>();
        counts.forEach(
                (key, count) ->
                        windows.add(window(inputs, key, Long.parseLong(key.get(2)), count[0])));
        windows.sort(Comparator.comparing(w -> w.row().rowtime()));
        return windows;
    }

    private static Window window(List<Input> inputs, List<String> key, long end, long count) {
        int closedBy = inputs.size();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).rowtimeMillis() >= end) {
                closedBy = i;
                break;
            }
        }
        return new Window(new Row(utc(end), key.get(0), key.get(1), count), closedBy);
    }

    static LocalDateTime utc(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static JsonNode readJson(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
