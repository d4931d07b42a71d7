package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.AllColumns;
import dev.flinkkda.kda.sql.ast.Between;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.BinaryStringLiteral;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CaseExpression;
import dev.flinkkda.kda.sql.ast.Cast;
import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.DataType;
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
import dev.flinkkda.kda.sql.ast.IntervalQualifier;
import dev.flinkkda.kda.sql.ast.IsNull;
import dev.flinkkda.kda.sql.ast.IsTruthValue;
import dev.flinkkda.kda.sql.ast.Join;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.Like;
import dev.flinkkda.kda.sql.ast.NamedArgument;
import dev.flinkkda.kda.sql.ast.NamedWindow;
import dev.flinkkda.kda.sql.ast.NullLiteral;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.Over;
import dev.flinkkda.kda.sql.ast.Query;
import dev.flinkkda.kda.sql.ast.Relation;
import dev.flinkkda.kda.sql.ast.ScalarSubquery;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SelectItem;
import dev.flinkkda.kda.sql.ast.SortItem;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StaggerWindow;
import dev.flinkkda.kda.sql.ast.Statement;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.StringLiteral;
import dev.flinkkda.kda.sql.ast.SubqueryRelation;
import dev.flinkkda.kda.sql.ast.TableFunctionRelation;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.Trim;
import dev.flinkkda.kda.sql.ast.TypeName;
import dev.flinkkda.kda.sql.ast.UnaryOperation;
import dev.flinkkda.kda.sql.ast.Union;
import dev.flinkkda.kda.sql.ast.WhenClause;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Builds the syntax tree from ANTLR's parse tree. The visitor methods handle the labelled
 * alternatives (statements, queries, relations, expressions, types); the other rules are built by
 * the typed helper methods. Checks the grammar cannot express (an empty quoted identifier, an
 * interval qualifier such as {@code SECOND TO MINUTE}, a length that is not an int) throw {@link
 * KdaSqlSyntaxException}.
 */
final class KdaSqlAstBuilder extends KdaSqlBaseVisitor<Object> {

    private final String sourceName;

    KdaSqlAstBuilder(String sourceName) {
        this.sourceName = sourceName;
    }

    // ---------------------------------------------------------------------------------------
    // Statements

    KdaScript script(KdaSql.ScriptContext ctx) {
        return new KdaScript(sourceName, map(ctx.statement(), this::statement));
    }

    Statement statement(KdaSql.StatementContext ctx) {
        SourcePosition position = position(ctx.CREATE().getSymbol());
        boolean orReplace = ctx.REPLACE() != null;
        if (ctx.streamDefinition() != null) {
            KdaSql.StreamDefinitionContext stream = ctx.streamDefinition();
            return new CreateStream(
                    position,
                    orReplace,
                    identifier(stream.identifier()),
                    map(stream.columnDefinition(), this::columnDefinition),
                    description(stream.description()));
        }
        KdaSql.PumpDefinitionContext pump = ctx.pumpDefinition();
        List<KdaSql.IdentifierContext> names = pump.identifier();
        return new CreatePump(
                position,
                orReplace,
                identifier(names.get(0)),
                description(pump.description()),
                identifier(pump.target),
                map(names.subList(2, names.size()), this::identifier),
                query(pump.query()));
    }

    private Optional<String> description(KdaSql.DescriptionContext ctx) {
        return ctx == null ? Optional.empty() : Optional.of(unquoteString(ctx.STRING()));
    }

    private ColumnDefinition columnDefinition(KdaSql.ColumnDefinitionContext ctx) {
        return new ColumnDefinition(
                position(ctx),
                identifier(ctx.identifier()),
                dataType(ctx.dataType()),
                ctx.NOT() != null);
    }

    // ---------------------------------------------------------------------------------------
    // Types

    DataType dataType(KdaSql.DataTypeContext ctx) {
        return (DataType) visit(ctx);
    }

    @Override
    public DataType visitVarcharType(KdaSql.VarcharTypeContext ctx) {
        return sizedType(ctx, TypeName.VARCHAR, ctx.typeLength());
    }

    @Override
    public DataType visitCharType(KdaSql.CharTypeContext ctx) {
        return sizedType(ctx, TypeName.CHAR, ctx.typeLength());
    }

    @Override
    public DataType visitVarbinaryType(KdaSql.VarbinaryTypeContext ctx) {
        return sizedType(ctx, TypeName.VARBINARY, ctx.typeLength());
    }

    @Override
    public DataType visitBinaryType(KdaSql.BinaryTypeContext ctx) {
        return sizedType(ctx, TypeName.BINARY, ctx.typeLength());
    }

