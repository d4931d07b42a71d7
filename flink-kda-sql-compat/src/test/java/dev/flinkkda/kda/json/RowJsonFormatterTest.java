package dev.flinkkda.kda.json;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON lines of output rows, exactly. */
class RowJsonFormatterTest {

    @Test
    void aKdaOutputRow() {
        RowJsonFormatter formatter =
                RowJsonFormatter.of(
                        List.of("ROWTIME", "EVENT_TIME", "TICKER_SYMBOL", "TICKER_COUNT"));
        assertThat(
                        formatter.format(
                                Row.of(
                                        LocalDateTime.of(2018, 8, 1, 11, 1, 20),
                                        LocalDateTime.of(2018, 8, 1, 11, 0),
                                        "AMZN",
                                        3.0)))
                .isEqualTo(
                        "{\"ROWTIME\":\"2018-08-01 11:01:20\",\"EVENT_TIME\":\"2018-08-01"
                                + " 11:00:00\",\"TICKER_SYMBOL\":\"AMZN\",\"TICKER_COUNT\":3.0}");
    }

    @Test
    void everyKindOfValue() {
        RowJsonFormatter formatter =
                RowJsonFormatter.of(
                        List.of(
                                "NUL", "S", "I", "L", "T", "D", "F", "DEC", "B", "TS", "LTZ",
                                "DATE", "TIME", "BIN", "NAN", "IV", "ARR", "MAP", "ROW"));
        Row row =
                Row.of(
                        null,
                        "a\"b\\c\n\u00e9",
                        42,
                        -7L,
                        (byte) 3,
                        1.0E10,
                        0.5f,
                        new BigDecimal("1E+3"),
                        true,
                        LocalDateTime.of(2018, 8, 1, 11, 1, 20, 797_000_000),
                        Instant.parse("2018-08-01T11:01:20.000123Z"),
                        LocalDate.of(1992, 2, 14),
                        LocalTime.of(18, 35, 44, 5_000_000),
                        new byte[] {0, (byte) 0xff},
                        Double.NaN,
                        Duration.ofSeconds(90),
                        new Integer[] {1, null},
                        Map.of("k", 1),
                        Row.of("x", 2));
        assertThat(formatter.format(row))
                .isEqualTo(
                        "{\"NUL\":null,\"S\":\"a\\\"b\\\\c\\n\u00e9\",\"I\":42,\"L\":-7,\"T\":3,"
                                + "\"D\":1.0E10,\"F\":0.5,\"DEC\":1000,\"B\":true,"
                                + "\"TS\":\"2018-08-01 11:01:20.797\","
                                + "\"LTZ\":\"2018-08-01 11:01:20.000123\","
                                + "\"DATE\":\"1992-02-14\",\"TIME\":\"18:35:44.005\","
                                + "\"BIN\":\"00ff\",\"NAN\":\"NaN\",\"IV\":\"PT1M30S\","
                                + "\"ARR\":[1,null],\"MAP\":{\"k\":1},\"ROW\":[\"x\",2]}");
    }

    @Test
    void timestampsShowTheirFractionOnlyWhenItIsNotZero() {
        assertThat(RowJsonFormatter.formatTimestamp(LocalDateTime.of(2018, 8, 1, 11, 1, 20)))
                .isEqualTo("2018-08-01 11:01:20");
        assertThat(
                        RowJsonFormatter.formatTimestamp(
                                LocalDateTime.of(2018, 8, 1, 11, 1, 20, 50_000_000)))
                .isEqualTo("2018-08-01 11:01:20.050");
        assertThat(RowJsonFormatter.formatTimestamp(LocalDateTime.of(2018, 8, 1, 0, 0, 0, 1)))
                .isEqualTo("2018-08-01 00:00:00.000000001");
    }
}
