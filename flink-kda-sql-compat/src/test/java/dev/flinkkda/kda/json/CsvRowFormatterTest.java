package dev.flinkkda.kda.json;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows as CSV records; the expected texts written by hand. */
class CsvRowFormatterTest {

    @Test
    void aWindowsRow() {
        CsvRowFormatter csv = CsvRowFormatter.of(List.of("ROWTIME", "TICKER_SYMBOL", "N", "AVG"));
        assertThat(csv.format(Row.of(LocalDateTime.of(2018, 8, 1, 11, 1, 20), "AMZN", 3L, 840.5)))
                .isEqualTo("2018-08-01 11:01:20,AMZN,3,840.5");
        assertThat(csv.columnNames()).containsExactly("ROWTIME", "TICKER_SYMBOL", "N", "AVG");
    }

    @Test
    void nullIsEmptyTheEmptyStringQuoted() {
        assertThat(CsvRowFormatter.of(List.of("A", "B", "C")).format(Row.of(null, "", null)))
                .isEqualTo(",\"\",");
    }

    @Test
    void valuesThatNeedQuotes() {
        CsvRowFormatter csv = CsvRowFormatter.of(List.of("A", "B", "C", "D", "E", "F"));
        assertThat(
                        csv.format(
                                Row.of(
                                        "a,b",
                                        "say \"hi\"",
                                        "two\nlines",
                                        " lead",
                                        "trail\t",
                                        "cr\r")))
                .isEqualTo(
                        "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\"trail\t\",\"cr\r\"");
        assertThat(csv.format(Row.of("in side", "x'y", "ü", "a;b", "\"", "")))
                .isEqualTo("in side,x'y,ü,a;b,\"\"\"\",\"\"");
    }

    @Test
    void typesAsInJsonOutput() {
        CsvRowFormatter csv = CsvRowFormatter.of(List.of("A", "B", "C", "D", "E", "F", "G", "H"));
        assertThat(
                        csv.format(
                                Row.of(
                                        LocalDateTime.of(2018, 8, 1, 11, 0, 20, 5_000_000),
                                        Instant.parse("2018-08-01T11:00:20Z"),
                                        LocalDate.of(1992, 2, 14),
                                        LocalTime.of(18, 35),
                                        new BigDecimal("1E+3"),
                                        Double.NaN,
                                        true,
                                        new byte[] {10, 27})))
                .isEqualTo(
                        "2018-08-01 11:00:20.005,2018-08-01 11:00:20,1992-02-14,18:35:00,1000,NaN,"
                                + "true,0a1b");
        assertThat(CsvRowFormatter.of(List.of("M")).format(Row.of(Map.of("k", List.of(1, 2)))))
                .isEqualTo("\"{\"\"k\"\":[1,2]}\"");
    }

    @Test
    void aRowOfAnotherArityIsRefused() {
        assertThatThrownBy(() -> CsvRowFormatter.of(List.of("A")).format(Row.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row of 2 fields for 1 columns");
    }
}
