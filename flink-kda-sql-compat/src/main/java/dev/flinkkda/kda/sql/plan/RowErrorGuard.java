package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.Literal;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.expr.TypedExpressions;
import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The error that evaluating an expression on a row raises, as an expression of its own: KDA sends
 * such a row to {@code error_stream} and goes on, where Flink would fail the job (integer division
 * by zero, a {@code CAST} of a string that is no number) or give a wrong value without a word (an
 * integer overflow wraps round).
 *
 * <p>{@link #error} gives a {@code VARCHAR} expression that is {@code NULL} on a row without error,
 * else {@code ERROR_NAME|message}, e.g. {@code DIVISION_BY_ZERO|division by zero}. It never raises
 * an error itself: the operands it tests are the expression's own operands made safe (division by
 * zero gives NULL, {@code CAST} becomes {@code TRY_CAST}). It follows SQL's evaluation order where
 * that decides whether a part is evaluated at all, so that a guard written in the application still
 * guards:
 *
 * <pre>
 * CASE WHEN b = 0 THEN 0 ELSE a / b END   no error: a / b is not evaluated when b = 0
 * b &lt;&gt; 0 AND a / b &gt; 1                    no error: AND stops at FALSE
 * COALESCE(x, a / b)                       an error only when x is NULL and b = 0
 * a / NULLIF(b, 0)                         no error: a / NULL is NULL
 * </pre>
 *
 * <p>What is checked: {@code /} and {@code MOD} by zero (every numeric type: SQL's "division by
 * zero" data exception, which KDA reports); {@code CAST} of a string to another type; {@code CAST}
 * of a number to a narrower integer or a {@code DECIMAL} it does not fit; integer {@code +}, {@code
 * -}, {@code *} and unary minus beyond the result type's range; flink-kda's functions that fail on
 * a row's values: an interval divided by zero, {@code SUBSTRING} with a negative length, {@code
 * CHAR_TO_TIME} of a text its format does not match.
 */
final class RowErrorGuard {

    /** Between the {@link ErrorName} and the message in the error expression's value. */
    static final char SEPARATOR = '|';

    private static final DataType TEXT = DataTypes.STRING();
    private static final DataType WIDE = DataTypes.DECIMAL(38, 0);

    private RowErrorGuard() {}

    /** The error of evaluating {@code e} on a row; empty if {@code e} cannot raise one. */
    static Optional<TypedExpression> error(TypedExpression e) {
        return guard(e, false).error();
    }

    /**
     * The first error of {@code where}, then, on the rows {@code where} keeps (all when it is
     * empty), of {@code expressions} from left to right.
     */
    static Optional<TypedExpression> error(
            Optional<TypedExpression> where, List<TypedExpression> expressions) {
        return safeRow(where, expressions, false).error();
    }

    /**
     * A filter and projection made safe to evaluate on every row, with the first error it raises on
     * a row (as {@link #error(Optional, List)}), for a check after the projection rather than
     * before it: where no input row of its own can be checked first (the rows of a join) or the
     * expressions read aggregates.
     *
     * @param where the filter, if any
     * @param aggregatesAreValues whether aggregate calls are values of the row, as in a window's
     *     select list and {@code HAVING} (their arguments are checked before the window)
     */
    static SafeRow safeRow(
            Optional<TypedExpression> where,
            List<TypedExpression> expressions,
            boolean aggregatesAreValues) {
        List<Guarded> guarded = new ArrayList<>();
        expressions.forEach(e -> guarded.add(guard(e, aggregatesAreValues)));
        List<TypedExpression> safe = guarded.stream().map(Guarded::safe).toList();
        Optional<TypedExpression> rowError = first(guarded.stream().map(Guarded::error).toList());
        if (where.isEmpty()) {
            return new SafeRow(Optional.empty(), safe, rowError);
        }
        Guarded condition = guard(where.get(), aggregatesAreValues);
        Optional<TypedExpression> error =
                first(List.of(condition.error(), when(is(condition.safe(), "TRUE"), rowError)));
        TypedExpression keeps =
                error.isEmpty()
                        ? condition.safe()
                        : Call.of(
                                KdaFunctionTable.OR,
                                List.of(is(condition.safe(), "TRUE"), is(error.get(), "NOT NULL")),
                                bool());
        return new SafeRow(Optional.of(keeps), safe, error);
    }

