package dev.flinkkda.kda.functions.logparse;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Turns the text of one parsed field into a value of its SQL type (the type's default Flink
 * conversion class). Text that is not a value of the type (e.g. {@code abc} for an {@code INTEGER})
 * gives null for that field, as does an empty field of a type other than {@code CHAR}/{@code
 * VARCHAR}. Numbers, booleans, dates and times are trimmed first; strings are kept as they are.
 *
 * <p>{@code DATE}, {@code TIME} and {@code TIMESTAMP} fields read {@code yyyy-MM-dd}, {@code
 * HH:mm:ss[.fff]} and {@code yyyy-MM-dd HH:mm:ss[.fff]} (or with a {@code T}), or, when the column
 * description gives a format, that {@link SimpleDateFormat} pattern, in UTC, as KDA does.
 */
final class FieldConverter implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter TIME =
            new DateTimeFormatterBuilder()
                    .appendPattern("HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .append(TIME)
                    .toFormatter(Locale.ROOT);

    private final DataType type;
    private final String dateFormat;
    private final int maxLength;

    private FieldConverter(DataType type, String dateFormat, int maxLength) {
        this.type = type;
        this.dateFormat = dateFormat;
        this.maxLength = maxLength;
    }

    /** A converter that keeps strings whole: for the default {@code VARCHAR(1024)} columns. */
    static FieldConverter string() {
        return new FieldConverter(
                org.apache.flink.table.api.DataTypes.VARCHAR(RegexLogParser.FIELD_LENGTH),
                null,
                Integer.MAX_VALUE);
    }

    /**
     * A converter to {@code type}.
     *
     * @param dateFormat a {@link SimpleDateFormat} pattern for a {@code DATE}, {@code TIME} or
     *     {@code TIMESTAMP} field, or empty
     * @throws IllegalArgumentException for a type a log parser cannot produce (binary types), a
     *     format given for a type other than a date or time, or a format that is not a pattern; the
     *     message says which
     */
    static FieldConverter of(DataType type, Optional<String> dateFormat) {
        Objects.requireNonNull(type, "type");
        LogicalType logical = type.getLogicalType();
        switch (logical.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                requireNoDateFormat(dateFormat, logical);
                return new FieldConverter(type, null, LogicalTypeChecks.getLength(logical));
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case FLOAT:
            case DOUBLE:
            case DECIMAL:
                requireNoDateFormat(dateFormat, logical);
                return new FieldConverter(type, null, Integer.MAX_VALUE);
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                if (dateFormat.isPresent()) {
                    try {
                        new SimpleDateFormat(dateFormat.get(), Locale.ENGLISH);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "'"
                                        + dateFormat.get()
                                        + "' is not a date format: "
                                        + e.getMessage(),
                                e);
                    }
                }
                return new FieldConverter(type, dateFormat.orElse(null), Integer.MAX_VALUE);
            default:
                throw new IllegalArgumentException(
                        logical.asSummaryString() + " cannot be the type of a parsed log field");
        }
    }

    /**
     * Rejects a date format given for {@code logical}, a type that is not a date or time: the
     * string and the numeric types refuse one alike.
     */
    private static void requireNoDateFormat(Optional<String> dateFormat, LogicalType logical) {
        if (dateFormat.isPresent()) {
            throw new IllegalArgumentException(
                    "a format such as '"
                            + dateFormat.get()
                            + "' goes with DATE, TIME and TIMESTAMP only, not "
                            + logical.asSummaryString());
        }
    }

    /** The value of {@code text}, or null if it is null or not a value of the type. */
    Object convert(String text) {
        if (text == null) {
            return null;
        }
        LogicalType logical = type.getLogicalType();
        switch (logical.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return text.length() > maxLength ? text.substring(0, maxLength) : text;
            default:
                break;
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            switch (logical.getTypeRoot()) {
                case BOOLEAN:
                    if (trimmed.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    return trimmed.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case TINYINT:
                    return Byte.valueOf(trimmed);
                case SMALLINT:
                    return Short.valueOf(trimmed);
                case INTEGER:
                    return Integer.valueOf(trimmed);
                case BIGINT:
                    return Long.valueOf(trimmed);
                case FLOAT:
                    return Float.valueOf(trimmed);
                case DOUBLE:
                    return Double.valueOf(trimmed);
                case DECIMAL:
                    {
                        DecimalType decimal = (DecimalType) logical;
                        BigDecimal value =
                                new BigDecimal(trimmed)
                                        .setScale(decimal.getScale(), RoundingMode.HALF_UP);
                        return value.precision() > decimal.getPrecision() ? null : value;
                    }
                case DATE:
                    return dateFormat == null
                            ? LocalDate.parse(trimmed)
                            : formatted(trimmed).toLocalDate();
                case TIME_WITHOUT_TIME_ZONE:
                    return dateFormat == null
                            ? LocalTime.parse(trimmed, TIME)
                            : formatted(trimmed).toLocalTime();
                case TIMESTAMP_WITHOUT_TIME_ZONE:
                    return dateFormat == null
                            ? LocalDateTime.parse(trimmed, TIMESTAMP)
                            : formatted(trimmed);
                default:
                    throw new IllegalStateException("unexpected type " + logical);
            }
        } catch (NumberFormatException | DateTimeParseException | ParseException e) {
            return null;
        }
    }

    private LocalDateTime formatted(String text) throws ParseException {
        SimpleDateFormat format = new SimpleDateFormat(dateFormat, Locale.ENGLISH);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        format.setLenient(false);
        Instant instant = format.parse(text).toInstant();
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