    @Override
    public DataType visitFloatType(KdaSql.FloatTypeContext ctx) {
        return sizedType(ctx, TypeName.FLOAT, ctx.typeLength());
    }

    @Override
    public DataType visitTimeType(KdaSql.TimeTypeContext ctx) {
        TypeName name = ctx.name.getType() == KdaSqlLexer.TIME ? TypeName.TIME : TypeName.TIMESTAMP;
        return sizedType(ctx, name, ctx.typeLength());
    }

    @Override
    public DataType visitDecimalType(KdaSql.DecimalTypeContext ctx) {
        return new DataType(
                position(ctx),
                TypeName.DECIMAL,
                optionalInt(ctx.precision),
                optionalInt(ctx.scale),
                Optional.empty());
    }

    @Override
    public DataType visitDoubleType(KdaSql.DoubleTypeContext ctx) {
        return DataType.of(position(ctx), TypeName.DOUBLE);
    }

    @Override
    public DataType visitSimpleType(KdaSql.SimpleTypeContext ctx) {
        TypeName name =
                switch (ctx.name.getType()) {
                    case KdaSqlLexer.REAL -> TypeName.REAL;
                    case KdaSqlLexer.INTEGER, KdaSqlLexer.INT -> TypeName.INTEGER;
                    case KdaSqlLexer.BIGINT -> TypeName.BIGINT;
                    case KdaSqlLexer.SMALLINT -> TypeName.SMALLINT;
                    case KdaSqlLexer.TINYINT -> TypeName.TINYINT;
                    case KdaSqlLexer.BOOLEAN -> TypeName.BOOLEAN;
                    case KdaSqlLexer.DATE -> TypeName.DATE;
                    default -> throw unexpected(ctx);
                };
        return DataType.of(position(ctx), name);
    }

    @Override
    public DataType visitIntervalType(KdaSql.IntervalTypeContext ctx) {
        return new DataType(
                position(ctx),
                TypeName.INTERVAL,
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.of(intervalQualifier(ctx.intervalQualifier())));
    }

    private DataType sizedType(
            ParserRuleContext ctx, TypeName name, KdaSql.TypeLengthContext length) {
        OptionalInt precision =
                length == null
                        ? OptionalInt.empty()
                        : optionalInt(length.INTEGER_VALUE().getSymbol());
        return new DataType(position(ctx), name, precision, OptionalInt.empty(), Optional.empty());
    }

    // ---------------------------------------------------------------------------------------
    // Queries

    Query query(KdaSql.QueryContext ctx) {
        return (Query) visit(ctx);
    }

    @Override
    public Query visitQueryDefault(KdaSql.QueryDefaultContext ctx) {
        return (Query) visit(ctx.queryTerm());
    }

    @Override
    public Union visitUnion(KdaSql.UnionContext ctx) {
        boolean all = ctx.setQuantifier() != null && ctx.setQuantifier().ALL() != null;
        return new Union(position(ctx), query(ctx.left), (Query) visit(ctx.right), all);
    }

    @Override
    public Select visitSelectTerm(KdaSql.SelectTermContext ctx) {
        return select(ctx.querySpecification());
    }

    @Override
    public Query visitParenthesizedQuery(KdaSql.ParenthesizedQueryContext ctx) {
        return query(ctx.query());
    }

    private Select select(KdaSql.QuerySpecificationContext ctx) {
        Relation from = relation(ctx.relation(0));
        for (KdaSql.RelationContext next : ctx.relation().subList(1, ctx.relation().size())) {
            from =
                    new Join(
                            from.position(),
                            JoinType.IMPLICIT,
                            from,
                            relation(next),
                            Optional.empty(),
                            List.of());
        }
        boolean distinct = ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
        return new Select(
                position(ctx),
                ctx.STREAM() != null,
                distinct,
                map(ctx.selectItem(), item -> (SelectItem) visit(item)),
                from,
                optional(ctx.where, this::expression),
                ctx.groupBy() == null ? List.of() : expressions(ctx.groupBy().expression()),
                optional(ctx.staggerWindow(), this::staggerWindow),
                optional(ctx.having, this::expression),
                map(ctx.namedWindow(), this::namedWindow),
                map(ctx.sortItem(), this::sortItem));
    }

    @Override
    public AllColumns visitQualifiedAllColumns(KdaSql.QualifiedAllColumnsContext ctx) {
        return new AllColumns(position(ctx), Optional.of(identifier(ctx.identifier())));
    }

