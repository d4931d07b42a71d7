package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.Between;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.BinaryStringLiteral;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CaseExpression;
import dev.flinkkda.kda.sql.ast.Cast;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.DateTimeLiteral;
import dev.flinkkda.kda.sql.ast.DatetimeDifference;
import dev.flinkkda.kda.sql.ast.Exists;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.Extract;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FrameBound;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.Identifier;
import dev.flinkkda.kda.sql.ast.InList;
import dev.flinkkda.kda.sql.ast.InSubquery;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.IsNull;
import dev.flinkkda.kda.sql.ast.IsTruthValue;
import dev.flinkkda.kda.sql.ast.Like;
import dev.flinkkda.kda.sql.ast.NamedArgument;
import dev.flinkkda.kda.sql.ast.NullLiteral;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.Over;
import dev.flinkkda.kda.sql.ast.ScalarSubquery;
import dev.flinkkda.kda.sql.ast.SortItem;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StringLiteral;
import dev.flinkkda.kda.sql.ast.Trim;
import dev.flinkkda.kda.sql.ast.UnaryOperation;
import dev.flinkkda.kda.sql.ast.WhenClause;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;
import dev.flinkkda.kda.sql.expr.Call;
import dev.flinkkda.kda.sql.expr.Casts;
import dev.flinkkda.kda.sql.expr.ColumnRef;
import dev.flinkkda.kda.sql.expr.FieldAccess;
import dev.flinkkda.kda.sql.expr.Literal;
import dev.flinkkda.kda.sql.expr.SlidingWindow;
import dev.flinkkda.kda.sql.expr.TypedExpression;
import dev.flinkkda.kda.sql.expr.TypedExpressions;
import dev.flinkkda.kda.sql.expr.WindowedCall;
import dev.flinkkda.kda.sql.functions.ArgumentException;
import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;
import dev.flinkkda.kda.sql.functions.ReturnType;
import dev.flinkkda.kda.sql.functions.ReturnTypes;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DayTimeIntervalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves and types one query's expressions: column references by KDA's rules against the
 * relations of the {@code FROM} (and paths into {@code ROW} columns), functions and operators by
 * the {@link KdaFunctionTable}. Whatever cannot be translated is rejected here with its position.
 */
final class ExpressionAnalyzer {

    private final String sourceName;
    private final List<AnalyzedRelation.Leaf> scope;
    private final Map<String, WindowSpec> namedWindows;

    ExpressionAnalyzer(
            String sourceName,
            List<AnalyzedRelation.Leaf> scope,
            Map<String, WindowSpec> namedWindows) {
        this.sourceName = sourceName;
        this.scope = scope;
        this.namedWindows = namedWindows;
    }

