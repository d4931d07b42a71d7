package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.expr.Literal;

import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code CAST} of a constant: a string or number that cannot become the target type would fail on
 * every row in KDA, so it is an error before the job starts.
 */
final class ConstantCasts {

    private ConstantCasts() {}

    static Optional<String> check(Literal literal, DataType target) {
        LogicalType to = target.getLogicalType();
        String text = literal.value().trim();
        String quoted = literal.kind() == Literal.Kind.STRING ? "'" + literal.value() + "'" : text;
        String why = "cannot CAST " + quoted + " to " + to.copy(true).asSummaryString() + ": ";
        try {
            switch (to.getTypeRoot()) {
                case TINYINT:
                    return range(why, text, 8);
                case SMALLINT:
                    return range(why, text, 16);
                case INTEGER:
                    return range(why, text, 32);
                case BIGINT:
                    return range(why, text, 64);
                case DECIMAL:
                    DecimalType decimal = (DecimalType) to;
                    BigDecimal value =
                            new BigDecimal(text).setScale(decimal.getScale(), RoundingMode.HALF_UP);
                    if (value.precision() - value.scale()
                            > decimal.getPrecision() - decimal.getScale()) {
                        return Optional.of(why + "too many digits");
                    }
                    return Optional.empty();
                case FLOAT:
                case DOUBLE:
                    Double.parseDouble(text);
                    return Optional.empty();
                case BOOLEAN:
                    String b = text.toUpperCase(Locale.ROOT);
                    return b.equals("TRUE") || b.equals("FALSE") || b.equals("UNKNOWN")
                            ? Optional.empty()
                            : Optional.of(why + "not TRUE or FALSE");
                case DATE:
                    if (literal.kind() == Literal.Kind.STRING) {
                        LocalDate.parse(text);
                    }
                    return Optional.empty();
                case TIME_WITHOUT_TIME_ZONE:
                    if (literal.kind() == Literal.Kind.STRING) {
                        LocalTime.parse(text);
                    }
                    return Optional.empty();
                case TIMESTAMP_WITHOUT_TIME_ZONE:
                    if (literal.kind() == Literal.Kind.STRING) {
                        LocalDateTime.parse(text.replace(' ', 'T'));
                    }
                    return Optional.empty();
                default:
                    return Optional.empty();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.of(why + "not a number");
        } catch (DateTimeParseException e) {
            return Optional.of(why + "not a " + to.getTypeRoot().name().toLowerCase(Locale.ROOT));
        }
    }

    /** A whole number of {@code bits}, after KDA's rounding (SR CAST, "Real to integer"). */
    private static Optional<String> range(String why, String text, int bits) {
        BigInteger value = new BigDecimal(text).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        return value.bitLength() < bits ? Optional.empty() : Optional.of(why + "out of range");
    }

    static boolean isString(LogicalType type) {
        return type.is(LogicalTypeRoot.CHAR) || type.is(LogicalTypeRoot.VARCHAR);
    }
}
