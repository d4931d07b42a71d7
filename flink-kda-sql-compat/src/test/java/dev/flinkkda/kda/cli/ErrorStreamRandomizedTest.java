package dev.flinkkda.kda.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No row lost: random good rows with bad ones mixed in at random (not JSON, a value that does not
 * fit its column, a late ROWTIME, a zero divisor, an integer overflow, a string that is no number).
 * Every input record must come out exactly once: as an output row, in {@code error_stream} with the
 * error this test predicts, or left out by the pump's {@code WHERE}. The expected rows and errors
 * are computed here from the records, not by the code under test.
 */
class ErrorStreamRandomizedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    /**
     * One pump with a division, an integer product and a CAST of a string: each can fail on a row.
     * The WHERE leaves out negative quantities, whatever else is wrong with their row.
     */
    private static final String APP =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                "TICKER" VARCHAR(4), "UNIT_PRICE" DOUBLE, "MICROS" INTEGER, "CODE" INTEGER);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM "TICKER", "PRICE" / "QTY", "QTY" * 1000000, CAST("CODE" AS INTEGER)
                FROM "SOURCE_SQL_STREAM_001"
                WHERE "QTY" >= 0;
            """;

    private static final String SCHEMA =
            "TICKER VARCHAR(4), PRICE DOUBLE, QTY INTEGER, CODE VARCHAR(16)";

    private static final int[] QUANTITIES = {-3, 0, 1, 2, 7, 2147, 2148, 5000};
    private static final String[] CODES = {"12", "-4", "abc", "", "99999999999", null};

    @Test
    void everyRecordIsAnOutputRowAnErrorOrFilteredOut(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        System.out.println("ErrorStreamRandomizedTest seed " + seed);
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        List<String> expectedRows = new ArrayList<>();
        List<String> expectedErrors = new ArrayList<>(); // "NAME line" per error
        int filtered = 0;
        LocalDateTime latest = LocalDateTime.of(2024, 5, 1, 10, 0);
        LocalDateTime time = latest;
        boolean anyRow = false; // a row read: only then can a later one be late
        for (int i = 0; i < 400; i++) {
            String ticker = "T" + random.nextInt(10);
            double price = random.nextInt(10_000) / 100.0;
            int qty = QUANTITIES[random.nextInt(QUANTITIES.length)];
            String code = CODES[random.nextInt(CODES.length)];
            boolean late = random.nextInt(20) == 0 && anyRow;
            LocalDateTime rowtime = late ? latest.minusMinutes(5) : (time = time.plusSeconds(1));
            int kind = random.nextInt(20);
            String line;
            String error = null;
            if (kind == 0) {
                line = "{\"TICKER\": \"" + ticker + "\", \"PRICE\": " + price; // cut off
                error = "MALFORMED_RECORD";
            } else if (kind == 1) {
                line = record(rowtime, ticker, "\"" + price + "\"", "\"many\"", code);
                error = "COERCION_ERROR";
            } else {
                line = record(rowtime, ticker, Double.toString(price), Integer.toString(qty), code);
                String pumpError = null;
                if (late) {
                    error = "LATE_ROW";
                } else if (qty < 0) {
                    filtered++;
                } else if (qty == 0) {
                    pumpError = "DIVISION_BY_ZERO";
                } else if ((long) qty * 1_000_000 > Integer.MAX_VALUE) {
                    pumpError = "NUMERIC_OVERFLOW";
                } else if (code != null && !fitsInteger(code)) {
                    pumpError = "CAST_ERROR";
                } else {
                    Map<String, Object> row = new TreeMap<>();
                    row.put("ROWTIME", rowtime.toString());
                    row.put("TICKER", ticker);
                    row.put("UNIT_PRICE", Double.toString(price / qty));
                    row.put("MICROS", Double.toString(qty * 1_000_000));
                    row.put(
                            "CODE",
                            code == null ? "null" : Double.toString(Integer.parseInt(code)));
                    expectedRows.add(row.toString());
                }
                if (pumpError != null) {
                    expectedErrors.add(
                            pumpError + " " + pumpKey(rowtime, ticker, price, qty, code));
                }
                if (!late) {
                    latest = rowtime;
                    anyRow = true;
                }
            }
            if (error != null) {
                expectedErrors.add(error + " " + line);
            }
            lines.add(line);
        }
        Path app = Files.writeString(dir.resolve("app.sql"), APP);
        Path input = Files.write(dir.resolve("input.jsonl"), lines);
        Path output = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                FlinkKdaCli.run(
                        new String[] {
                            "run", app.toString(),
                            "--input", input.toString(),
                            "--schema", SCHEMA,
                            "--output", output.toString(),
                            "--output", "error_stream=" + errors
                        },
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isZero();

        List<String> rows = new ArrayList<>();
        for (String row : Files.readAllLines(output)) {
            rows.add(normalized(row));
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedRows);

        List<String> errorRows = new ArrayList<>();
        Map<String, Integer> byName = new TreeMap<>();
        for (String line : Files.readAllLines(errors)) {
            JsonNode error = JSON.readTree(line);
            String name = error.get("ERROR_NAME").asText();
            String data =
                    new String(
                            HexFormat.of().parseHex(error.get("DATA_ROW").asText()),
                            StandardCharsets.UTF_8);
            assertThat(error.get("ERROR_LEVEL").asText()).isEqualTo("ERROR");
            assertThat(error.get("MESSAGE").asText()).isNotBlank();
            if (error.get("PUMP_NAME").isNull()) {
                errorRows.add(name + " " + data); // the input record as read
            } else {
                assertThat(error.get("PUMP_NAME").asText()).isEqualTo("STREAM_PUMP");
                JsonNode row = JSON.readTree(data);
                errorRows.add(
                        name
                                + " "
                                + pumpKey(
                                        timestamp(error.get("DATA_ROWTIME").asText()),
                                        row.get("TICKER").asText(),
                                        row.get("PRICE").asDouble(),
                                        row.get("QTY").asLong(),
                                        row.get("CODE").isNull()
                                                ? null
                                                : row.get("CODE").asText()));
            }
            byName.merge(name, 1, Integer::sum);
        }
        assertThat(errorRows).containsExactlyInAnyOrderElementsOf(expectedErrors);
        assertThat(rows.size() + errorRows.size() + filtered).isEqualTo(lines.size());
        assertThat(stderr)
                .contains(lines.size() + " records in, " + rows.size() + " rows out to")
                .contains(errorRows.size() + " errors (");
        byName.forEach((name, count) -> assertThat(stderr).contains(name + " " + count));
    }

    private static String record(
            LocalDateTime rowtime, String ticker, String price, String qty, String code) {
        return "{\"ROWTIME\": \""
                + format(rowtime)
                + "\", \"TICKER\": \""
                + ticker
                + "\", \"PRICE\": "
                + price
                + ", \"QTY\": "
                + qty
                + ", \"CODE\": "
                + (code == null ? "null" : "\"" + code + "\"")
                + "}";
    }

    /** A pump's input row, as the error's data and DATA_ROWTIME give it. */
    private static String pumpKey(
            LocalDateTime rowtime, String ticker, double price, long qty, String code) {
        return rowtime + " " + ticker + " " + price + " " + qty + " " + code;
    }

    /** A timestamp as the JSON output writes it: {@code 2024-05-01 10:00:01[.5]}. */
    private static LocalDateTime timestamp(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static String format(LocalDateTime time) {
        return TIME.format(time);
    }

    private static boolean fitsInteger(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * An output row with its fields sorted, numbers as doubles and ROWTIME as a {@link
     * LocalDateTime}, so that equal rows compare equal.
     */
    private static String normalized(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        Map<String, Object> fields = new TreeMap<>();
        node.fields()
                .forEachRemaining(
                        f ->
                                fields.put(
                                        f.getKey(),
                                        f.getKey().equals("ROWTIME")
                                                ? timestamp(f.getValue().asText()).toString()
                                                : f.getValue().isNumber()
                                                        ? Double.toString(f.getValue().asDouble())
                                                        : f.getValue().asText()));
        return fields.toString();
    }
}