    /**
     * Recursive: the parser bounds how deep expressions nest ({@link
     * dev.flinkkda.kda.sql.parser.KdaSqlParser#MAX_NESTING_DEPTH}).
     */
    TypedExpression analyze(Expression e) {
        if (e instanceof ColumnReference reference) {
            return resolve(reference);
        }
        if (e instanceof NullLiteral) {
            return Literal.of(Literal.Kind.NULL, "", DataTypes.NULL());
        }
        if (e instanceof BooleanLiteral b) {
            return Literal.of(
                    Literal.Kind.BOOLEAN, b.value() ? "TRUE" : "FALSE", DataTypes.BOOLEAN());
        }
        if (e instanceof NumericLiteral n) {
            return number(n);
        }
        if (e instanceof StringLiteral s) {
            return Literal.of(Literal.Kind.STRING, s.value(), DataTypes.STRING());
        }
        if (e instanceof BinaryStringLiteral b) {
            return Literal.of(Literal.Kind.BINARY, b.hexDigits(), DataTypes.BYTES());
        }
        if (e instanceof DateTimeLiteral d) {
            if (!DatetimeLiterals.isValid(d)) {
                throw error(
                        d.position(),
                        d.kind()
                                + " '"
                                + d.value()
                                + "' is not a "
                                + d.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + ": expected e.g. "
                                + DatetimeLiterals.example(d.kind()));
            }
            switch (d.kind()) {
                case DATE:
                    return Literal.of(Literal.Kind.DATE, d.value(), DataTypes.DATE());
                case TIME:
                    return Literal.of(Literal.Kind.TIME, d.value(), DataTypes.TIME(0));
                default:
                    return Literal.of(Literal.Kind.TIMESTAMP, d.value(), DataTypes.TIMESTAMP(3));
            }
        }
        if (e instanceof IntervalLiteral i) {
            return interval(i);
        }
        if (e instanceof UnaryOperation u) {
            KdaFunction function =
                    switch (u.operator()) {
                        case PLUS -> KdaFunctionTable.UNARY_PLUS;
                        case MINUS -> KdaFunctionTable.UNARY_MINUS;
                        case NOT -> KdaFunctionTable.NOT;
                    };
            return call(u.position(), function, List.of(analyze(u.operand())));
        }
        if (e instanceof BinaryOperation b) {
            return binaryCall(b);
        }
        if (e instanceof DatetimeDifference d) {
            return datetimeDifference(d);
        }
        if (e instanceof IsNull n) {
            return keywordCall(
                    n.position(),
                    KdaFunctionTable.IS,
                    n.negated() ? "NOT NULL" : "NULL",
                    analyze(n.operand()));
        }
        if (e instanceof IsTruthValue t) {
            String keyword = (t.negated() ? "NOT " : "") + t.value().name();
            TypedExpression operand = analyze(t.operand());
            requireCondition(t.position(), "IS " + keyword, operand);
            return keywordCall(t.position(), KdaFunctionTable.IS, keyword, operand);
        }
        if (e instanceof Between b) {
            return call(
                    b.position(),
                    b.negated() ? KdaFunctionTable.NOT_BETWEEN : KdaFunctionTable.BETWEEN,
                    List.of(analyze(b.operand()), analyze(b.low()), analyze(b.high())));
        }
        if (e instanceof InList in) {
            List<TypedExpression> arguments = new ArrayList<>();
            arguments.add(analyze(in.operand()));
            in.values().forEach(v -> arguments.add(analyze(v)));
            return call(
                    in.position(),
                    in.negated() ? KdaFunctionTable.NOT_IN : KdaFunctionTable.IN,
                    arguments);
        }
        if (e instanceof Like l) {
            KdaFunction function =
                    l.kind() == Like.Kind.LIKE
                            ? (l.negated() ? KdaFunctionTable.NOT_LIKE : KdaFunctionTable.LIKE)
                            : (l.negated()
                                    ? KdaFunctionTable.NOT_SIMILAR_TO
                                    : KdaFunctionTable.SIMILAR_TO);
            List<TypedExpression> arguments = new ArrayList<>();
            arguments.add(analyze(l.operand()));
            arguments.add(analyze(l.pattern()));
            l.escape().ifPresent(x -> arguments.add(analyze(x)));
            return call(l.position(), function, arguments);
        }
        if (e instanceof CaseExpression c) {
            return caseExpression(c);
        }
        if (e instanceof Cast c) {
            return cast(c);
        }
        if (e instanceof Extract x) {
            return keywordCall(
                    x.position(), KdaFunctionTable.EXTRACT, x.field().name(), analyze(x.source()));
        }
        if (e instanceof FloorCeil f) {
            return floorCeil(f);
        }
        if (e instanceof Trim t) {
            List<TypedExpression> arguments = new ArrayList<>();
            t.character().ifPresent(x -> arguments.add(analyze(x)));
            arguments.add(analyze(t.source()));
            return new Call(
                    KdaFunctionTable.TRIM,
                    arguments,
                    false,
                    false,
                    t.side().name(),
                    returnType(t.position(), KdaFunctionTable.TRIM, arguments));
        }
        if (e instanceof Step s) {
            return step(s);
        }
        if (e instanceof FunctionCall f) {
            return function(f);
        }
        if (e instanceof ScalarSubquery || e instanceof Exists || e instanceof InSubquery) {
            throw unsupported(e.position(), "a subquery in an expression", "");
        }
        if (e instanceof CursorExpression) {
            throw unsupported(e.position(), "CURSOR", "only KDA's table functions take a cursor");
        }
        if (e instanceof NamedArgument argument) {
            throw unsupported(e.position(), "named argument " + argument.name().name() + " =>", "");
        }
        throw unsupported(e.position(), e.getClass().getSimpleName(), "");
    }

    // ------------------------------------------------------------------ columns

    /**
     * A dotted name: {@code column}, {@code relation.column}, and either followed by fields of a
     * {@code ROW} column ({@code t.r.COLUMN1}).
     */
    private TypedExpression resolve(ColumnReference reference) {
        List<Identifier> parts = reference.parts();
        Identifier first = parts.get(0);
        TypedExpression column;
        int fieldsFrom;
        Optional<AnalyzedRelation.Leaf> relation =
                parts.size() > 1 ? leaf(first.name()) : Optional.empty();
        if (relation.isPresent()) {
            column = columnOf(relation.get(), parts.get(1));
            fieldsFrom = 2;
        } else {
            column = unqualified(first, parts.size() > 1);
            fieldsFrom = 1;
        }
        for (Identifier field : parts.subList(fieldsFrom, parts.size())) {
            column = field(column, field);
        }
        return column;
    }

    private Optional<AnalyzedRelation.Leaf> leaf(String alias) {
        return scope.stream().filter(r -> r.alias().equals(alias)).findFirst();
    }

    private ColumnRef columnOf(AnalyzedRelation.Leaf relation, Identifier name) {
        for (RelationColumn column : relation.columns()) {
            if (column.name().equals(name.name())) {
                return new ColumnRef(relation.alias(), column.name(), column.type());
            }
        }
        throw error(
                name.position(),
                "\""
                        + (relation instanceof AnalyzedRelation.StreamRelation stream
                                ? stream.stream().name()
                                : relation.alias())
                        + "\" has no column \""
                        + name.name()
                        + "\""
                        + NearestName.hint(name.name(), names(relation)));
    }

    private ColumnRef unqualified(Identifier name, boolean followedByField) {
        List<AnalyzedRelation.Leaf> having =
                scope.stream().filter(r -> names(r).contains(name.name())).toList();
        if (having.size() > 1 && !name.name().equals(StreamDefinition.ROWTIME)) {
            throw error(
                    name.position(),
                    "column \""
                            + name.name()
                            + "\" is ambiguous: it is in "
                            + String.join(
                                    " and ",
                                    having.stream().map(r -> "\"" + r.alias() + "\"").toList())
                            + "; qualify it");
        }
        if (having.isEmpty()) {
            List<String> known = new ArrayList<>();
            scope.forEach(r -> known.addAll(names(r)));
            if (followedByField) {
                known.addAll(scope.stream().map(AnalyzedRelation.Leaf::alias).toList());
                throw error(
                        name.position(),
                        "unknown stream, alias or column \""
                                + name.name()
                                + "\""
                                + NearestName.hint(name.name(), known));
            }
            throw error(
                    name.position(),
                    "unknown column \""
                            + name.name()
                            + "\" in "
                            + String.join(
                                    ", ", scope.stream().map(r -> "\"" + r.alias() + "\"").toList())
                            + NearestName.hint(name.name(), known));
        }
        return columnOf(having.get(0), name);
    }

