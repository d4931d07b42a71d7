package dev.flinkkda.kda.json;

import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * KDA's JSON-to-SQL coercion of one value to one column type (AWS KDA developer guide, "Mapping
 * JSON data types to SQL data types"):
 *
 * <ul>
 *   <li>{@code null} is {@code NULL} for every type;
 *   <li>numbers: from JSON numbers and from numeric strings ({@code "42"}, {@code " 4.2e1 "});
 *       {@code true}/{@code false} are 1/0; integer types take whole numbers only ({@code 3.0} is
 *       3, {@code 3.5} is an error); values out of the type's range are errors ({@code 300} for
 *       {@code TINYINT}); {@code DECIMAL(p,s)} rounds half-up to {@code s} digits;
 *   <li>{@code CHAR(n)}/{@code VARCHAR(n)}: strings as they are, numbers as written in the JSON,
 *       {@code true}/{@code false} as {@code 'true'}/{@code 'false'}, objects and arrays as their
 *       JSON text; longer values are truncated to {@code n} characters silently; no padding;
 *   <li>{@code BOOLEAN}: {@code true}/{@code false}, the strings {@code "true"}/{@code "false"}
 *       (any case), and the numbers 1/0;
 *   <li>{@code TIMESTAMP}: strings {@code 2018-08-01T11:00:20}, {@code 2018-08-01 11:00:20}, {@code
 *       1992-02-14 18:35:44.0} (up to 9 fraction digits, cut to the column's precision), {@code
 *       1992-02-14} (midnight), with an optional offset ({@code Z}, {@code +02:00}) that is
 *       converted to UTC; whole numbers are epoch milliseconds;
 *   <li>{@code DATE}: {@code 1992-02-14}; {@code TIME}: {@code 18:35:44[.fff]};
 *   <li>{@code BINARY}/{@code VARBINARY}: strings of hexadecimal digits.
 * </ul>
 *
 * <p>Anything else is an error whose reason reads {@code cannot convert <value> to <KDA type>[:
 * why]}, the value as written in the JSON.
 */
