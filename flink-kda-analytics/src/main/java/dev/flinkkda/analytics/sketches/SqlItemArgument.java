package dev.flinkkda.analytics.sketches;

import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.Optional;

/**
 * The item argument of the SQL sketch aggregates: which SQL types it takes, and the Java class each
 * arrives as. An argument of another type fails planning with a {@code ValidationException} naming
 * the function and the argument.
 */
final class SqlItemArgument implements ArgumentTypeStrategy {

    private final boolean anyScalar;

    private SqlItemArgument(boolean anyScalar) {
        this.anyScalar = anyScalar;
    }

    /**
     * Any predefined scalar type: strings, binary strings, booleans, numbers, dates, times,
     * timestamps and intervals (intervals arrive as their {@code Integer} months or {@code Long}
     * milliseconds).
     */
    static SqlItemArgument anyScalar() {
        return new SqlItemArgument(true);
    }

    /** A character string or an integer (TINYINT … BIGINT): items whose text is unambiguous. */
    static SqlItemArgument stringOrInteger() {
        return new SqlItemArgument(false);
    }

    @Override
    public Optional<DataType> inferArgumentType(
            CallContext context, int argumentPos, boolean throwOnFailure) {
        DataType actual = context.getArgumentDataTypes().get(argumentPos);
        LogicalType type = actual.getLogicalType();
        if (!accepts(type)) {
            if (throwOnFailure) {
                throw context.newValidationError(
                        "%s: argument %d (the item) must be %s, not %s%s",
                        context.getName(),
                        argumentPos + 1,
                        description(),
                        type.asSummaryString(),
                        anyScalar ? "" : "; cast it, e.g. CAST(x AS STRING)");
            }
            return Optional.empty();
        }
        if (type.is(LogicalTypeRoot.INTERVAL_YEAR_MONTH)) {
            return Optional.of(actual.bridgedTo(Integer.class));
        }
        if (type.is(LogicalTypeRoot.INTERVAL_DAY_TIME)) {
            return Optional.of(actual.bridgedTo(Long.class));
        }
        return Optional.of(actual);
    }

    private boolean accepts(LogicalType type) {
        if (!anyScalar) {
            return type.is(LogicalTypeFamily.CHARACTER_STRING)
                    || type.is(LogicalTypeFamily.INTEGER_NUMERIC);
        }
        return type.is(LogicalTypeFamily.PREDEFINED)
                && !type.is(LogicalTypeRoot.TIMESTAMP_WITH_TIME_ZONE);
    }

    private String description() {
        return anyScalar
                ? "a scalar (a string, number, boolean, date, time, timestamp or interval)"
                : "a character string or an integer";
    }

    @Override
    public Signature.Argument getExpectedArgument(
            FunctionDefinition functionDefinition, int argumentPos) {
        return Signature.Argument.of("item", anyScalar ? "<SCALAR>" : "<STRING or INTEGER>");
    }
}