    /**
     * A filter and expressions that raise no error, and the error the originals raise.
     *
     * @param where keeps the rows the original filter keeps and the rows with an error
     * @param expressions the expressions' safe forms: NULL where the original raises an error
     * @param error {@code ERROR_NAME|message} on a row with an error, else NULL; empty when no row
     *     can have one
     */
    record SafeRow(
            Optional<TypedExpression> where,
            List<TypedExpression> expressions,
            Optional<TypedExpression> error) {}

    /** An expression made safe, and its error. */
    private record Guarded(TypedExpression safe, Optional<TypedExpression> error) {}

    private static Guarded guard(TypedExpression e, boolean aggregatesAreValues) {
        if (!(e instanceof Call call)
                || (aggregatesAreValues && TypedExpressions.isAggregate(call))) {
            return new Guarded(e, Optional.empty());
        }
        List<Guarded> arguments = new ArrayList<>();
        call.arguments().forEach(a -> arguments.add(guard(a, aggregatesAreValues)));
        List<TypedExpression> safe = new ArrayList<>();
        arguments.forEach(a -> safe.add(a.safe()));
        Call safeCall = call.withArguments(safe);
        KdaFunction function = call.function();
        if (function == KdaFunctionTable.AND || function == KdaFunctionTable.OR) {
            String stopsAt = function == KdaFunctionTable.AND ? "NOT FALSE" : "NOT TRUE";
            return new Guarded(
                    safeCall,
                    first(
                            List.of(
                                    arguments.get(0).error(),
                                    when(is(safe.get(0), stopsAt), arguments.get(1).error()))));
        }
        if (function == KdaFunctionTable.CASE) {
            return new Guarded(safeCall, caseError(call, arguments));
        }
        if (isNamed(function, "COALESCE")) {
            return new Guarded(safeCall, coalesceError(arguments, 0));
        }
        List<Optional<TypedExpression>> errors = new ArrayList<>();
        arguments.forEach(a -> errors.add(a.error()));
        Optional<Guarded> own = own(call, safe);
        own.ifPresent(o -> errors.add(o.error()));
        return new Guarded(own.map(Guarded::safe).orElse(safeCall), first(errors));
    }

    /** The error the call itself raises on safe arguments, with its safe form. */
    private static Optional<Guarded> own(Call call, List<TypedExpression> arguments) {
        KdaFunction function = call.function();
        boolean division =
                ((function == KdaFunctionTable.DIVIDE || isNamed(function, "MOD"))
                                && isNumeric(arguments.get(0))
                                && isNumeric(arguments.get(1)))
                        || function == KdaFunctionTable.INTERVAL_DIVIDE;
        if (division && !isNonZeroConstant(arguments.get(1))) {
            TypedExpression divisor = arguments.get(1);
            String what =
                    function == KdaFunctionTable.DIVIDE
                            ? "division"
                            : function == KdaFunctionTable.INTERVAL_DIVIDE
                                    ? "interval division"
                                    : "MOD";
            TypedExpression error = text(ErrorName.DIVISION_BY_ZERO, what + " by zero");
            if (divisor instanceof Literal) {
                // by the constant 0: CASE WHEN 0 = 0 … would be simplified by Flink's planner,
                // which then failed on the changed type (found by TranslatorFuzzTest)
                return Optional.of(new Guarded(nullOf(call.type()), Optional.of(error)));
            }
            TypedExpression byZero =
                    Call.of(KdaFunctionTable.EQUAL, List.of(divisor, zero()), bool());
            TypedExpression safe =
                    searchedCase(
                            List.of(byZero, nullOf(call.type()), call.withArguments(arguments)),
                            call.type());
            return Optional.of(new Guarded(safe, when(byZero, Optional.of(error))));
        }
        if (isNamed(function, "SUBSTRING") && arguments.size() == 3) {
            TypedExpression negative =
                    Call.of(KdaFunctionTable.LESS_THAN, List.of(arguments.get(2), zero()), bool());
            return Optional.of(
                    new Guarded(
                            searchedCase(
                                    List.of(
                                            negative,
                                            nullOf(call.type()),
                                            call.withArguments(arguments)),
                                    call.type()),
                            when(
                                    negative,
                                    Optional.of(
                                            text(
                                                    ErrorName.FUNCTION_ERROR,
                                                    "SUBSTRING with a negative length")))));
        }
        if (isNamed(function, "CHAR_TO_TIME")) {
            Call tryParse = Call.of(KdaFunctionTable.TRY_CHAR_TO_TIME, arguments, call.type());
            TypedExpression failed =
                    Call.of(
                            KdaFunctionTable.AND,
                            List.of(
                                    Call.of(
                                            KdaFunctionTable.AND,
                                            List.of(
                                                    is(arguments.get(0), "NOT NULL"),
                                                    is(arguments.get(1), "NOT NULL")),
                                            bool()),
                                    is(tryParse, "NULL")),
                            bool());
            TypedExpression message =
                    concat(
                            text(ErrorName.FUNCTION_ERROR, "CHAR_TO_TIME: '"),
                            arguments.get(1),
                            literal("' does not match '"),
                            arguments.get(0),
                            literal("'"));
            return Optional.of(new Guarded(tryParse, when(failed, Optional.of(message))));
        }
        if (function == KdaFunctionTable.CAST || function == KdaFunctionTable.CAST_ROUNDED) {
            return castError(call, arguments.get(0));
        }
        if ((function == KdaFunctionTable.PLUS
                        || function == KdaFunctionTable.MINUS
                        || function == KdaFunctionTable.TIMES)
                && isInteger(arguments.get(0))
                && isInteger(arguments.get(1))
                && isInteger(call)) {
            TypedExpression wide =
                    Call.of(
                            function,
                            List.of(widened(arguments.get(0)), widened(arguments.get(1))),
                            WIDE);
            return Optional.of(
                    new Guarded(
                            call.withArguments(arguments),
                            outOfRange(
                                    wide, call.type(), "integer overflow in " + function.name())));
        }
        if (function == KdaFunctionTable.UNARY_MINUS && isInteger(call)) {
            TypedExpression wide = Call.of(function, List.of(widened(arguments.get(0))), WIDE);
            return Optional.of(
                    new Guarded(
                            call.withArguments(arguments),
                            outOfRange(wide, call.type(), "integer overflow in unary -")));
        }
        return Optional.empty();
    }

