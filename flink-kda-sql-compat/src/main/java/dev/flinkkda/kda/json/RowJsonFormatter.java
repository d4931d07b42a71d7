package dev.flinkkda.kda.json;

import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.types.Row;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Formats a table's rows as JSON objects, one per row, the columns in the table's order: {@code
 * {"ROWTIME":"2018-08-01 11:01:20","TICKER_SYMBOL":"AMZN","TICKER_COUNT":3}}.
 *
 * <ul>
 *   <li>{@code TIMESTAMP}: {@code "yyyy-MM-dd HH:mm:ss"} in UTC, with {@code .SSS} only when the
 *       fraction is not zero (6 or 9 digits if milliseconds are not enough); {@code TIMESTAMP_LTZ}
 *       the same, in UTC;
 *   <li>{@code DATE}: {@code "yyyy-MM-dd"}; {@code TIME}: {@code "HH:mm:ss[.SSS]"};
 *   <li>numbers as JSON numbers ({@code DOUBLE} as Java writes it, {@code 3.0}, {@code 1.0E10};
 *       {@code DECIMAL} without exponent); {@code NaN} and infinities, which JSON has no numbers
 *       for, as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
 *   <li>{@code BOOLEAN} as {@code true}/{@code false}; {@code NULL} as {@code null};
 *   <li>{@code BINARY}/{@code VARBINARY} as a string of hexadecimal digits; intervals as ISO-8601
 *       durations; {@code ROW}, {@code MAP}, {@code ARRAY}, {@code MULTISET} as JSON objects and
 *       arrays.
 * </ul>
 */
public final class RowJsonFormatter implements RowFormatter {

    private static final long serialVersionUID = 1L;

    private final String[] columnNames;
    private final String[] quotedNames;

    private RowJsonFormatter(List<String> columnNames) {
        this.columnNames = columnNames.toArray(String[]::new);
        this.quotedNames = new String[this.columnNames.length];
        for (int i = 0; i < quotedNames.length; i++) {
            StringBuilder name = new StringBuilder();
            appendString(name, this.columnNames[i]);
            quotedNames[i] = name.append(':').toString();
        }
    }

    /** A formatter of rows with these columns. */
    public static RowJsonFormatter of(List<String> columnNames) {
        return new RowJsonFormatter(columnNames);
    }

    /** A formatter of a table's rows. */
    public static RowJsonFormatter of(ResolvedSchema schema) {
        return of(schema.getColumnNames());
    }

    @Override
    public List<String> columnNames() {
        return List.of(columnNames);
    }

    /** One row as one line of JSON, without line break. */
    @Override
    public String format(Row row) {
        StringBuilder json = new StringBuilder(64 + 16 * columnNames.length);
        format(row, json);
        return json.toString();
    }