    private TypedExpression field(TypedExpression row, Identifier field) {
        LogicalType type = row.type().getLogicalType();
        if (!(type instanceof RowType rowType)) {
            throw error(
                    field.position(),
                    "\""
                            + field.name()
                            + "\": "
                            + describe(row)
                            + " is "
                            + type.asSummaryString()
                            + ", not a ROW with fields");
        }
        List<String> names = rowType.getFieldNames();
        int index = names.indexOf(field.name());
        if (index < 0) {
            throw error(
                    field.position(),
                    describe(row)
                            + " has no field \""
                            + field.name()
                            + "\"; its fields: "
                            + String.join(", ", names));
        }
        return new FieldAccess(row, field.name(), row.type().getChildren().get(index));
    }

    private static String describe(TypedExpression e) {
        if (e instanceof ColumnRef column) {
            return "column \"" + column.column() + "\"";
        }
        if (e instanceof FieldAccess access) {
            return "field \"" + access.field() + "\"";
        }
        return "the expression";
    }

    private static List<String> names(AnalyzedRelation.Leaf relation) {
        return relation.columns().stream().map(RelationColumn::name).toList();
    }

    // ------------------------------------------------------------------ literals

    private Literal number(NumericLiteral n) {
        BigDecimal value = n.value();
        switch (n.kind()) {
            case INTEGER:
                if (value.toBigInteger().bitLength() < 32) {
                    return Literal.of(Literal.Kind.NUMBER, n.text(), DataTypes.INT());
                }
                if (value.toBigInteger().bitLength() < 64) {
                    return Literal.of(Literal.Kind.NUMBER, n.text(), DataTypes.BIGINT());
                }
                return decimal(n, value);
            case DECIMAL:
                return decimal(n, value);
            default:
                double d = Double.parseDouble(n.text());
                if (Double.isInfinite(d)) {
                    throw error(n.position(), "the number " + n.text() + " is out of range");
                }
                return Literal.of(Literal.Kind.NUMBER, n.text(), DataTypes.DOUBLE());
        }
    }

    private Literal decimal(NumericLiteral n, BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        int precision = Math.max(value.precision(), scale);
        if (precision > 38) {
            throw error(
                    n.position(),
                    "the number " + n.text() + " has more than 38 digits, the most DECIMAL holds");
        }
        return Literal.of(Literal.Kind.NUMBER, n.text(), DataTypes.DECIMAL(precision, scale));
    }

    /**
     * An interval constant, checked against its qualifier. One whose first field has more than two
     * digits ({@code INTERVAL '3600' SECOND}) is written in days to seconds, or years to months:
     * Flink reads the first field with two digits unless told more, and takes at most three (four
     * for years), so the emitter can write any value of {@link Intervals#MAX_DAYS} days or less.
     */
    private Literal interval(IntervalLiteral i) {
        String qualifier = i.qualifier().toString();
        boolean yearMonth = i.qualifier().start().isYearMonth();
        Optional<Long> value = yearMonth ? Intervals.toMonths(i) : Intervals.toMillis(i);
        if (value.isEmpty()) {
            throw error(
                    i.position(),
                    "INTERVAL '"
                            + i.value()
                            + "' "
                            + qualifier
                            + " is not an interval: expected "
                            + Intervals.example(i.qualifier()));
        }
        long magnitude = Math.abs(value.get());
        if (yearMonth && magnitude / 12 > Intervals.MAX_YEARS
                || !yearMonth && magnitude / 86_400_000L > Intervals.MAX_DAYS) {
            throw unsupported(
                    i.position(),
                    "INTERVAL '" + i.value() + "' " + qualifier,
                    "Flink's intervals hold at most "
                            + (yearMonth
                                    ? Intervals.MAX_YEARS + " years"
                                    : Intervals.MAX_DAYS + " days"));
        }
        String sign = value.get() < 0 ? "-" : "";
        if (!Intervals.hasLongFirstField(i)) {
            DataType type =
                    yearMonth
                            ? DataTypes.INTERVAL(DataTypes.MONTH())
                            : Casts.dayTimeInterval(
                                    i.qualifier().start().name(),
                                    i.qualifier().end().orElse(i.qualifier().start()).name());
            return new Literal(
                    Literal.Kind.INTERVAL, i.value(), (i.negative() ? "-" : "") + qualifier, type);
        }
        if (yearMonth) {
            return new Literal(
                    Literal.Kind.INTERVAL,
                    magnitude / 12 + "-" + magnitude % 12,
                    sign + "YEAR TO MONTH",
                    DataTypes.INTERVAL(DataTypes.MONTH()));
        }
        return new Literal(
                Literal.Kind.INTERVAL,
                Intervals.dayToSecond(magnitude),
                sign + "DAY TO SECOND",
                DataTypes.INTERVAL(DataTypes.DAY(), DataTypes.SECOND(3)));
    }

    // ------------------------------------------------------------------ calls

