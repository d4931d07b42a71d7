package dev.flinkkda.analytics.sketches;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.Optional;

/**
 * The {@code k} argument of {@code TOP_K_ITEMS(x, k)}: an integer constant, {@code 1 <= k <=
 * 100000} (KDA's range, {@link SketchSettings#checkK}). Anything else fails planning with a {@code
 * ValidationException} naming the function and the argument.
 *
 * <p>The planner checks the arguments again when it turns the aggregation into a physical operator
 * (e.g. {@code StreamPhysicalWindowAggregateRule}), with a call context that no longer knows
 * literals (Calcite's aggregate call binding throws {@code UnsupportedOperationException}); by then
 * SQL validation has checked {@code k}, so the type is accepted as it is.
 */
final class TopKArgument implements ArgumentTypeStrategy {

    static final TopKArgument INSTANCE = new TopKArgument();

    private TopKArgument() {}

    @Override
    public Optional<DataType> inferArgumentType(
            CallContext context, int argumentPos, boolean throwOnFailure) {
        DataType type = context.getArgumentDataTypes().get(argumentPos);
        if (!throwOnFailure && type.getLogicalType().is(LogicalTypeRoot.NULL)) {
            // Calcite asks first for the type of an untyped NULL (else: "Illegal use of 'NULL'");
            // an INT lets validation go on to the check below, which names the function
            return Optional.of(DataTypes.INT());
        }
        String problem = problem(context, argumentPos, type);
        if (problem == null) {
            return Optional.of(type);
        }
        if (throwOnFailure) {
            throw context.newValidationError(
                    "%s: argument %d (k) must be an integer constant between %d and %d; %s",
                    context.getName(),
                    argumentPos + 1,
                    SketchSettings.MIN_K,
                    SketchSettings.MAX_K,
                    problem);
        }
        return Optional.empty();
    }

    /** What is wrong with k, or null. */
    private static String problem(CallContext context, int pos, DataType type) {
        boolean literal;
        try {
            literal = context.isArgumentLiteral(pos);
        } catch (UnsupportedOperationException e) {
            return null; // the planner's second look: validation has checked k (see above)
        }
        if (literal && context.isArgumentNull(pos)) {
            return "it is NULL";
        }
        if (!type.getLogicalType().is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return "it is of type " + type.getLogicalType().asSummaryString();
        }
        if (!literal) {
            return "it is not a literal (write the number itself)";
        }
        long k = context.getArgumentValue(pos, Long.class).orElse(0L);
        if (k < SketchSettings.MIN_K || k > SketchSettings.MAX_K) {
            return "it is " + k;
        }
        return null;
    }

    @Override
    public Signature.Argument getExpectedArgument(
            FunctionDefinition functionDefinition, int argumentPos) {
        return Signature.Argument.of("k", "INTEGER NOT NULL");
    }
}