    @Override
    public AllColumns visitAllColumns(KdaSql.AllColumnsContext ctx) {
        return new AllColumns(position(ctx), Optional.empty());
    }

    @Override
    public SelectExpression visitSelectExpression(KdaSql.SelectExpressionContext ctx) {
        return new SelectExpression(
                position(ctx), expression(ctx.expression()), optional(ctx.alias, this::identifier));
    }

    private StaggerWindow staggerWindow(KdaSql.StaggerWindowContext ctx) {
        return new StaggerWindow(
                position(ctx),
                expressions(ctx.expression()),
                intervalLiteral(ctx.intervalLiteral()));
    }

    private NamedWindow namedWindow(KdaSql.NamedWindowContext ctx) {
        return new NamedWindow(
                position(ctx),
                identifier(ctx.identifier()),
                windowSpec(ctx.LPAREN().getSymbol(), ctx.windowSpecification()));
    }

    /** A window specification; it starts at its opening parenthesis, which its rule leaves out. */
    private WindowSpec windowSpec(Token openingParenthesis, KdaSql.WindowSpecificationContext ctx) {
        return new WindowSpec(
                position(openingParenthesis),
                expressions(ctx.expression()),
                map(ctx.sortItem(), this::sortItem),
                optional(ctx.windowFrame(), this::windowFrame));
    }

    private WindowFrame windowFrame(KdaSql.WindowFrameContext ctx) {
        WindowFrame.Unit unit =
                ctx.unit.getType() == KdaSqlLexer.RANGE
                        ? WindowFrame.Unit.RANGE
                        : WindowFrame.Unit.ROWS;
        return new WindowFrame(
                position(ctx),
                unit,
                frameBound(ctx.startBound),
                optional(ctx.endBound, this::frameBound));
    }

    private FrameBound frameBound(KdaSql.FrameBoundContext ctx) {
        return (FrameBound) visit(ctx);
    }

    @Override
    public FrameBound visitUnboundedFrameBound(KdaSql.UnboundedFrameBoundContext ctx) {
        FrameBound.Kind kind =
                ctx.direction.getType() == KdaSqlLexer.PRECEDING
                        ? FrameBound.Kind.UNBOUNDED_PRECEDING
                        : FrameBound.Kind.UNBOUNDED_FOLLOWING;
        return new FrameBound(position(ctx), kind, Optional.empty());
    }

    @Override
    public FrameBound visitCurrentRowFrameBound(KdaSql.CurrentRowFrameBoundContext ctx) {
        return new FrameBound(position(ctx), FrameBound.Kind.CURRENT_ROW, Optional.empty());
    }

    @Override
    public FrameBound visitOffsetFrameBound(KdaSql.OffsetFrameBoundContext ctx) {
        FrameBound.Kind kind =
                ctx.direction.getType() == KdaSqlLexer.PRECEDING
                        ? FrameBound.Kind.PRECEDING
                        : FrameBound.Kind.FOLLOWING;
        return new FrameBound(
                position(ctx), kind, Optional.of(valueExpression(ctx.valueExpression())));
    }

    private SortItem sortItem(KdaSql.SortItemContext ctx) {
        SortItem.NullOrdering nullOrdering = SortItem.NullOrdering.UNSPECIFIED;
        if (ctx.nullOrdering != null) {
            nullOrdering =
                    ctx.nullOrdering.getType() == KdaSqlLexer.FIRST
                            ? SortItem.NullOrdering.FIRST
                            : SortItem.NullOrdering.LAST;
        }
        boolean descending = ctx.ordering != null && ctx.ordering.getType() == KdaSqlLexer.DESC;
        return new SortItem(position(ctx), expression(ctx.expression()), descending, nullOrdering);
    }

    // ---------------------------------------------------------------------------------------
    // Relations

    private Relation relation(KdaSql.RelationContext ctx) {
        return (Relation) visit(ctx);
    }

    @Override
    public Relation visitRelationDefault(KdaSql.RelationDefaultContext ctx) {
        return (Relation) visit(ctx.relationPrimary());
    }

    @Override
    public Join visitCrossJoin(KdaSql.CrossJoinContext ctx) {
        return new Join(
                position(ctx),
                JoinType.CROSS,
                relation(ctx.left),
                (Relation) visit(ctx.right),
                Optional.empty(),
                List.of());
    }