    /**
     * A {@code CAST} that can fail: of a string to a non-string type (a {@code CAST_ERROR} when the
     * string is no value of it), of a number to a narrower integer or a {@code DECIMAL} it does not
     * fit (a {@code NUMERIC_OVERFLOW}).
     */
    private static Optional<Guarded> castError(Call cast, TypedExpression value) {
        LogicalType source = value.type().getLogicalType();
        LogicalType target = cast.type().getLogicalType();
        Call tryCast = Call.of(KdaFunctionTable.TRY_CAST, List.of(value), cast.type());
        TypedExpression failed =
                Call.of(
                        KdaFunctionTable.AND,
                        List.of(is(value, "NOT NULL"), is(tryCast, "NULL")),
                        bool());
        String targetName = target.copy(true).asSummaryString();
        if (source.is(LogicalTypeFamily.CHARACTER_STRING)
                && !target.is(LogicalTypeFamily.CHARACTER_STRING)) {
            TypedExpression message =
                    concat(
                            text(ErrorName.CAST_ERROR, "cannot CAST '"),
                            value,
                            literal("' to " + targetName));
            return Optional.of(new Guarded(tryCast, when(failed, Optional.of(message))));
        }
        if (!source.is(LogicalTypeFamily.NUMERIC)) {
            return Optional.empty();
        }
        if (target.is(LogicalTypeRoot.DECIMAL) && !fitsInDecimal(source, target)) {
            return Optional.of(
                    new Guarded(
                            tryCast,
                            when(
                                    failed,
                                    Optional.of(
                                            text(
                                                    ErrorName.NUMERIC_OVERFLOW,
                                                    "value out of the range of " + targetName)))));
        }
        if (target.is(LogicalTypeFamily.INTEGER_NUMERIC) && !fitsIn(source, target)) {
            String message = "value out of the range of " + targetName;
            return Optional.of(
                    new Guarded(
                            cast.withArguments(List.of(value)),
                            cast.function() == KdaFunctionTable.CAST_ROUNDED
                                    ? roundsOutOfRange(value, cast.type(), message)
                                    : outOfRange(value, cast.type(), message)));
        }
        return Optional.empty();
    }