    private static KdaFunction binary(BinaryOperation.Operator operator) {
        return switch (operator) {
            case ADD -> KdaFunctionTable.PLUS;
            case SUBTRACT -> KdaFunctionTable.MINUS;
            case MULTIPLY -> KdaFunctionTable.TIMES;
            case DIVIDE -> KdaFunctionTable.DIVIDE;
            case CONCAT -> KdaFunctionTable.CONCAT;
            case EQUAL -> KdaFunctionTable.EQUAL;
            case NOT_EQUAL -> KdaFunctionTable.NOT_EQUAL;
            case LESS_THAN -> KdaFunctionTable.LESS_THAN;
            case LESS_THAN_OR_EQUAL -> KdaFunctionTable.LESS_THAN_OR_EQUAL;
            case GREATER_THAN -> KdaFunctionTable.GREATER_THAN;
            case GREATER_THAN_OR_EQUAL -> KdaFunctionTable.GREATER_THAN_OR_EQUAL;
            case AND -> KdaFunctionTable.AND;
            case OR -> KdaFunctionTable.OR;
        };
    }

    // ------------------------------------------------------------------ intervals and casts

    private TypedExpression binaryCall(BinaryOperation b) {
        TypedExpression left = analyze(b.left());
        TypedExpression right = analyze(b.right());
        boolean leftInterval = isDayTimeInterval(left);
        boolean rightInterval = isDayTimeInterval(right);
        if (b.operator() == BinaryOperation.Operator.MULTIPLY && (leftInterval || rightInterval)) {
            TypedExpression interval = leftInterval ? left : right;
            TypedExpression factor = leftInterval ? right : left;
            requireNumber(b.position(), "an interval can be multiplied by a number", factor);
            return call(b.position(), KdaFunctionTable.INTERVAL_TIMES, List.of(interval, factor));
        }
        if (b.operator() == BinaryOperation.Operator.DIVIDE && leftInterval) {
            requireNumber(b.position(), "an interval can be divided by a number", right);
            return call(b.position(), KdaFunctionTable.INTERVAL_DIVIDE, List.of(left, right));
        }
        Call call = call(b.position(), binary(b.operator()), List.of(left, right));
        if (b.operator() == BinaryOperation.Operator.DIVIDE) {
            requireNonZeroDivisor(b.right().position(), call, right);
        }
        return call;
    }

    /**
     * An exact division or {@code MOD} of a constant by the constant 0: Flink's planner computes
     * constants before the job runs, and fails on it. (Of a column, each row's division fails when
     * the job runs, and the row goes to the error stream, as in KDA.)
     */
    private void requireNonZeroDivisor(
            SourcePosition position, TypedExpression division, TypedExpression divisor) {
        if (divisor instanceof Literal literal
                && literal.kind() == Literal.Kind.NUMBER
                && new BigDecimal(literal.value()).signum() == 0
                && !division.type().getLogicalType().is(LogicalTypeFamily.APPROXIMATE_NUMERIC)
                && isConstant(((Call) division).arguments().get(0))) {
            throw error(position, "division of a constant by zero");
        }
    }

    /** Whether {@code e} reads nothing of a row: Flink's planner computes it beforehand. */
    private static boolean isConstant(TypedExpression e) {
        return !TypedExpressions.contains(
                e,
                x ->
                        x instanceof ColumnRef
                                || x instanceof FieldAccess
                                || x instanceof WindowedCall
                                || TypedExpressions.isAggregate(x)
                                || (x instanceof Call call && call.arguments().isEmpty()));
    }

    /** {@code condition} must be a condition: a {@code BOOLEAN} (or {@code NULL}). */
    void requireCondition(SourcePosition position, String clause, TypedExpression condition) {
        LogicalType type = condition.type().getLogicalType();
        if (!type.is(LogicalTypeRoot.BOOLEAN) && !type.is(LogicalTypeRoot.NULL)) {
            throw error(
                    position,
                    clause + " needs a condition, not " + type.copy(true).asSummaryString());
        }
    }

    private void requireNumber(SourcePosition position, String rule, TypedExpression operand) {
        if (!operand.type().getLogicalType().is(LogicalTypeFamily.NUMERIC)) {
            throw error(
                    position,
                    rule
                            + ", not by "
                            + operand.type().getLogicalType().copy(true).asSummaryString());
        }
    }

    private static boolean isDayTimeInterval(TypedExpression e) {
        return e.type().getLogicalType() instanceof DayTimeIntervalType;
    }

    /** {@code (a - b) qualifier}: typed as an interval of the qualifier's units. */
    private TypedExpression datetimeDifference(DatetimeDifference d) {
        TypedExpression left = analyze(d.left());
        TypedExpression right = analyze(d.right());
        if (d.qualifier().start().isYearMonth()) {
            throw unsupported(
                    d.position(),
                    "(datetime - datetime) " + d.qualifier(),
                    "year-month differences are not translated; use a day-time qualifier");
        }
        LogicalType l = left.type().getLogicalType();
        LogicalType r = right.type().getLogicalType();
        KdaFunction function;
        if (isTimestamp(l) && isTimestamp(r)) {
            function = KdaFunctionTable.TIMESTAMP_DIFFERENCE;
        } else if ((l.is(LogicalTypeRoot.DATE) && r.is(LogicalTypeRoot.DATE))
                || (l.is(LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE)
                        && r.is(LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE))) {
            function = KdaFunctionTable.DATE_TIME_DIFFERENCE;
        } else {
            throw error(
                    d.position(),
                    "(a - b) "
                            + d.qualifier()
                            + " needs two timestamps, two dates or two times, not "
                            + l.copy(true).asSummaryString()
                            + " and "
                            + r.copy(true).asSummaryString());
        }
        String first = d.qualifier().start().name();
        String last = d.qualifier().end().orElse(d.qualifier().start()).name();
        return new Call(
                function,
                List.of(left, right),
                false,
                false,
                d.qualifier().toString(),
                Casts.dayTimeInterval(first, last));
    }

