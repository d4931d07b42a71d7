package dev.flinkkda.kda.functions;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * KDA's {@code STEP(x BY step)} as a value: {@code x} rounded down to a multiple of the step, a
 * timestamp counted from the epoch. The translator calls {@code KDA_STEP(ts, intervalMillis)}; the
 * SQL client's module offers {@code STEP(ts, INTERVAL '10' SECOND)} (Flink's parser has no {@code
 * BY} form) and {@code STEP(n, step)} of integers. Null if an argument is. Its argument types are
 * chosen here, not by Flink's overload resolution, which tried the interval method for an {@code
 * INT} argument (and an {@code INT} one for an interval).
 */
public final class KdaStep extends KdaScalarFunction {

    private static final long serialVersionUID = 1L;

    private static final DataType TIMESTAMP = DataTypes.TIMESTAMP(3);
    private static final DataType INTERVAL = DataTypes.INTERVAL(DataTypes.SECOND(3));

    /** The translator's {@code KDA_STEP(ts, intervalMillis)}. */
    public LocalDateTime eval(LocalDateTime timestamp, Long intervalMillis) {
        if (timestamp == null || intervalMillis == null) {
            return null;
        }
        long millis = timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
        long stepped = Math.floorDiv(millis, intervalMillis) * intervalMillis;
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(stepped), ZoneOffset.UTC);
    }

    /** {@code STEP(ts BY INTERVAL …)} of a day-time interval. */
    public LocalDateTime eval(LocalDateTime timestamp, Duration interval) {
        return interval == null ? null : eval(timestamp, interval.toMillis());
    }

    /** {@code STEP(n BY step)}: rounded down, also below zero ({@code STEP(-7 BY 5)} is -10). */
    public Integer eval(Integer value, Integer step) {
        return value == null || step == null ? null : value - Math.floorMod(value, step);
    }

    /** {@code STEP(n BY step)} of {@code BIGINT}s. */
    public Long eval(Long value, Long step) {
        return value == null || step == null ? null : value - Math.floorMod(value, step);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(new StepArguments())
                .outputTypeStrategy(
                        context ->
                                new StepArguments()
                                        .inferInputTypes(context, false)
                                        .map(types -> types.get(0)))
                .build();
    }

    /** A timestamp and a day-time interval or milliseconds, or two integers. */
    private static final class StepArguments implements InputTypeStrategy {

        @Override
        public ArgumentCount getArgumentCount() {
            return ConstantArgumentCount.of(2);
        }

        @Override
        public Optional<List<DataType>> inferInputTypes(
                CallContext context, boolean throwOnFailure) {
            LogicalType value = context.getArgumentDataTypes().get(0).getLogicalType();
            LogicalType step = context.getArgumentDataTypes().get(1).getLogicalType();
            String problem;
            if (value.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE) || isNull(value)) {
                if (step.is(LogicalTypeRoot.INTERVAL_DAY_TIME) || isNull(step)) {
                    return Optional.of(List.of(TIMESTAMP, INTERVAL));
                }
                if (step.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
                    return Optional.of(List.of(TIMESTAMP, DataTypes.BIGINT()));
                }
                problem = "argument 2 (step) must be a day-time INTERVAL";
            } else if (value.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
                if (step.is(LogicalTypeFamily.INTEGER_NUMERIC) || isNull(step)) {
                    boolean big =
                            value.is(LogicalTypeRoot.BIGINT) || step.is(LogicalTypeRoot.BIGINT);
                    DataType type = big ? DataTypes.BIGINT() : DataTypes.INT();
                    return Optional.of(List.of(type, type));
                }
                problem = "argument 2 (step) of an integer must be an integer";
            } else {
                problem = "argument 1 must be a TIMESTAMP or an integer";
            }
            if (!throwOnFailure) {
                return Optional.empty();
            }
            throw context.newValidationError(
                    "%s: %s, not (%s, %s); it takes (TIMESTAMP, INTERVAL … SECOND|MINUTE|HOUR|DAY)"
                            + " or (integer, integer)",
                    context.getName(), problem, value.asSummaryString(), step.asSummaryString());
        }

        private static boolean isNull(LogicalType type) {
            return type.is(LogicalTypeRoot.NULL);
        }

        @Override
        public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
            return List.of(
                    Signature.of(
                            Signature.Argument.of("timestamp", "TIMESTAMP"),
                            Signature.Argument.of("step", "INTERVAL DAY TO SECOND")),
                    Signature.of(
                            Signature.Argument.of("value", "INTEGER"),
                            Signature.Argument.of("step", "INTEGER")));
        }
    }
}