    @Override
    public Join visitQualifiedJoin(KdaSql.QualifiedJoinContext ctx) {
        KdaSql.JoinTypeContext type = ctx.joinType();
        JoinType joinType = JoinType.INNER;
        if (type.LEFT() != null) {
            joinType = JoinType.LEFT;
        } else if (type.RIGHT() != null) {
            joinType = JoinType.RIGHT;
        } else if (type.FULL() != null) {
            joinType = JoinType.FULL;
        }
        KdaSql.JoinCriteriaContext criteria = ctx.joinCriteria();
        return new Join(
                position(ctx),
                joinType,
                relation(ctx.left),
                (Relation) visit(ctx.right),
                optional(criteria.expression(), this::expression),
                map(criteria.identifier(), this::identifier));
    }

    @Override
    public StreamReference visitStreamRelation(KdaSql.StreamRelationContext ctx) {
        Optional<Over> window = optional(ctx.over(), this::over);
        return new StreamReference(
                position(ctx),
                identifier(ctx.identifier()),
                window,
                alias(ctx.aliasClause()),
                columnAliases(ctx.aliasClause()));
    }

    @Override
    public TableFunctionRelation visitTableFunctionRelation(
            KdaSql.TableFunctionRelationContext ctx) {
        return new TableFunctionRelation(
                position(ctx),
                identifier(ctx.identifier()),
                map(ctx.functionArgument(), argument -> (Expression) visit(argument)),
                alias(ctx.aliasClause()),
                columnAliases(ctx.aliasClause()));
    }

    @Override
    public SubqueryRelation visitSubqueryRelation(KdaSql.SubqueryRelationContext ctx) {
        return new SubqueryRelation(
                position(ctx),
                query(ctx.query()),
                alias(ctx.aliasClause()),
                columnAliases(ctx.aliasClause()));
    }

    @Override
    public Relation visitParenthesizedRelation(KdaSql.ParenthesizedRelationContext ctx) {
        return relation(ctx.relation());
    }

    private Optional<Identifier> alias(KdaSql.AliasClauseContext ctx) {
        return ctx == null ? Optional.empty() : Optional.of(identifier(ctx.identifier(0)));
    }

    private List<Identifier> columnAliases(KdaSql.AliasClauseContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<KdaSql.IdentifierContext> names = ctx.identifier();
        return map(names.subList(1, names.size()), this::identifier);
    }

    // ---------------------------------------------------------------------------------------
    // Boolean expressions and predicates

    Expression expression(KdaSql.ExpressionContext ctx) {
        return (Expression) visit(ctx.booleanExpression());
    }

    private List<Expression> expressions(List<KdaSql.ExpressionContext> contexts) {
        return map(contexts, this::expression);
    }

    private Expression valueExpression(KdaSql.ValueExpressionContext ctx) {
        return (Expression) visit(ctx);
    }

    @Override
    public Expression visitPredicated(KdaSql.PredicatedContext ctx) {
        Expression operand = valueExpression(ctx.valueExpression());
        KdaSql.PredicateContext predicate = ctx.predicate();
        if (predicate == null) {
            return operand;
        }
        SourcePosition position = position(ctx);
        if (predicate instanceof KdaSql.ComparisonContext comparison) {
            return new BinaryOperation(
                    position,
                    comparisonOperator(comparison.comparisonOperator()),
                    operand,
                    valueExpression(comparison.right));
        }
        if (predicate instanceof KdaSql.BetweenContext between) {
            return new Between(
                    position,
                    operand,
                    valueExpression(between.low),
                    valueExpression(between.high),
                    between.NOT() != null);
        }
        if (predicate instanceof KdaSql.InSubqueryContext in) {
            return new InSubquery(position, operand, query(in.query()), in.NOT() != null);
        }
        if (predicate instanceof KdaSql.InListContext in) {
            return new InList(position, operand, expressions(in.expression()), in.NOT() != null);
        }
        if (predicate instanceof KdaSql.LikeContext like) {
            return new Like(
                    position,
                    like.LIKE() != null ? Like.Kind.LIKE : Like.Kind.SIMILAR_TO,
                    operand,
                    valueExpression(like.pattern),
                    optional(like.escape, this::valueExpression),
                    like.NOT() != null);
        }
        if (predicate instanceof KdaSql.IsNullContext isNull) {
            return new IsNull(position, operand, isNull.NOT() != null);
        }
        if (predicate instanceof KdaSql.IsTruthValueContext is) {
            IsTruthValue.TruthValue value =
                    switch (is.truthValue.getType()) {
                        case KdaSqlLexer.TRUE -> IsTruthValue.TruthValue.TRUE;
                        case KdaSqlLexer.FALSE -> IsTruthValue.TruthValue.FALSE;
                        default -> IsTruthValue.TruthValue.UNKNOWN;
                    };
            return new IsTruthValue(position, operand, value, is.NOT() != null);
        }
        throw unexpected(predicate);
    }