    private static boolean isTimestamp(LogicalType type) {
        return type.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                || type.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    }

    private TypedExpression floorCeil(FloorCeil f) {
        TypedExpression operand = analyze(f.operand());
        boolean floor = f.direction() == FloorCeil.Direction.FLOOR;
        if (isDayTimeInterval(operand)) {
            if (f.unit().isYearMonth()) {
                throw error(
                        f.position(),
                        f.direction()
                                + " of a day-time interval TO "
                                + f.unit()
                                + " is not allowed");
            }
            return keywordCall(
                    f.position(),
                    floor ? KdaFunctionTable.INTERVAL_FLOOR : KdaFunctionTable.INTERVAL_CEIL,
                    f.unit().name(),
                    operand);
        }
        LogicalType type = operand.type().getLogicalType();
        if (!type.is(LogicalTypeFamily.DATETIME) && !type.is(LogicalTypeRoot.NULL)) {
            throw error(
                    f.position(),
                    f.direction()
                            + "(… TO "
                            + f.unit()
                            + ") needs a datetime or an interval, not "
                            + type.copy(true).asSummaryString());
        }
        return keywordCall(
                f.position(),
                floor ? KdaFunctionTable.FLOOR_TO : KdaFunctionTable.CEIL_TO,
                f.unit().name(),
                operand);
    }

    /**
     * {@code CAST}: only the conversions KDA allows, and a constant string must convert (KDA would
     * fail every row).
     */
    private TypedExpression cast(Cast c) {
        TypedExpression operand = analyze(c.operand());
        DataType target = type(c.type());
        Casts.invalid(operand.type(), target)
                .ifPresent(
                        why -> {
                            throw error(c.position(), why);
                        });
        if (operand instanceof Literal literal
                && (literal.kind() == Literal.Kind.STRING
                        || literal.kind() == Literal.Kind.NUMBER)) {
            ConstantCasts.check(literal, target)
                    .ifPresent(
                            why -> {
                                throw error(c.position(), why);
                            });
        }
        return Casts.cast(operand, target);
    }

    private Call call(
            SourcePosition position, KdaFunction function, List<TypedExpression> arguments) {
        return new Call(
                function, arguments, false, false, "", returnType(position, function, arguments));
    }

    private Call keywordCall(
            SourcePosition position,
            KdaFunction function,
            String keyword,
            TypedExpression operand) {
        return new Call(
                function,
                List.of(operand),
                false,
                false,
                keyword,
                returnType(position, function, List.of(operand)));
    }

    /**
     * The functions whose arguments may be a bare {@code NULL}: in every other call Flink's SQL
     * validator (Calcite's, as KDA's) cannot type it ("Illegal use of 'NULL'").
     */
    private static final java.util.Set<KdaFunction> TAKING_UNTYPED_NULL =
            java.util.Set.of(
                    KdaFunctionTable.EQUAL,
                    KdaFunctionTable.NOT_EQUAL,
                    KdaFunctionTable.LESS_THAN,
                    KdaFunctionTable.LESS_THAN_OR_EQUAL,
                    KdaFunctionTable.GREATER_THAN,
                    KdaFunctionTable.GREATER_THAN_OR_EQUAL,
                    KdaFunctionTable.IN,
                    KdaFunctionTable.NOT_IN,
                    KdaFunctionTable.IS,
                    KdaFunctionTable.CASE);

