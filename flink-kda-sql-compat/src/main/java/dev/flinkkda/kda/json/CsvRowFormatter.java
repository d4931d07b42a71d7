package dev.flinkkda.kda.json;

import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * Formats a table's rows as CSV, one row per record, the columns in the table's order, separated by
 * {@code ,}: {@code 2018-08-01 11:01:20,AMZN,3}. KDA's {@code DestinationSchema} names the format
 * ({@code RecordFormatType} CSV) and nothing more; flink-kda writes what its CSV inputs read back
 * ({@link CsvRows} with {@code ,} and {@code \n}):
 *
 * <ul>
 *   <li>{@code NULL} as an empty field; the empty string as {@code ""};
 *   <li>a value with {@code ,}, {@code "}, a line break, or spaces or tabs at either end, in double
 *       quotes, a {@code "} in it written twice (RFC 4180);
 *   <li>timestamps, dates, times, numbers, booleans and binary values as in JSON output ({@link
 *       RowJsonFormatter}), without quotes: {@code 2018-08-01 11:01:20}, {@code 840.5}, {@code
 *       true}, {@code 0a1b}; rows, maps and arrays as their JSON text, quoted.
 * </ul>
 *
 * <p>The record has no line break: a file or stdout output ends each with one (a line per row), a
 * Kinesis record is one row.
 */
public final class CsvRowFormatter implements RowFormatter {

    private static final long serialVersionUID = 1L;

    /** The column delimiter. */
    public static final char DELIMITER = ',';

    private final List<String> columnNames;

    private CsvRowFormatter(List<String> columnNames) {
        this.columnNames = List.copyOf(columnNames);
    }

    /** A formatter of rows with these columns. */
    public static CsvRowFormatter of(List<String> columnNames) {
        return new CsvRowFormatter(columnNames);
    }

    /** A formatter of a table's rows. */
    public static CsvRowFormatter of(ResolvedSchema schema) {
        return of(schema.getColumnNames());
    }

    @Override
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public String format(Row row) {
        if (row.getArity() != columnNames.size()) {
            throw new IllegalArgumentException(
                    "a row of "
                            + row.getArity()
                            + " fields for "
                            + columnNames.size()
                            + " columns");
        }
        StringBuilder csv = new StringBuilder(16 * columnNames.size());
        for (int i = 0; i < columnNames.size(); i++) {
            if (i > 0) {
                csv.append(DELIMITER);
            }
            appendField(csv, text(row.getField(i)));
        }
        return csv.toString();
    }

    /** A value's text, null for {@code NULL}. */
    static String text(Object value) {
        if (value == null) {
            return null;
        } else if (value instanceof String string) {
            return string;
        } else if (value instanceof BigDecimal number) {
            return number.toPlainString();
        } else if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        } else if (value instanceof LocalDateTime timestamp) {
            return RowJsonFormatter.formatTimestamp(timestamp);
        } else if (value instanceof Instant instant) {
            return RowJsonFormatter.formatTimestamp(
                    LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof OffsetDateTime timestamp) {
            return text(timestamp.toInstant());
        } else if (value instanceof ZonedDateTime timestamp) {
            return text(timestamp.toInstant());
        } else if (value instanceof LocalDate date) {
            return RowJsonFormatter.formatDate(date);
        } else if (value instanceof LocalTime time) {
            return RowJsonFormatter.formatTime(time);
        } else if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        } else if (value instanceof Row
                || value instanceof java.util.Map<?, ?>
                || value instanceof List<?>
                || value.getClass().isArray()) {
            return RowJsonFormatter.toJson(value);
        }
        return value.toString(); // intervals (ISO-8601) and anything else
    }

    /** Appends a field, quoted when it must be; {@code null} as nothing. */
    static void appendField(StringBuilder csv, String value) {
        if (value == null) {
            return;
        }
        if (!needsQuotes(value)) {
            csv.append(value);
            return;
        }
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        if (first == ' ' || first == '\t' || last == ' ' || last == '\t') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == DELIMITER || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