    private static BinaryOperation.Operator comparisonOperator(
            KdaSql.ComparisonOperatorContext ctx) {
        return switch (ctx.getStart().getType()) {
            case KdaSqlLexer.EQ -> BinaryOperation.Operator.EQUAL;
            case KdaSqlLexer.NEQ -> BinaryOperation.Operator.NOT_EQUAL;
            case KdaSqlLexer.LT -> BinaryOperation.Operator.LESS_THAN;
            case KdaSqlLexer.LTE -> BinaryOperation.Operator.LESS_THAN_OR_EQUAL;
            case KdaSqlLexer.GT -> BinaryOperation.Operator.GREATER_THAN;
            case KdaSqlLexer.GTE -> BinaryOperation.Operator.GREATER_THAN_OR_EQUAL;
            default -> throw unexpected(ctx);
        };
    }

    @Override
    public UnaryOperation visitLogicalNot(KdaSql.LogicalNotContext ctx) {
        return new UnaryOperation(
                position(ctx),
                UnaryOperation.Operator.NOT,
                (Expression) visit(ctx.booleanExpression()));
    }

    @Override
    public BinaryOperation visitLogicalAnd(KdaSql.LogicalAndContext ctx) {
        return new BinaryOperation(
                position(ctx),
                BinaryOperation.Operator.AND,
                (Expression) visit(ctx.left),
                (Expression) visit(ctx.right));
    }

    @Override
    public BinaryOperation visitLogicalOr(KdaSql.LogicalOrContext ctx) {
        return new BinaryOperation(
                position(ctx),
                BinaryOperation.Operator.OR,
                (Expression) visit(ctx.left),
                (Expression) visit(ctx.right));
    }

    // ---------------------------------------------------------------------------------------
    // Arithmetic

    @Override
    public Expression visitPrimary(KdaSql.PrimaryContext ctx) {
        return (Expression) visit(ctx.primaryExpression());
    }

    @Override
    public UnaryOperation visitArithmeticUnary(KdaSql.ArithmeticUnaryContext ctx) {
        UnaryOperation.Operator operator =
                ctx.operator.getType() == KdaSqlLexer.MINUS
                        ? UnaryOperation.Operator.MINUS
                        : UnaryOperation.Operator.PLUS;
        return new UnaryOperation(position(ctx), operator, valueExpression(ctx.valueExpression()));
    }

    @Override
    public BinaryOperation visitArithmeticBinary(KdaSql.ArithmeticBinaryContext ctx) {
        BinaryOperation.Operator operator =
                switch (ctx.operator.getType()) {
                    case KdaSqlLexer.PLUS -> BinaryOperation.Operator.ADD;
                    case KdaSqlLexer.MINUS -> BinaryOperation.Operator.SUBTRACT;
                    case KdaSqlLexer.ASTERISK -> BinaryOperation.Operator.MULTIPLY;
                    case KdaSqlLexer.SLASH -> BinaryOperation.Operator.DIVIDE;
                    case KdaSqlLexer.CONCAT -> BinaryOperation.Operator.CONCAT;
                    default -> throw unexpected(ctx);
                };
        return new BinaryOperation(
                position(ctx), operator, valueExpression(ctx.left), valueExpression(ctx.right));
    }

    // ---------------------------------------------------------------------------------------
    // Literals

    @Override
    public NullLiteral visitNullLiteral(KdaSql.NullLiteralContext ctx) {
        return new NullLiteral(position(ctx));
    }

    @Override
    public BooleanLiteral visitBooleanLiteral(KdaSql.BooleanLiteralContext ctx) {
        return new BooleanLiteral(position(ctx), ctx.value.getType() == KdaSqlLexer.TRUE);
    }

    @Override
    public NumericLiteral visitNumericLiteral(KdaSql.NumericLiteralContext ctx) {
        NumericLiteral.Kind kind =
                switch (ctx.number.getType()) {
                    case KdaSqlLexer.INTEGER_VALUE -> NumericLiteral.Kind.INTEGER;
                    case KdaSqlLexer.DECIMAL_VALUE -> NumericLiteral.Kind.DECIMAL;
                    default -> NumericLiteral.Kind.APPROXIMATE;
                };
        return new NumericLiteral(position(ctx), ctx.number.getText(), kind);
    }