    /** {@code CASE WHEN value NOT BETWEEN min AND max THEN overflow END} for an integer type. */
    private static Optional<TypedExpression> outOfRange(
            TypedExpression value, DataType integerType, String message) {
        long[] range = range(integerType.getLogicalType().getTypeRoot());
        TypedExpression outside =
                Call.of(
                        KdaFunctionTable.NOT_BETWEEN,
                        List.of(value, number(range[0]), number(range[1])),
                        bool());
        return when(outside, Optional.of(text(ErrorName.NUMERIC_OVERFLOW, message)));
    }

    /**
     * For a real rounded half away from zero to an integer type: out of range unless {@code min -
     * 0.5 < value < max + 0.5} (NaN is out).
     */
    private static Optional<TypedExpression> roundsOutOfRange(
            TypedExpression value, DataType integerType, String message) {
        long[] range = range(integerType.getLogicalType().getTypeRoot());
        TypedExpression above =
                Call.of(
                        KdaFunctionTable.GREATER_THAN,
                        List.of(value, halfBeyond(range[0], -1)),
                        bool());
        TypedExpression below =
                Call.of(
                        KdaFunctionTable.LESS_THAN,
                        List.of(value, halfBeyond(range[1], 1)),
                        bool());
        TypedExpression inside = Call.of(KdaFunctionTable.AND, List.of(above, below), bool());
        return when(
                Call.of(KdaFunctionTable.NOT, List.of(inside), bool()),
                Optional.of(text(ErrorName.NUMERIC_OVERFLOW, message)));
    }

    /** {@code bound ± 0.5} as an exact constant. */
    private static TypedExpression halfBeyond(long bound, int direction) {
        BigDecimal value =
                BigDecimal.valueOf(bound)
                        .add(new BigDecimal("0.5").multiply(BigDecimal.valueOf(direction)));
        return Literal.of(Literal.Kind.NUMBER, value.toPlainString(), DataTypes.DECIMAL(20, 1));
    }

    /**
     * The error of a {@code CASE}: of its operand, then of each condition in turn and of the result
     * of the first that holds (the {@code ELSE} result when none does).
     */
    private static Optional<TypedExpression> caseError(Call call, List<Guarded> arguments) {
        boolean simple = call.keyword().startsWith("SIMPLE");
        boolean hasElse = call.keyword().endsWith("ELSE");
        int first = simple ? 1 : 0;
        int end = hasElse ? arguments.size() - 1 : arguments.size();
        Optional<TypedExpression> rest = hasElse ? arguments.get(end).error() : Optional.empty();
        for (int i = end - 2; i >= first; i -= 2) {
            Guarded when = arguments.get(i);
            TypedExpression holds =
                    simple
                            ? Call.of(
                                    KdaFunctionTable.EQUAL,
                                    List.of(arguments.get(0).safe(), when.safe()),
                                    bool())
                            : when.safe();
            Optional<TypedExpression> then = arguments.get(i + 1).error();
            Optional<TypedExpression> branch;
            if (then.isPresent() && rest.isPresent()) {
                branch =
                        Optional.of(
                                searchedCase(
                                        List.of(is(holds, "TRUE"), then.get(), rest.get()), TEXT));
            } else if (then.isPresent()) {
                branch = when(is(holds, "TRUE"), then);
            } else {
                branch = when(is(holds, "NOT TRUE"), rest);
            }
            rest = first(List.of(when.error(), branch));
        }
        return simple ? first(List.of(arguments.get(0).error(), rest)) : rest;
    }

    /** {@code COALESCE(a, b, …)}: a later argument is evaluated only when the earlier are NULL. */
    private static Optional<TypedExpression> coalesceError(List<Guarded> arguments, int from) {
        Guarded argument = arguments.get(from);
        if (from == arguments.size() - 1) {
            return argument.error();
        }
        return first(
                List.of(
                        argument.error(),
                        when(is(argument.safe(), "NULL"), coalesceError(arguments, from + 1))));
    }

    /** The first present error: {@code COALESCE} of them. */
    private static Optional<TypedExpression> first(List<Optional<TypedExpression>> errors) {
        List<TypedExpression> present = new ArrayList<>();
        errors.forEach(e -> e.ifPresent(present::add));
        if (present.size() <= 1) {
            return present.stream().findFirst();
        }
        KdaFunction coalesce = KdaFunctionTable.lookup("COALESCE", present.size()).orElseThrow();
        return Optional.of(Call.of(coalesce, present, TEXT));
    }

