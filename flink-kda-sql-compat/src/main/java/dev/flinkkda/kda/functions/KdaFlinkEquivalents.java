package dev.flinkkda.kda.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.utils.DateTimeUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * KDA functions that the translator writes as Flink's own functions with the arguments reordered or
 * converted ({@code CHAR_TO_TIMESTAMP(f, s)} is {@code TO_TIMESTAMP(s, f)}), as functions of their
 * own with KDA's argument order, for the SQL client's {@code kda} module. Each calls the method of
 * Flink's {@link DateTimeUtils} that Flink's function is generated to call, so that both give the
 * same values.
 */
public final class KdaFlinkEquivalents {

    private KdaFlinkEquivalents() {}

    /**
     * {@code CHAR_TO_TIMESTAMP(format, text)}: Flink's {@code TO_TIMESTAMP(text, format)}; null
     * where the text does not match.
     */
    public static final class CharToTimestamp extends ScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(String format, String text) {
            if (format == null || text == null) {
                return null;
            }
            TimestampData parsed = DateTimeUtils.parseTimestampData(text, format);
            return parsed == null ? null : parsed.toLocalDateTime();
        }
    }

    /** {@code CHAR_TO_DATE(format, text)}: Flink's {@code TO_DATE(text, format)}. */
    public static final class CharToDate extends ScalarFunction {
        private static final long serialVersionUID = 1L;

        public LocalDate eval(String format, String text) {
            if (format == null || text == null) {
                return null;
            }
            return LocalDate.ofEpochDay(DateTimeUtils.parseDate(text, format));
        }
    }

    /** {@code DATE_TO_CHAR(format, date)}: Flink's {@code DATE_FORMAT(date, format)}. */
    public static final class DateToChar extends ScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(String format, LocalDate date) {
            if (format == null || date == null) {
                return null;
            }
            return DateTimeUtils.formatTimestamp(
                    TimestampData.fromLocalDateTime(date.atStartOfDay()), format);
        }
    }

    /**
     * KDA's {@code TO_TIMESTAMP(millis)}: the UTC timestamp of epoch milliseconds; the translator's
     * {@code CAST(TO_TIMESTAMP_LTZ(millis, 3) AS TIMESTAMP(3))} in the UTC session its scripts set.
     * Flink's own {@code TO_TIMESTAMP} parses a string.
     */
    public static final class ToTimestamp extends ScalarFunction {
        private static final long serialVersionUID = 1L;

        public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(Long millis) {
            return millis == null
                    ? null
                    : LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        }
    }
}