    @Override
    public StringLiteral visitStringLiteral(KdaSql.StringLiteralContext ctx) {
        return new StringLiteral(position(ctx), unquoteString(ctx.STRING()));
    }

    @Override
    public BinaryStringLiteral visitBinaryLiteral(KdaSql.BinaryLiteralContext ctx) {
        String text = ctx.BINARY_STRING().getText();
        // X'...': drop the X and the quotes.
        String hexDigits = text.substring(2, text.length() - 1);
        if (hexDigits.length() % 2 != 0) {
            throw syntaxError(
                    ctx.BINARY_STRING().getSymbol(),
                    "a binary string has two hex digits a byte, this one " + hexDigits.length());
        }
        return new BinaryStringLiteral(position(ctx), hexDigits);
    }

    @Override
    public DateTimeLiteral visitDateTimeLiteral(KdaSql.DateTimeLiteralContext ctx) {
        DateTimeLiteral.Kind kind =
                switch (ctx.kind.getType()) {
                    case KdaSqlLexer.DATE -> DateTimeLiteral.Kind.DATE;
                    case KdaSqlLexer.TIME -> DateTimeLiteral.Kind.TIME;
                    default -> DateTimeLiteral.Kind.TIMESTAMP;
                };
        return new DateTimeLiteral(position(ctx), kind, unquoteString(ctx.STRING()));
    }

    @Override
    public IntervalLiteral visitInterval(KdaSql.IntervalContext ctx) {
        return intervalLiteral(ctx.intervalLiteral());
    }

    private IntervalLiteral intervalLiteral(KdaSql.IntervalLiteralContext ctx) {
        boolean negative = ctx.sign != null && ctx.sign.getType() == KdaSqlLexer.MINUS;
        return new IntervalLiteral(
                position(ctx),
                negative,
                unquoteString(ctx.STRING()),
                intervalQualifier(ctx.intervalQualifier()));
    }

    private IntervalQualifier intervalQualifier(KdaSql.IntervalQualifierContext ctx) {
        TimeUnit start = timeUnit(ctx.startUnit);
        if (ctx.endUnit == null) {
            return IntervalQualifier.of(start);
        }
        TimeUnit end = timeUnit(ctx.endUnit);
        if (end.compareTo(start) <= 0 || end.isYearMonth() != start.isYearMonth()) {
            Token token = ctx.endUnit.getStart();
            throw syntaxError(
                    token,
                    start
                            + " TO "
                            + end
                            + " is not an interval qualifier: expected YEAR TO MONTH, or a"
                            + " range from DAY, HOUR or MINUTE to a smaller unit up to SECOND");
        }
        return new IntervalQualifier(start, Optional.of(end));
    }