public abstract class JsonCoercion implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int MAX_SHOWN_VALUE_LENGTH = 60;

    // yyyy-MM-dd, then optionally 'T' (a space is read as 'T'), HH:mm[:ss[.f…]] and an offset.
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .optionalStart()
                    .appendOffsetId()
                    .optionalEnd()
                    .optionalEnd()
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT)
                    .withChronology(IsoChronology.INSTANCE);

    /** The type's name in messages, e.g. {@code VARCHAR(4)}. */
    final String typeText;

    JsonCoercion(String typeText) {
        this.typeText = typeText;
    }

    /** Converts a JSON value that is not {@code null} to the column's Java value. */
    abstract Object coerce(JsonValueKind kind, String text) throws CoercionException;

    /**
     * The coercion to a Flink type.
     *
     * @param typeText the type as messages name it, e.g. the KDA type {@code VARCHAR(4)}
     * @throws IllegalArgumentException for a type without coercion (e.g. {@code ARRAY})
     */
    static JsonCoercion forType(LogicalType type, String typeText) {
        switch (type.getTypeRoot()) {
            case CHAR:
                return new ToText(typeText, ((CharType) type).getLength());
            case VARCHAR:
                return new ToText(typeText, ((VarCharType) type).getLength());
            case BOOLEAN:
                return new ToBoolean(typeText);
            case TINYINT:
                return new ToInteger(typeText, Byte.MIN_VALUE, Byte.MAX_VALUE, Byte.class);
            case SMALLINT:
                return new ToInteger(typeText, Short.MIN_VALUE, Short.MAX_VALUE, Short.class);
            case INTEGER:
                return new ToInteger(typeText, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.class);
            case BIGINT:
                return new ToInteger(typeText, Long.MIN_VALUE, Long.MAX_VALUE, Long.class);
            case FLOAT:
                return new ToFloatingPoint(typeText, false);
            case DOUBLE:
                return new ToFloatingPoint(typeText, true);
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return new ToDecimal(typeText, decimal.getPrecision(), decimal.getScale());
            case DATE:
                return new ToDate(typeText);
            case TIME_WITHOUT_TIME_ZONE:
                return new ToTime(typeText, ((TimeType) type).getPrecision());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return new ToTimestamp(typeText, ((TimestampType) type).getPrecision());
            case BINARY:
                return new ToBinary(typeText, ((BinaryType) type).getLength());
            case VARBINARY:
                return new ToBinary(typeText, ((VarBinaryType) type).getLength());
            default:
                throw new IllegalArgumentException(
                        "JSON records cannot fill a column of type " + type.asSummaryString());
        }
    }

    /** The error for a value that cannot be converted. */
    final CoercionException cannotConvert(JsonValueKind kind, String text, String why) {
        return new CoercionException(
                "cannot convert "
                        + shown(kind, text)
                        + " to "
                        + typeText
                        + (why == null ? "" : ": " + why));
    }

    /** The value as the JSON wrote it, shortened. */
    static String shown(JsonValueKind kind, String text) {
        String shown =
                text.length() > MAX_SHOWN_VALUE_LENGTH
                        ? text.substring(0, MAX_SHOWN_VALUE_LENGTH) + "…"
                        : text;
        if (kind == JsonValueKind.STRING) {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(shown)) + '"';
        }
        return shown;
    }

    /**
     * The number a JSON value stands for: JSON numbers, numeric strings, {@code true}/{@code false}
     * as 1/0.
     */
    final BigDecimal toNumber(JsonValueKind kind, String text) throws CoercionException {
        switch (kind) {
            case TRUE:
                return BigDecimal.ONE;
            case FALSE:
                return BigDecimal.ZERO;
            case INTEGER:
            case DECIMAL:
                return number(kind, text, text);
            case STRING:
                return number(kind, text, text.strip());
            default:
                throw cannotConvert(kind, text, null);
        }
    }

    /**
     * {@code digits} as a number: ASCII only (BigDecimal would also read the digits of other
     * scripts, which no other part of the job reads), an exponent that fits an {@code int}.
     */
    private BigDecimal number(JsonValueKind kind, String text, String digits)
            throws CoercionException {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) > 127) {
                throw cannotConvert(kind, text, null);
            }
        }
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw cannotConvert(kind, text, null); // also an exponent beyond an int's range
        }
    }

    /** A value that cannot be converted; the message is the reason. No stack trace. */
    static final class CoercionException extends Exception {
        private static final long serialVersionUID = 1L;

        CoercionException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final class ToText extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final int length;

        ToText(String typeText, int length) {
            super(typeText);
            this.length = length;
        }

        @Override
        Object coerce(JsonValueKind kind, String text) {
            String value =
                    switch (kind) {
                        case TRUE -> "true";
                        case FALSE -> "false";
                        default -> text;
                    };
            // KDA truncates longer strings silently; length counts characters (code points).
            if (value.length() > length && value.codePointCount(0, value.length()) > length) {
                return value.substring(0, value.offsetByCodePoints(0, length));
            }
            return value;
        }
    }

    private static final class ToBoolean extends JsonCoercion {
        private static final long serialVersionUID = 1L;

        ToBoolean(String typeText) {
            super(typeText);
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            switch (kind) {
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case INTEGER:
                    if (text.equals("0") || text.equals("1")) {
                        return text.equals("1");
                    }
                    throw cannotConvert(kind, text, "only 0 and 1 are booleans");
                case STRING:
                    String word = text.strip();
                    if (word.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (word.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    throw cannotConvert(kind, text, null);
                default:
                    throw cannotConvert(kind, text, null);
            }
        }
    }

    private static final class ToInteger extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final long min;
        private final long max;
        private final Class<?> javaClass;

        ToInteger(String typeText, long min, long max, Class<?> javaClass) {
            super(typeText);
            this.min = min;
            this.max = max;
            this.javaClass = javaClass;
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            long value;
            if (kind == JsonValueKind.INTEGER && text.length() < 19) {
                value = Long.parseLong(text); // fast path: fits a long for sure
            } else {
                BigDecimal number = toNumber(kind, text);
                if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
                    throw cannotConvert(kind, text, "not a whole number");
                }
                try {
                    value = number.longValueExact();
                } catch (ArithmeticException e) {
                    throw cannotConvert(kind, text, "out of range");
                }
            }
            if (value < min || value > max) {
                throw cannotConvert(kind, text, "out of range");
            }
            if (javaClass == Long.class) {
                return value;
            }
            if (javaClass == Integer.class) {
                return (int) value;
            }
            if (javaClass == Short.class) {
                return (short) value;
            }
            return (byte) value;
        }
    }

    private static final class ToFloatingPoint extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final boolean isDouble;

        ToFloatingPoint(String typeText, boolean isDouble) {
            super(typeText);
            this.isDouble = isDouble;
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            String digits;
            switch (kind) {
                case INTEGER:
                case DECIMAL:
                    digits = text; // JSON number syntax, which Java's parser reads as it is
                    break;
                case STRING:
                    digits = text.strip();
                    toNumber(kind, text); // rejects what is no number, e.g. "NaN", "1d", "0x1p3"
                    break;
                default:
                    digits = toNumber(kind, text).toPlainString();
            }
            if (isDouble) {
                double value = Double.parseDouble(digits);
                if (Double.isInfinite(value)) {
                    throw cannotConvert(kind, text, "out of range");
                }
                return value;
            }
            float value = Float.parseFloat(digits);
            if (Float.isInfinite(value)) {
                throw cannotConvert(kind, text, "out of range");
            }
            return value;
        }
    }

    private static final class ToDecimal extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final int precision;
        private final int scale;

        ToDecimal(String typeText, int precision, int scale) {
            super(typeText);
            this.precision = precision;
            this.scale = scale;
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            BigDecimal number = toNumber(kind, text);
            // Decided on the number's magnitude first: 1e999999999 or 1e-999999999 would make
            // setScale build a number of a billion digits.
            int integerDigits = number.precision() - number.scale();
            if (number.signum() == 0 || integerDigits < -scale) {
                return BigDecimal.ZERO.setScale(scale); // rounds to zero
            }
            if (integerDigits > precision - scale) {
                throw cannotConvert(kind, text, "out of range");
            }
            BigDecimal value = number.setScale(scale, RoundingMode.HALF_UP);
            if (value.precision() > precision) {
                throw cannotConvert(kind, text, "out of range");
            }
            return value;
        }
    }

    private static final class ToDate extends JsonCoercion {
        private static final long serialVersionUID = 1L;

        ToDate(String typeText) {
            super(typeText);
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            if (kind == JsonValueKind.STRING) {
                LocalDate date;
                try {
                    date = LocalDate.parse(text.strip());
                } catch (DateTimeException e) {
                    throw cannotConvert(kind, text, null);
                }
                return inRange(date, kind, text);
            }
            throw cannotConvert(kind, text, null);
        }
    }

    private static final class ToTime extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final int precision;

        ToTime(String typeText, int precision) {
            super(typeText);
            this.precision = precision;
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            if (kind == JsonValueKind.STRING) {
                try {
                    LocalTime time = LocalTime.parse(text.strip());
                    return time.withNano(truncateNanos(time.getNano(), precision));
                } catch (DateTimeException e) {
                    throw cannotConvert(kind, text, null);
                }
            }
            throw cannotConvert(kind, text, null);
        }
    }

    /** To {@link LocalDateTime} in UTC. */
    static final class ToTimestamp extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final int precision;

        ToTimestamp(String typeText, int precision) {
            super(typeText);
            this.precision = precision;
        }

        @Override
        LocalDateTime coerce(JsonValueKind kind, String text) throws CoercionException {
            if (kind == JsonValueKind.INTEGER) {
                LocalDateTime timestamp;
                try {
                    timestamp =
                            LocalDateTime.ofInstant(
                                    Instant.ofEpochMilli(Long.parseLong(text)), ZoneOffset.UTC);
                } catch (NumberFormatException | DateTimeException e) {
                    throw cannotConvert(kind, text, "out of range");
                }
                inRange(timestamp.toLocalDate(), kind, text);
                return timestamp;
            }
            if (kind != JsonValueKind.STRING) {
                throw cannotConvert(kind, text, null);
            }
            LocalDateTime fast = parseCommonTimestamp(text);
            if (fast != null) {
                int nanos = fast.getNano();
                int kept = truncateNanos(nanos, precision);
                return kept == nanos ? fast : fast.withNano(kept);
            }
            String value = text.strip();
            if (value.length() > 10 && value.charAt(10) == ' ') {
                value = value.substring(0, 10) + 'T' + value.substring(11);
            }
            LocalDateTime timestamp;
            try {
                TemporalAccessor parsed = TIMESTAMP_FORMAT.parse(value);
                LocalDate date = parsed.query(TemporalQueries.localDate());
                LocalTime time = parsed.query(TemporalQueries.localTime());
                timestamp = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
                ZoneOffset offset = parsed.query(TemporalQueries.offset());
                if (offset != null && offset.getTotalSeconds() != 0) {
                    timestamp = timestamp.minusSeconds(offset.getTotalSeconds());
                }
            } catch (DateTimeException e) {
                throw cannotConvert(kind, text, null);
            }
            inRange(timestamp.toLocalDate(), kind, text);
            int nanos = timestamp.getNano();
            int kept = truncateNanos(nanos, precision);
            return kept == nanos ? timestamp : timestamp.withNano(kept);
        }
    }

    private static final class ToBinary extends JsonCoercion {
        private static final long serialVersionUID = 1L;
        private final int length;

        ToBinary(String typeText, int length) {
            super(typeText);
            this.length = length;
        }

        @Override
        Object coerce(JsonValueKind kind, String text) throws CoercionException {
            if (kind != JsonValueKind.STRING) {
                throw cannotConvert(kind, text, null);
            }
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(text.strip());
            } catch (IllegalArgumentException e) {
                throw cannotConvert(kind, text, "expected hexadecimal digits, two per byte");
            }
            if (bytes.length > length) {
                return Arrays.copyOf(bytes, length);
            }
            return bytes;
        }
    }

    /**
     * The common forms {@code yyyy-MM-dd HH:mm:ss[.f…]} and {@code yyyy-MM-ddTHH:mm:ss[.f…]} read
     * without a {@link DateTimeFormatter}, which costs most of a record's parsing; null for any
     * other text (the formatter then decides, and reports errors).
     */
    static LocalDateTime parseCommonTimestamp(String text) {
        int length = text.length();
        if (length < 19
                || length == 20
                || length > 29
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != ' ' && text.charAt(10) != 'T')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || (length > 19 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        if (length > 19) {
            int fraction = digits(text, 20, length - 20);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. month 13: the formatter reports it
        }
    }

    /** The number of {@code count} decimal digits at {@code start}, or -1 if one is no digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * {@code date}, if in the years 0000 to 9999 that SQL's (and Flink's) {@code DATE} and {@code
     * TIMESTAMP} hold: beyond them Flink's conversions overflow and print wrong years.
     */
    final LocalDate inRange(LocalDate date, JsonValueKind kind, String text)
            throws CoercionException {
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw cannotConvert(kind, text, "beyond the years 0000 to 9999");
        }
        return date;
    }

    /** Nanoseconds cut to {@code precision} fraction digits. */
    static int truncateNanos(int nanos, int precision) {
        int unit = 1;
        for (int digits = precision; digits < 9; digits++) {
            unit *= 10;
        }
        return nanos - nanos % unit;
    }

    /** Epoch milliseconds of a UTC timestamp. */
    public static long epochMillis(LocalDateTime timestamp) {
        return timestamp.toEpochSecond(ZoneOffset.UTC) * 1000L
                + timestamp.get(ChronoField.MILLI_OF_SECOND);
    }
}