    /** {@code CASE WHEN condition THEN error END}. */
    private static Optional<TypedExpression> when(
            TypedExpression condition, Optional<TypedExpression> error) {
        return error.map(e -> searchedCase(List.of(condition, e), TEXT));
    }

    /** {@code CASE WHEN a THEN b [WHEN c THEN d] … [ELSE e] END}: pairs, then the else if odd. */
    private static TypedExpression searchedCase(List<TypedExpression> arguments, DataType type) {
        return new Call(
                KdaFunctionTable.CASE,
                arguments,
                false,
                false,
                arguments.size() % 2 == 1 ? "SEARCHED ELSE" : "SEARCHED",
                type);
    }

    /** {@code e IS keyword}, e.g. {@code IS NOT FALSE}. */
    private static TypedExpression is(TypedExpression e, String keyword) {
        return new Call(KdaFunctionTable.IS, List.of(e), false, false, keyword, bool());
    }

    private static TypedExpression concat(TypedExpression... parts) {
        TypedExpression text = parts[0];
        for (int i = 1; i < parts.length; i++) {
            text = Call.of(KdaFunctionTable.CONCAT, List.of(text, parts[i]), TEXT);
        }
        return text;
    }

    /** {@code 'NAME|message'}. */
    private static TypedExpression text(ErrorName name, String message) {
        return literal(name.name() + SEPARATOR + message);
    }

    private static TypedExpression literal(String text) {
        return Literal.of(Literal.Kind.STRING, text, TEXT);
    }

    private static TypedExpression number(long value) {
        return Literal.of(Literal.Kind.NUMBER, Long.toString(value), DataTypes.BIGINT());
    }

    private static TypedExpression zero() {
        return Literal.of(Literal.Kind.NUMBER, "0", DataTypes.INT());
    }

    private static TypedExpression nullOf(DataType type) {
        return Call.of(
                KdaFunctionTable.CAST,
                List.of(Literal.of(Literal.Kind.NULL, "", DataTypes.NULL())),
                type.nullable());
    }

    private static TypedExpression widened(TypedExpression e) {
        return Call.of(KdaFunctionTable.CAST, List.of(e), WIDE);
    }

    private static DataType bool() {
        return DataTypes.BOOLEAN();
    }

    private static boolean isNamed(KdaFunction function, String name) {
        return function.name().equalsIgnoreCase(name);
    }

    private static boolean isNonZeroConstant(TypedExpression e) {
        return e instanceof Literal literal
                && literal.kind() == Literal.Kind.NUMBER
                && new BigDecimal(literal.value()).signum() != 0;
    }

    private static boolean isNumeric(TypedExpression e) {
        return e.type().getLogicalType().is(LogicalTypeFamily.NUMERIC);
    }

    private static boolean isInteger(TypedExpression e) {
        return e.type().getLogicalType().is(LogicalTypeFamily.INTEGER_NUMERIC);
    }

    /** Whether every value of the numeric {@code source} is one of the integer {@code target}. */
    private static boolean fitsIn(LogicalType source, LogicalType target) {
        if (!source.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return false;
        }
        long[] from = range(source.getTypeRoot());
        long[] to = range(target.getTypeRoot());
        return from[0] >= to[0] && from[1] <= to[1];
    }

    /** Whether every value of the numeric {@code source} fits the DECIMAL {@code target}. */
    private static boolean fitsInDecimal(LogicalType source, LogicalType target) {
        int targetDigits =
                LogicalTypeChecks.getPrecision(target) - LogicalTypeChecks.getScale(target);
        if (source.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
            return targetDigits >= Long.toString(range(source.getTypeRoot())[1]).length();
        }
        if (!source.is(LogicalTypeRoot.DECIMAL)) {
            return false; // FLOAT, DOUBLE: any magnitude, NaN
        }
        int sourceDigits =
                LogicalTypeChecks.getPrecision(source) - LogicalTypeChecks.getScale(source);
        // rounding to fewer decimals can carry into one more digit: 9.99 -> 10.0
        boolean rounds = LogicalTypeChecks.getScale(target) < LogicalTypeChecks.getScale(source);
        return targetDigits >= sourceDigits + (rounds ? 1 : 0);
    }

    private static long[] range(LogicalTypeRoot integer) {
        switch (integer) {
            case TINYINT:
                return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case SMALLINT:
                return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case INTEGER:
                return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case BIGINT:
                return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            default:
                throw new IllegalArgumentException("not an integer type: " + integer);
        }
    }
}