    private static TimeUnit timeUnit(KdaSql.TimeUnitContext ctx) {
        return TimeUnit.valueOf(ctx.getText().toUpperCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------------------------------
    // Special forms

    @Override
    public CaseExpression visitSimpleCase(KdaSql.SimpleCaseContext ctx) {
        return new CaseExpression(
                position(ctx),
                Optional.of(expression(ctx.operand)),
                map(ctx.whenClause(), this::whenClause),
                optional(ctx.elseResult, this::expression));
    }

    @Override
    public CaseExpression visitSearchedCase(KdaSql.SearchedCaseContext ctx) {
        return new CaseExpression(
                position(ctx),
                Optional.empty(),
                map(ctx.whenClause(), this::whenClause),
                optional(ctx.elseResult, this::expression));
    }

    private WhenClause whenClause(KdaSql.WhenClauseContext ctx) {
        return new WhenClause(position(ctx), expression(ctx.condition), expression(ctx.result));
    }

    @Override
    public Cast visitCast(KdaSql.CastContext ctx) {
        return new Cast(position(ctx), expression(ctx.expression()), dataType(ctx.dataType()));
    }

    @Override
    public Extract visitExtract(KdaSql.ExtractContext ctx) {
        return new Extract(
                position(ctx), timeUnit(ctx.timeUnit()), valueExpression(ctx.valueExpression()));
    }

    @Override
    public Step visitStep(KdaSql.StepContext ctx) {
        return new Step(position(ctx), expression(ctx.operand), expression(ctx.step));
    }

    @Override
    public Expression visitFloorCeil(KdaSql.FloorCeilContext ctx) {
        Expression operand = expression(ctx.expression());
        if (ctx.timeUnit() == null) {
            return FunctionCall.of(position(ctx), keywordName(ctx.function), List.of(operand));
        }
        FloorCeil.Direction direction =
                ctx.function.getType() == KdaSqlLexer.FLOOR
                        ? FloorCeil.Direction.FLOOR
                        : FloorCeil.Direction.CEIL;
        return new FloorCeil(position(ctx), direction, operand, timeUnit(ctx.timeUnit()));
    }

    @Override
    public FunctionCall visitPosition(KdaSql.PositionContext ctx) {
        return FunctionCall.of(
                position(ctx),
                keywordName(ctx.POSITION().getSymbol()),
                List.of(valueExpression(ctx.needle), valueExpression(ctx.haystack)));
    }

    @Override
    public FunctionCall visitSubstring(KdaSql.SubstringContext ctx) {
        List<Expression> arguments = new ArrayList<>();
        arguments.add(valueExpression(ctx.source));
        arguments.add(valueExpression(ctx.startPosition));
        if (ctx.length != null) {
            arguments.add(valueExpression(ctx.length));
        }
        return FunctionCall.of(position(ctx), keywordName(ctx.SUBSTRING().getSymbol()), arguments);
    }

    @Override
    public FunctionCall visitOverlay(KdaSql.OverlayContext ctx) {
        List<Expression> arguments = new ArrayList<>();
        arguments.add(valueExpression(ctx.source));
        arguments.add(valueExpression(ctx.replacement));
        arguments.add(valueExpression(ctx.startPosition));
        if (ctx.length != null) {
            arguments.add(valueExpression(ctx.length));
        }
        return FunctionCall.of(position(ctx), keywordName(ctx.OVERLAY().getSymbol()), arguments);
    }

    @Override
    public Trim visitTrim(KdaSql.TrimContext ctx) {
        Trim.Side side = Trim.Side.BOTH;
        if (ctx.specification != null) {
            side =
                    switch (ctx.specification.getType()) {
                        case KdaSqlLexer.LEADING -> Trim.Side.LEADING;
                        case KdaSqlLexer.TRAILING -> Trim.Side.TRAILING;
                        default -> Trim.Side.BOTH;
                    };
        }
        return new Trim(
                position(ctx),
                side,
                optional(ctx.character, this::valueExpression),
                valueExpression(ctx.source));
    }

    @Override
    public Exists visitExists(KdaSql.ExistsContext ctx) {
        return new Exists(position(ctx), query(ctx.query()));
    }

    @Override
    public ScalarSubquery visitScalarSubquery(KdaSql.ScalarSubqueryContext ctx) {
        return new ScalarSubquery(position(ctx), query(ctx.query()));
    }

    // ---------------------------------------------------------------------------------------
    // Function calls and names

    @Override
    public FunctionCall visitNiladicFunction(KdaSql.NiladicFunctionContext ctx) {
        return FunctionCall.of(position(ctx), keywordName(ctx.name), List.of());
    }

    @Override
    public FunctionCall visitStarFunctionCall(KdaSql.StarFunctionCallContext ctx) {
        return new FunctionCall(
                position(ctx),
                identifier(ctx.identifier()),
                false,
                true,
                List.of(),
                false,
                Optional.empty(),
                optional(ctx.over(), this::over));
    }

    @Override
    public FunctionCall visitFunctionCall(KdaSql.FunctionCallContext ctx) {
        boolean distinct = ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
        Optional<FunctionCall.NullTreatment> nullTreatment = Optional.empty();
        if (ctx.nullTreatment() != null) {
            nullTreatment =
                    Optional.of(
                            ctx.nullTreatment().IGNORE() != null
                                    ? FunctionCall.NullTreatment.IGNORE_NULLS
                                    : FunctionCall.NullTreatment.RESPECT_NULLS);
        }
        return new FunctionCall(
                position(ctx),
                identifier(ctx.identifier()),
                distinct,
                false,
                map(ctx.functionArgument(), argument -> (Expression) visit(argument)),
                ctx.fromEnd != null && ctx.fromEnd.getType() == KdaSql.LAST,
                nullTreatment,
                optional(ctx.over(), this::over));
    }

    @Override
    public CursorExpression visitCursorArgument(KdaSql.CursorArgumentContext ctx) {
        return new CursorExpression(position(ctx), query(ctx.query()));
    }

    @Override
    public NamedArgument visitNamedArgument(KdaSql.NamedArgumentContext ctx) {
        return new NamedArgument(
                position(ctx), identifier(ctx.identifier()), expression(ctx.expression()));
    }

    @Override
    public Expression visitPositionalArgument(KdaSql.PositionalArgumentContext ctx) {
        return expression(ctx.expression());
    }

    private Over over(KdaSql.OverContext ctx) {
        if (ctx.identifier() != null) {
            return new WindowReference(position(ctx.identifier()), identifier(ctx.identifier()));
        }
        return windowSpec(ctx.LPAREN().getSymbol(), ctx.windowSpecification());
    }

    @Override
    public ColumnReference visitColumnReference(KdaSql.ColumnReferenceContext ctx) {
        return new ColumnReference(position(ctx), map(ctx.identifier(), this::identifier));
    }

    @Override
    public DatetimeDifference visitDatetimeDifference(KdaSql.DatetimeDifferenceContext ctx) {
        Expression difference = valueExpression(ctx.difference);
        if (!(difference instanceof BinaryOperation minus
                && minus.operator() == BinaryOperation.Operator.SUBTRACT)) {
            throw syntaxError(
                    ctx.intervalQualifier().getStart(),
                    "an interval qualifier after a parenthesized expression needs a datetime"
                            + " difference, e.g. (t1 - t2) SECOND");
        }
        return new DatetimeDifference(
                position(ctx),
                minus.left(),
                minus.right(),
                intervalQualifier(ctx.intervalQualifier()));
    }

    @Override
    public Expression visitParenthesized(KdaSql.ParenthesizedContext ctx) {
        return expression(ctx.expression());
    }

    private Identifier identifier(KdaSql.IdentifierContext ctx) {
        Token token = ctx.getStart();
        Identifier identifier;
        if (token.getType() == KdaSqlLexer.QUOTED_IDENTIFIER) {
            if (token.getText().length() == 2) {
                throw syntaxError(token, "a quoted identifier cannot be empty");
            }
            identifier = Identifier.quoted(position(token), token.getText());
        } else {
            identifier = Identifier.unquoted(position(token), token.getText());
        }
        String name = identifier.name();
        int length = name.codePointCount(0, name.length());
        if (length > KdaSqlParser.MAX_NAME_LENGTH) {
            throw syntaxError(
                    token,
                    "a name has at most "
                            + KdaSqlParser.MAX_NAME_LENGTH
                            + " characters, this one "
                            + length);
        }
        if (name.isBlank()) {
            // Flink's field and table names need a character that is not a space
            throw new KdaSqlSyntaxException(
                    sourceName,
                    position(token),
                    token.getText(),
                    List.of(),
                    "unsupported: a name of spaces only (Flink's names need another character)");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            // Flink SQL cannot write such a name: its quoted identifiers end at a line break
            throw new KdaSqlSyntaxException(
                    sourceName,
                    position(token),
                    token.getText(),
                    List.of(),
                    "unsupported: a line break in a quoted identifier (Flink's names cannot hold"
                            + " one)");
        }
        return identifier;
    }

    /** The name of a function written as a keyword, e.g. {@code FLOOR} or {@code CURRENT_DATE}. */
    private static Identifier keywordName(Token keyword) {
        return Identifier.unquoted(position(keyword), keyword.getText());
    }

    // ---------------------------------------------------------------------------------------
    // Helpers

    private static String unquoteString(TerminalNode string) {
        String text = string.getText();
        return text.substring(1, text.length() - 1).replace("''", "'");
    }

    private OptionalInt optionalInt(Token integer) {
        if (integer == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(integer.getText()));
        } catch (NumberFormatException e) {
            throw syntaxError(
                    integer, "the number is too large (at most " + Integer.MAX_VALUE + ")");
        }
    }

    private static SourcePosition position(ParserRuleContext ctx) {
        return position(ctx.getStart());
    }

    private static SourcePosition position(Token token) {
        return new SourcePosition(token.getLine(), token.getCharPositionInLine() + 1);
    }

    private KdaSqlSyntaxException syntaxError(Token token, String reason) {
        return new KdaSqlSyntaxException(
                sourceName,
                position(token),
                token.getText(),
                List.of(),
                "syntax error at '"
                        + SyntaxErrorListener.shorten(token.getText())
                        + "': "
                        + reason);
    }

    private static IllegalStateException unexpected(ParserRuleContext ctx) {
        return new IllegalStateException(
                "the grammar and the AST builder disagree at '" + ctx.getText() + "'");
    }

    private static <C, T> List<T> map(List<C> contexts, Function<C, T> build) {
        List<T> built = new ArrayList<>(contexts.size());
        for (C context : contexts) {
            built.add(build.apply(context));
        }
        return built;
    }

    private static <C, T> Optional<T> optional(C context, Function<C, T> build) {
        return context == null ? Optional.empty() : Optional.of(build.apply(context));
    }
}
