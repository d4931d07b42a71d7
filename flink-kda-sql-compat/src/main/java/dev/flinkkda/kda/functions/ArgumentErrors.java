package dev.flinkkda.kda.functions;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeCasts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A function's input type strategy whose failure says which argument does not fit: {@code TSDIFF:
 * argument 1 (first) must be TIMESTAMP(3), not INT NOT NULL}, followed by the signatures. Flink's
 * own message lists the signatures only; the SQL client shows this one, the root cause.
 */
public final class ArgumentErrors implements InputTypeStrategy {

    private final InputTypeStrategy strategy;
    private final DataTypeFactory typeFactory;

    private ArgumentErrors(InputTypeStrategy strategy, DataTypeFactory typeFactory) {
        this.strategy = strategy;
        this.typeFactory = typeFactory;
    }

    /**
     * {@code inference} with its input strategy's failures naming the argument. Typed arguments are
     * left out: Flink checks those itself, with a message that does not name the function.
     */
    public static TypeInference naming(TypeInference inference, DataTypeFactory typeFactory) {
        TypeInference.Builder builder =
                TypeInference.newBuilder()
                        .inputTypeStrategy(
                                new ArgumentErrors(inference.getInputTypeStrategy(), typeFactory))
                        .outputTypeStrategy(inference.getOutputTypeStrategy());
        inference.getAccumulatorTypeStrategy().ifPresent(builder::accumulatorTypeStrategy);
        return builder.build();
    }

    @Override
    public ArgumentCount getArgumentCount() {
        return strategy.getArgumentCount();
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(CallContext context, boolean throwOnFailure) {
        Optional<List<DataType>> inferred = strategy.inferInputTypes(context, false);
        if (inferred.isPresent() || !throwOnFailure) {
            return inferred;
        }
        throw context.newValidationError("%s", message(context));
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
        return strategy.getExpectedSignatures(definition);
    }

    private String message(CallContext context) {
        String name = context.getName();
        List<DataType> actual = context.getArgumentDataTypes();
        List<Signature> signatures =
                strategy.getExpectedSignatures(context.getFunctionDefinition());
        String expected =
                signatures.stream()
                        .map(s -> signatureText(name, s))
                        .collect(Collectors.joining(", "));
        Signature closest = null;
        int fitting = -1;
        for (Signature signature : signatures) {
            if (signature.getArguments().size() == actual.size()) {
                int fits = fittingArguments(signature, actual);
                if (fits > fitting) {
                    fitting = fits;
                    closest = signature;
                }
            }
        }
        if (closest == null || fitting == actual.size()) {
            return String.format(
                    "%s does not take (%s); it takes %s",
                    name,
                    actual.stream()
                            .map(t -> t.getLogicalType().asSummaryString())
                            .collect(Collectors.joining(", ")),
                    expected);
        }
        Signature.Argument argument = closest.getArguments().get(fitting);
        return String.format(
                "%s: argument %d%s must be %s, not %s; %s takes %s",
                name,
                fitting + 1,
                argument.getName().map(n -> " (" + n + ")").orElse(""),
                argument.getType(),
                actual.get(fitting).getLogicalType().asSummaryString(),
                name,
                expected);
    }

    /** How many arguments from the first on {@code signature} takes as they are. */
    private int fittingArguments(Signature signature, List<DataType> actual) {
        for (int i = 0; i < actual.size(); i++) {
            Optional<LogicalType> expected = parse(signature.getArguments().get(i).getType());
            LogicalType given = actual.get(i).getLogicalType();
            if (expected.isPresent()
                    && !given.is(LogicalTypeRoot.NULL)
                    && !LogicalTypeCasts.supportsImplicitCast(given, expected.get())) {
                return i;
            }
        }
        return actual.size();
    }

    private Optional<LogicalType> parse(String type) {
        try {
            return Optional.of(typeFactory.createDataType(type).getLogicalType());
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private static String signatureText(String name, Signature signature) {
        return name
                + signature.getArguments().stream()
                        .map(a -> a.getName().map(n -> n + " => ").orElse("") + a.getType())
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