    private void requireTypedNulls(
            KdaFunction function,
            List<TypedExpression> arguments,
            java.util.function.IntFunction<SourcePosition> positionOf) {
        if (TAKING_UNTYPED_NULL.contains(function) || function.name().equals("COALESCE")) {
            return;
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i) instanceof Literal literal
                    && literal.kind() == Literal.Kind.NULL) {
                throw error(
                        positionOf.apply(i), "NULL needs a type here: write CAST(NULL AS type)");
            }
        }
    }

    private DataType returnType(
            SourcePosition position, KdaFunction function, List<TypedExpression> arguments) {
        requireTypedNulls(function, arguments, i -> position);
        List<DataType> types = new ArrayList<>();
        arguments.forEach(a -> types.add(a.type()));
        try {
            return function.returnType().of(types);
        } catch (IllegalArgumentException e) {
            throw error(position, function.name() + ": " + e.getMessage());
        }
    }

    private TypedExpression caseExpression(CaseExpression c) {
        List<TypedExpression> arguments = new ArrayList<>();
        Optional<TypedExpression> operand = c.operand().map(this::analyze);
        operand.ifPresent(arguments::add);
        List<DataType> results = new ArrayList<>();
        for (WhenClause when : c.whenClauses()) {
            TypedExpression condition = analyze(when.condition());
            if (operand.isPresent()) {
                returnType(
                        when.condition().position(),
                        KdaFunctionTable.EQUAL,
                        List.of(operand.get(), condition));
            } else {
                requireCondition(when.condition().position(), "WHEN", condition);
            }
            arguments.add(condition);
            TypedExpression result = analyze(when.result());
            arguments.add(result);
            results.add(result.type());
        }
        if (c.elseResult().isPresent()) {
            TypedExpression result = analyze(c.elseResult().get());
            arguments.add(result);
            results.add(result.type());
        }
        DataType type;
        try {
            type = ReturnTypes.common(results);
        } catch (IllegalArgumentException e) {
            throw error(c.position(), "CASE: " + e.getMessage());
        }
        String keyword =
                (c.operand().isPresent() ? "SIMPLE" : "SEARCHED")
                        + (c.elseResult().isPresent() ? " ELSE" : "");
        return new Call(KdaFunctionTable.CASE, arguments, false, false, keyword, type);
    }

    private TypedExpression step(Step s) {
        TypedExpression operand = analyze(s.operand());
        if (s.step() instanceof IntervalLiteral interval) {
            LogicalType type = operand.type().getLogicalType();
            if (!isTimestamp(type) && !type.is(LogicalTypeRoot.NULL)) {
                throw error(
                        s.position(),
                        "STEP(… BY INTERVAL …) steps a timestamp, not "
                                + type.copy(true).asSummaryString());
            }
            long millis =
                    Intervals.toMillis(interval)
                            .filter(m -> m > 0)
                            .orElseThrow(
                                    () ->
                                            unsupported(
                                                    interval.position(),
                                                    "STEP BY INTERVAL '"
                                                            + interval.value()
                                                            + "' "
                                                            + interval.qualifier(),
                                                    "a positive day-time interval is needed"));
            return Call.of(
                    KdaFunctionTable.STEP_TIME,
                    List.of(
                            operand,
                            Literal.of(
                                    Literal.Kind.NUMBER,
                                    Long.toString(millis),
                                    DataTypes.BIGINT())),
                    operand.type());
        }
        TypedExpression step = analyze(s.step());
        Call call = call(s.position(), KdaFunctionTable.STEP_NUMBER, List.of(operand, step));
        requireNonZeroDivisor(s.step().position(), call, step);
        return call;
    }

    private TypedExpression function(FunctionCall f) {
        String name = f.name().name();
        int arity = f.starArgument() ? 0 : f.arguments().size();
        List<KdaFunction> named = KdaFunctionTable.named(name);
        if (named.isEmpty() || named.get(0).kind() == KdaFunction.Kind.OPERATOR) {
            throw unsupported(
                    f.position(), "function " + name, "not a KDA function flink-kda knows");
        }
        if (named.get(0).kind() == KdaFunction.Kind.TABLE) {
            throw error(
                    f.position(),
                    name + " is a table function: call it in FROM TABLE(" + name + "(CURSOR(…)))");
        }
        KdaFunction function =
                KdaFunctionTable.lookup(name, arity)
                        .orElseThrow(
                                () ->
                                        error(
                                                f.position(),
                                                name
                                                        + " takes "
                                                        + named.get(0).arityText()
                                                        + " argument"
                                                        + (named.get(0).maxArity() == 1 ? "" : "s")
                                                        + ", not "
                                                        + arity));
        if (f.starArgument() && !name.equalsIgnoreCase("COUNT")) {
            throw error(f.position(), name + "(*) is not allowed; only COUNT(*)");
        }
        if (!f.starArgument() && arity == 0 && function.isAggregate()) {
            throw error(f.position(), name + "() needs an argument, or * (" + name + "(*))");
        }
        if (f.distinct() && !function.isAggregate()) {
            throw error(f.position(), "DISTINCT goes with aggregate functions only, not " + name);
        }
        boolean analytic = function.kind() == KdaFunction.Kind.ANALYTIC;
        if (f.nullTreatment().isPresent() && !(analytic && !name.equalsIgnoreCase("EXP_AVG"))) {
            throw unsupported(
                    f.position(),
                    name + " " + f.nullTreatment().get().name().replace('_', ' '),
                    "RESPECT NULLS and IGNORE NULLS go with FIRST_VALUE, LAST_VALUE, NTH_VALUE and"
                            + " LAG");
        }
        if (f.fromLast() && !name.equalsIgnoreCase("NTH_VALUE")) {
            throw error(f.position(), "FROM FIRST|LAST goes with NTH_VALUE only, not " + name);
        }
        List<TypedExpression> arguments = new ArrayList<>();
        for (int i = 0; i < f.arguments().size(); i++) {
            TypedExpression argument = analyticArgument(function, f.arguments().get(i), i);
            if ((function.isAggregate() || analytic)
                    && TypedExpressions.contains(
                            argument,
                            e -> TypedExpressions.isAggregate(e) || e instanceof WindowedCall)) {
                throw error(
                        f.arguments().get(i).position(),
                        name + "'s argument cannot hold an aggregate or a windowed function");
            }
            arguments.add(argument);
        }
        requireTypedNulls(function, arguments, i -> f.arguments().get(i).position());
        List<DataType> types = new ArrayList<>();
        List<ReturnType.LiteralValue> literals = new ArrayList<>();
        for (TypedExpression argument : arguments) {
            types.add(argument.type());
            literals.add(literalValue(argument));
        }
        DataType type;
        try {
            type = function.returnType().of(types, literals);
        } catch (ArgumentException e) {
            int index = e.argumentIndex();
            throw error(
                    index >= 0 && index < f.arguments().size()
                            ? f.arguments().get(index).position()
                            : f.position(),
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            throw error(f.position(), name + ": " + e.getMessage());
        }
        List<String> options = new ArrayList<>();
        if (f.fromLast()) {
            options.add(KdaFunctionTable.FROM_LAST);
        }
        if (f.nullTreatment().orElse(null) == FunctionCall.NullTreatment.IGNORE_NULLS) {
            options.add(KdaFunctionTable.IGNORE_NULLS);
        }
        Call call =
                new Call(
                        function,
                        arguments,
                        f.distinct(),
                        f.starArgument(),
                        String.join(" ", options),
                        type);
        if (name.equals("MOD")) {
            requireNonZeroDivisor(f.arguments().get(1).position(), call, arguments.get(1));
        }
        if (f.over().isPresent()) {
            if (!function.isAggregate() && function.kind() != KdaFunction.Kind.ANALYTIC) {
                throw error(f.position(), name + " is not an aggregate; it cannot have OVER");
            }
            SlidingWindow window = window(f.over().get());
            checkAnalytic(f, call, window);
            return new WindowedCall(call, window);
        }
        if (function.kind() == KdaFunction.Kind.ANALYTIC) {
            throw error(f.position(), name + " needs a window: " + name + "(…) OVER (…)");
        }
        return call;
    }

    /**
     * An argument of a call: {@code EXP_AVG}'s half-life interval becomes its milliseconds, {@code
     * LAG}'s offset and {@code NTH_VALUE}'s n must be whole-number constants.
     */
    private TypedExpression analyticArgument(KdaFunction function, Expression argument, int i) {
        String name = function.name();
        if (name.equals("EXP_AVG") && i == 1) {
            if (argument instanceof IntervalLiteral interval) {
                Optional<Long> millis = Intervals.toMillis(interval).filter(m -> m > 0);
                if (millis.isPresent()) {
                    return Literal.of(
                            Literal.Kind.NUMBER, Long.toString(millis.get()), DataTypes.BIGINT());
                }
            }
            throw error(
                    argument.position(),
                    "EXP_AVG's half-life is a positive day-time INTERVAL, e.g. INTERVAL '10'"
                            + " SECOND");
        }
        if ((name.equals("LAG") || name.equals("NTH_VALUE")) && i == 1) {
            long least = name.equals("LAG") ? 0 : 1;
            if (argument instanceof NumericLiteral n
                    && n.kind() == NumericLiteral.Kind.INTEGER
                    && n.value().toBigInteger().bitLength() < 31
                    && n.value().longValueExact() >= least) {
                return Literal.of(
                        Literal.Kind.NUMBER, n.value().toBigInteger().toString(), DataTypes.INT());
            }
            throw error(
                    argument.position(),
                    name
                            + (name.equals("LAG") ? "'s offset" : "'s n")
                            + " is a whole number of at least "
                            + least
                            + ", written as a constant");
        }
        return analyze(argument);
    }

    /**
     * Checks an analytic call against its window: over {@code RANGE INTERVAL} windows every
     * function of the table runs in flink-kda's operator (no {@code DISTINCT}); over {@code ROWS}
     * (and unbounded) windows Flink's {@code OVER} computes only what it computes as KDA does.
     */
    private void checkAnalytic(FunctionCall f, Call call, SlidingWindow window) {
        String name = call.function().name();
        if (SUMS.contains(name) && !call.star()) {
            DataType type = call.arguments().get(0).type();
            if (!type.getLogicalType()
                    .is(org.apache.flink.table.types.logical.LogicalTypeFamily.NUMERIC)) {
                throw error(
                        f.arguments().get(0).position(),
                        name + " needs a number, not " + type.getLogicalType().asSummaryString());
            }
        }
        if (dev.flinkkda.kda.sql.plan.Planner.onPerEventOperator(window)) {
            if (call.distinct()) {
                throw unsupported(
                        f.position(),
                        name + "(DISTINCT …) over a RANGE window",
                        "flink-kda's per-event operator aggregates every row");
            }
            return;
        }
        String frame =
                window.unit() == SlidingWindow.Unit.ROWS
                        ? "a ROWS window"
                        : window.unbounded()
                                ? "a RANGE UNBOUNDED PRECEDING window"
                                : "a RANGE CURRENT ROW window";
        switch (name) {
            case "NTH_VALUE":
            case "EXP_AVG":
                throw unsupported(
                        f.position(),
                        name + " over " + frame,
                        "it runs over RANGE INTERVAL '…' PRECEDING windows (flink-kda's operator);"
                                + " Flink's OVER has no "
                                + name);
            case "FIRST_VALUE":
            case "LAST_VALUE":
                if (!call.keyword().contains(KdaFunctionTable.IGNORE_NULLS)) {
                    throw unsupported(
                            f.position(),
                            name + " RESPECT NULLS over " + frame,
                            "Flink's "
                                    + name
                                    + " skips nulls: write "
                                    + name
                                    + "(…) IGNORE NULLS, or use a RANGE INTERVAL window");
                }
                return;
            case "LAG":
                if (call.keyword().contains(KdaFunctionTable.IGNORE_NULLS)) {
                    throw unsupported(
                            f.position(),
                            "LAG … IGNORE NULLS over " + frame,
                            "Flink's LAG counts nulls; use a RANGE INTERVAL window");
                }
                if (call.arguments().size() > 2) {
                    throw unsupported(
                            f.position(),
                            "LAG with a default over " + frame,
                            "Flink's LAG gives its default for a null value too, KDA's only"
                                    + " outside the window; use a RANGE INTERVAL window");
                }
                if (window.unit() != SlidingWindow.Unit.ROWS
                        || (!window.unbounded() && offset(call) > window.preceding())) {
                    throw unsupported(
                            f.position(),
                            "LAG over "
                                    + frame
                                    + (window.unit() == SlidingWindow.Unit.ROWS
                                            ? " shorter than its offset"
                                            : ""),
                            "Flink's LAG ignores the window's frame: use ROWS n PRECEDING with n at"
                                    + " least the offset, or a RANGE INTERVAL window");
                }
                return;
            default:
                return;
        }
    }

    private static long offset(Call lag) {
        return lag.arguments().size() > 1
                ? Long.parseLong(((Literal) lag.arguments().get(1)).value())
                : 1;
    }

    /** The functions that add values up. */
    private static final java.util.Set<String> SUMS =
            java.util.Set.of(
                    "SUM", "AVG", "VAR_POP", "VAR_SAMP", "STDDEV_POP", "STDDEV_SAMP", "EXP_AVG");

    /** The value of a constant argument, as the function table takes it; null for others. */
    private static ReturnType.LiteralValue literalValue(TypedExpression argument) {
        if (!(argument instanceof Literal literal)) {
            return null;
        }
        switch (literal.kind()) {
            case NULL:
                return new ReturnType.LiteralValue(null);
            case STRING:
                return new ReturnType.LiteralValue(literal.value());
            case NUMBER:
                return new ReturnType.LiteralValue(new BigDecimal(literal.value()));
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------ windows

    private SlidingWindow window(Over over) {
        WindowSpec spec;
        if (over instanceof WindowReference reference) {
            spec = namedWindows.get(reference.name().name());
            if (spec == null) {
                throw error(
                        reference.position(),
                        "unknown window \""
                                + reference.name().name()
                                + "\""
                                + NearestName.hint(reference.name().name(), namedWindows.keySet()));
            }
        } else {
            spec = (WindowSpec) over;
        }
        return window(spec);
    }

    SlidingWindow window(WindowSpec spec) {
        List<TypedExpression> partitionBy = new ArrayList<>();
        for (Expression key : spec.partitionBy()) {
            TypedExpression typed = analyze(key);
            if (TypedExpressions.contains(
                    typed, e -> TypedExpressions.isAggregate(e) || e instanceof WindowedCall)) {
                throw error(
                        key.position(), "a window's PARTITION BY key cannot contain an aggregate");
            }
            partitionBy.add(typed);
        }
        for (SortItem sort : spec.orderBy()) {
            if (!isInputRowtime(analyze(sort.expression())) || sort.descending()) {
                throw unsupported(
                        sort.position(),
                        "ORDER BY in a window other than ROWTIME ascending",
                        "KDA windows are ordered by ROWTIME");
            }
        }
        if (spec.frame().isEmpty()) {
            throw unsupported(
                    spec.position(),
                    "a window without RANGE or ROWS",
                    "write RANGE INTERVAL … PRECEDING or ROWS n PRECEDING");
        }
        WindowFrame frame = spec.frame().get();
        if (frame.end().isPresent() && frame.end().get().kind() != FrameBound.Kind.CURRENT_ROW) {
            throw unsupported(
                    frame.end().get().position(),
                    "a window that ends after the current row",
                    "KDA windows end at the current row");
        }
        FrameBound start = frame.start();
        long preceding;
        switch (start.kind()) {
            case UNBOUNDED_PRECEDING:
                preceding = SlidingWindow.UNBOUNDED;
                break;
            case CURRENT_ROW:
                preceding = 0;
                break;
            case PRECEDING:
                preceding = offset(frame.unit(), start.offset().orElseThrow(), frame.position());
                break;
            default:
                throw unsupported(
                        start.position(),
                        "window frame " + start.kind().name().replace('_', ' '),
                        "KDA windows end at the current row; UNBOUNDED FOLLOWING is not allowed"
                                + " in KDA either");
        }
        return new SlidingWindow(
                partitionBy,
                frame.unit() == WindowFrame.Unit.RANGE
                        ? SlidingWindow.Unit.RANGE
                        : SlidingWindow.Unit.ROWS,
                preceding);
    }

    private long offset(WindowFrame.Unit unit, Expression offset, SourcePosition position) {
        if (unit == WindowFrame.Unit.RANGE) {
            if (offset instanceof IntervalLiteral interval) {
                Optional<Long> millis = Intervals.toMillis(interval);
                if (millis.isPresent() && millis.get() >= 0) {
                    return millis.get();
                }
            }
            throw unsupported(
                    position,
                    "RANGE without a day-time INTERVAL",
                    "write RANGE INTERVAL 'n' SECOND|MINUTE|HOUR|DAY PRECEDING");
        }
        if (offset instanceof NumericLiteral n
                && n.kind() == NumericLiteral.Kind.INTEGER
                && n.value().toBigInteger().bitLength() < 63) {
            return n.value().longValueExact();
        }
        throw error(offset.position(), "ROWS needs a whole number of rows, e.g. ROWS 10 PRECEDING");
    }

    /** Whether {@code e} is the {@code ROWTIME} of the query's input stream. */
    boolean isInputRowtime(TypedExpression e) {
        if (!(e instanceof ColumnRef column) || !column.relation().equals(scope.get(0).alias())) {
            return false;
        }
        return scope.get(0).isRowtime(column.column());
    }

    // ------------------------------------------------------------------ types and errors

    DataType type(dev.flinkkda.kda.sql.ast.DataType type) {
        try {
            return KdaTypes.toFlink(type);
        } catch (IllegalArgumentException e) {
            throw error(type.position(), e.getMessage());
        }
    }

    KdaSemanticException error(SourcePosition position, String message) {
        return new KdaSemanticException(sourceName, position, message);
    }

    UnsupportedConstructException unsupported(
            SourcePosition position, String construct, String why) {
        return new UnsupportedConstructException(sourceName, position, construct, why);
    }
}
