package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.functions.logparse.LogParser;
import dev.flinkkda.kda.functions.logparse.LogParserSpecException;
import dev.flinkkda.kda.functions.logparse.LogParsers;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.types.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A KDA log-parsing function as a Flink scalar function: {@code f(line, literal, …)} returns a
 * {@code ROW} whose fields the literal arguments decide (a regular expression's groups, a column
 * list, a W3C format). The planner reads the literals from the call to infer the row type through
 * {@link LogParsers#compile}, the same compilation the translator uses; {@code eval} compiles once
 * per literal arguments and parses each line. A null line, or one that does not have the parser's
 * shape, gives a null row (whose fields read as null).
 *
 * <p>The arguments after the line must be literals: otherwise, or if a literal cannot be used,
 * planning fails with a {@link ValidationException} naming the function and the argument.
 */
public abstract class LogParserFunction extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    private final String kdaName;
    private final int minArguments;
    private final int maxArguments;

    private transient List<Object> compiledFor;
    private transient LogParser parser;

    /**
     * @param kdaName the function's KDA name, e.g. {@code REGEX_LOG_PARSE}
     * @param minArguments the fewest arguments, the line included
     * @param maxArguments the most arguments, the line included
     */
    protected LogParserFunction(String kdaName, int minArguments, int maxArguments) {
        this.kdaName = kdaName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    /** The line's fields, or null; see the class comment. */
    public Row eval(Object... arguments) {
        String line = arguments[0] == null ? null : arguments[0].toString();
        if (line == null) {
            return null;
        }
        List<Object> literals = Arrays.asList(arguments).subList(1, arguments.length);
        if (parser == null || !literals.equals(compiledFor)) {
            parser = LogParsers.compile(kdaName, literals);
            compiledFor = new ArrayList<>(literals);
        }
        Object[] values = parser.parse(line);
        return values == null ? null : Row.of(values);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(new LiteralArguments())
                .outputTypeStrategy(context -> Optional.of(compile(context).rowType()))
                .build();
    }

    private LogParser compile(CallContext context) {
        List<DataType> types = context.getArgumentDataTypes();
        List<Object> literals = new ArrayList<>();
        for (int i = 1; i < types.size(); i++) {
            if (!context.isArgumentLiteral(i)) {
                throw context.newValidationError(
                        "%s: argument %d must be a literal (a constant string or number), as it"
                                + " decides the columns of the result",
                        kdaName, i + 1);
            }
            literals.add(literalValue(context, kdaName, i, types.get(i)));
        }
        try {
            return LogParsers.compile(kdaName, literals);
        } catch (LogParserSpecException e) {
            throw context.newValidationError("%s", e.getMessage());
        }
    }

    private static Object literalValue(
            CallContext context, String kdaName, int index, DataType type) {
        if (context.isArgumentNull(index)) {
            return null;
        }
        if (type.getLogicalType().is(LogicalTypeFamily.CHARACTER_STRING)) {
            return context.getArgumentValue(index, String.class).orElse(null);
        }
        if (type.getLogicalType().is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return context.getArgumentValue(index, Long.class).orElse(null);
        }
        if (type.getLogicalType().is(LogicalTypeRoot.DECIMAL)) {
            return context.getArgumentValue(index, java.math.BigDecimal.class).orElse(null);
        }
        throw context.newValidationError(
                "%s: argument %d must be a string or a number, not %s",
                kdaName, index + 1, type.getLogicalType().asSummaryString());
    }

    /** The line as a string, the literals as they are, after checking them. */
    private final class LiteralArguments implements InputTypeStrategy {

        @Override
        public ArgumentCount getArgumentCount() {
            return ConstantArgumentCount.between(minArguments, maxArguments);
        }

        @Override
        public Optional<List<DataType>> inferInputTypes(
                CallContext context, boolean throwOnFailure) {
            List<DataType> types = context.getArgumentDataTypes();
            if (!types.get(0).getLogicalType().is(LogicalTypeFamily.CHARACTER_STRING)
                    && !types.get(0).getLogicalType().is(LogicalTypeRoot.NULL)) {
                if (throwOnFailure) {
                    throw context.newValidationError(
                            "%s: argument 1 must be a string, not %s",
                            kdaName, types.get(0).getLogicalType().asSummaryString());
                }
                return Optional.empty();
            }
            try {
                compile(context);
            } catch (ValidationException e) {
                if (throwOnFailure) {
                    throw e;
                }
                return Optional.empty();
            }
            List<DataType> inferred = new ArrayList<>(types);
            inferred.set(0, DataTypes.STRING());
            return Optional.of(inferred);
        }

        @Override
        public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
            List<Signature.Argument> arguments = new ArrayList<>();
            arguments.add(Signature.Argument.of("line", "STRING"));
            for (int i = 1; i < maxArguments; i++) {
                arguments.add(
                        Signature.Argument.of(i < minArguments ? "literal" : "[literal]", "ANY"));
            }
            return List.of(Signature.of(arguments));
        }
    }
}