    /** Appends one row as JSON to {@code json}. */
    public void format(Row row, StringBuilder json) {
        if (row.getArity() != columnNames.length) {
            throw new IllegalArgumentException(
                    "a row of "
                            + row.getArity()
                            + " fields for "
                            + columnNames.length
                            + " columns");
        }
        json.append('{');
        for (int i = 0; i < columnNames.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quotedNames[i]);
            appendValue(json, row.getField(i));
        }
        json.append('}');
    }

    /**
     * A timestamp as {@code yyyy-MM-dd HH:mm:ss}, with the fraction only when it is not zero: 3
     * digits, or 6 or 9 when milliseconds are not enough.
     */
    public static String formatTimestamp(LocalDateTime timestamp) {
        StringBuilder text = new StringBuilder(23);
        appendDate(text, timestamp.toLocalDate());
        text.append(' ');
        appendTime(text, timestamp.toLocalTime());
        return text.toString();
    }

    /** A date as {@code yyyy-MM-dd}. */
    public static String formatDate(LocalDate date) {
        StringBuilder text = new StringBuilder(10);
        appendDate(text, date);
        return text.toString();
    }

    /** A time as {@code HH:mm:ss}, with the fraction only when it is not zero. */
    public static String formatTime(LocalTime time) {
        StringBuilder text = new StringBuilder(12);
        appendTime(text, time);
        return text.toString();
    }

    /** One value as JSON, as it appears in a row's object (e.g. a nested row or an array). */
    public static String toJson(Object value) {
        StringBuilder json = new StringBuilder();
        appendValue(json, value);
        return json.toString();
    }

    private static void appendValue(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String string) {
            appendString(json, string);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            json.append(value);
        } else if (value instanceof Double number) {
            appendFloatingPoint(json, number, number.isNaN() || number.isInfinite());
        } else if (value instanceof Float number) {
            appendFloatingPoint(json, number, number.isNaN() || number.isInfinite());
        } else if (value instanceof BigDecimal number) {
            json.append(number.toPlainString());
        } else if (value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof LocalDateTime timestamp) {
            json.append('"');
            appendDate(json, timestamp.toLocalDate());
            json.append(' ');
            appendTime(json, timestamp.toLocalTime());
            json.append('"');
        } else if (value instanceof Instant instant) {
            appendValue(json, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof OffsetDateTime timestamp) {
            appendValue(json, timestamp.toInstant());
        } else if (value instanceof ZonedDateTime timestamp) {
            appendValue(json, timestamp.toInstant());
        } else if (value instanceof LocalDate date) {
            json.append('"');
            appendDate(json, date);
            json.append('"');
        } else if (value instanceof LocalTime time) {
            json.append('"');
            appendTime(json, time);
            json.append('"');
        } else if (value instanceof byte[] bytes) {
            json.append('"').append(HexFormat.of().formatHex(bytes)).append('"');
        } else if (value instanceof Row row) {
            appendRow(json, row);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                appendString(json, String.valueOf(entry.getKey()));
                json.append(':');
                appendValue(json, entry.getValue());
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            appendArray(json, list.toArray());
        } else if (value.getClass().isArray()) {
            Object[] elements = new Object[Array.getLength(value)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = Array.get(value, i);
            }
            appendArray(json, elements);
        } else {
            appendString(json, value.toString()); // intervals (ISO-8601) and anything else
        }
    }

    private static void appendFloatingPoint(StringBuilder json, Object number, boolean special) {
        if (special) {
            appendString(json, number.toString());
        } else {
            json.append(number);
        }
    }

    private static void appendRow(StringBuilder json, Row row) {
        Set<String> names = row.getFieldNames(true);
        if (names == null) {
            Object[] fields = new Object[row.getArity()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = row.getField(i);
            }
            appendArray(json, fields);
            return;
        }
        json.append('{');
        boolean first = true;
        for (String name : names) {
            if (!first) {
                json.append(',');
            }
            first = false;
            appendString(json, name);
            json.append(':');
            appendValue(json, row.getField(name));
        }
        json.append('}');
    }

    private static void appendArray(StringBuilder json, Object[] elements) {
        json.append('[');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendValue(json, elements[i]);
        }
        json.append(']');
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }

    private static void appendDate(StringBuilder text, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            text.append(year);
        } else {
            appendDigits(text, year, 4);
        }
        text.append('-');
        appendDigits(text, date.getMonthValue(), 2);
        text.append('-');
        appendDigits(text, date.getDayOfMonth(), 2);
    }

    private static void appendTime(StringBuilder text, LocalTime time) {
        appendDigits(text, time.getHour(), 2);
        text.append(':');
        appendDigits(text, time.getMinute(), 2);
        text.append(':');
        appendDigits(text, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos == 0) {
            return;
        }
        text.append('.');
        if (nanos % 1_000_000 == 0) {
            appendDigits(text, nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            appendDigits(text, nanos / 1_000, 6);
        } else {
            appendDigits(text, nanos, 9);
        }
    }

    private static void appendDigits(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        text.append(number);
    }
}
