package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.Between;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.BinaryOperation.Operator;
import dev.flinkkda.kda.sql.ast.BinaryStringLiteral;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CaseExpression;
import dev.flinkkda.kda.sql.ast.Cast;
import dev.flinkkda.kda.sql.ast.DateTimeLiteral;
import dev.flinkkda.kda.sql.ast.Exists;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.Extract;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.InList;
import dev.flinkkda.kda.sql.ast.InSubquery;
import dev.flinkkda.kda.sql.ast.IsNull;
import dev.flinkkda.kda.sql.ast.IsTruthValue;
import dev.flinkkda.kda.sql.ast.Like;
import dev.flinkkda.kda.sql.ast.NullLiteral;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.ScalarSubquery;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.Trim;
import dev.flinkkda.kda.sql.ast.TypeName;
import dev.flinkkda.kda.sql.ast.UnaryOperation;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.OptionalInt;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInteger;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInterval;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expressions: literals, operators and their precedence, predicates, special forms, calls. */
class ExpressionParserTest {

    private static Expression parse(String expression) {
        return KdaSqlParser.parseExpression(expression);
    }

    private static BinaryOperation binary(String expression, Operator operator) {
        BinaryOperation binary = (BinaryOperation) parse(expression);
        assertThat(binary.operator()).isEqualTo(operator);
        return binary;
    }

    // ------------------------------------------------------------------------------------
    // Literals

    @Test
    void numericLiterals() {
        NumericLiteral integer = (NumericLiteral) parse("42");
        assertThat(integer.kind()).isEqualTo(NumericLiteral.Kind.INTEGER);
        assertThat(integer.value()).isEqualTo(new BigDecimal("42"));

        NumericLiteral decimal = (NumericLiteral) parse("0.25");
        assertThat(decimal.kind()).isEqualTo(NumericLiteral.Kind.DECIMAL);
        assertThat(decimal.value()).isEqualTo(new BigDecimal("0.25"));
        assertThat(((NumericLiteral) parse(".5")).value()).isEqualTo(new BigDecimal("0.5"));

        NumericLiteral approximate = (NumericLiteral) parse("1.5E3");
        assertThat(approximate.kind()).isEqualTo(NumericLiteral.Kind.APPROXIMATE);
        assertThat(approximate.value().doubleValue()).isEqualTo(1500.0);
    }

    @Test
    void stringBooleanNullAndBinaryLiterals() {
        assertString(parse("'it''s'"), "it's");
        assertString(parse("''"), "");
        assertThat(parse("TRUE")).isEqualTo(new BooleanLiteral(new SourcePosition(1, 1), true));
        assertThat(parse("false")).isEqualTo(new BooleanLiteral(new SourcePosition(1, 1), false));
        assertThat(parse("NULL")).isEqualTo(new NullLiteral(new SourcePosition(1, 1)));
        assertThat(((BinaryStringLiteral) parse("X'0aFF'")).hexDigits()).isEqualTo("0aFF");
        // found by TranslatorFuzzTest: Flink's validator rejected X'F' ("an even number of hexits")
        assertThatThrownBy(() -> parse("X'F'"))
                .isInstanceOf(KdaSqlSyntaxException.class)
                .hasMessage(
                        "<input>:1:1: syntax error at 'X'F'': a binary string has two hex digits a"
                                + " byte, this one 1");
    }

    @Test
    void dateTimeLiterals() {
        DateTimeLiteral timestamp = (DateTimeLiteral) parse("TIMESTAMP '2018-08-01 11:00:20'");
        assertThat(timestamp.kind()).isEqualTo(DateTimeLiteral.Kind.TIMESTAMP);
        assertThat(timestamp.value()).isEqualTo("2018-08-01 11:00:20");
        assertThat(((DateTimeLiteral) parse("DATE '2018-08-01'")).kind())
                .isEqualTo(DateTimeLiteral.Kind.DATE);
        assertThat(((DateTimeLiteral) parse("time '11:00:20'")).kind())
                .isEqualTo(DateTimeLiteral.Kind.TIME);
    }

    // ------------------------------------------------------------------------------------
    // Operators

    @Test
    void multiplicationBindsTighterThanAddition() {
        BinaryOperation sum = binary("1 + 2 * 3", Operator.ADD);
        assertInteger(sum.left(), 1);
        BinaryOperation product = (BinaryOperation) sum.right();
        assertThat(product.operator()).isEqualTo(Operator.MULTIPLY);
        assertInteger(product.left(), 2);
        assertInteger(product.right(), 3);

        BinaryOperation parenthesised = binary("(1 + 2) * 3", Operator.MULTIPLY);
        assertThat(((BinaryOperation) parenthesised.left()).operator()).isEqualTo(Operator.ADD);
    }

    @Test
    void subtractionAndDivisionAreLeftAssociative() {
        BinaryOperation difference = binary("a - b - c", Operator.SUBTRACT);
        assertColumn(difference.right(), "C");
        assertThat(((BinaryOperation) difference.left()).operator()).isEqualTo(Operator.SUBTRACT);

        BinaryOperation quotient = binary("a / b / c", Operator.DIVIDE);
        assertColumn(quotient.right(), "C");
    }

    @Test
    void unaryMinusBindsTightest() {
        BinaryOperation product = binary("-price * 2", Operator.MULTIPLY);
        UnaryOperation negation = (UnaryOperation) product.left();
        assertThat(negation.operator()).isEqualTo(UnaryOperation.Operator.MINUS);
        assertColumn(negation.operand(), "PRICE");
        assertThat(((UnaryOperation) parse("+1")).operator())
                .isEqualTo(UnaryOperation.Operator.PLUS);
    }

    @Test
    void concatenationHasTheMultiplicativePrecedenceOfCalcite() {
        // SQLstream (and so KDA) inherits Calcite's operator table: || binds like * and /.
        BinaryOperation sum = binary("'a' || x + 1", Operator.ADD);
        BinaryOperation concat = (BinaryOperation) sum.left();
        assertThat(concat.operator()).isEqualTo(Operator.CONCAT);
        assertString(concat.left(), "a");
        assertColumn(concat.right(), "X");

        BinaryOperation chain = binary("a || b || c", Operator.CONCAT);
        assertThat(((BinaryOperation) chain.left()).operator()).isEqualTo(Operator.CONCAT);
    }

    @Test
    void comparisonOperators() {
        assertThat(binary("a = 1", Operator.EQUAL).right()).isInstanceOf(NumericLiteral.class);
        binary("a <> 1", Operator.NOT_EQUAL);
        binary("a != 1", Operator.NOT_EQUAL);
        binary("a < 1", Operator.LESS_THAN);
        binary("a <= 1", Operator.LESS_THAN_OR_EQUAL);
        binary("a > 1", Operator.GREATER_THAN);
        binary("a >= 1", Operator.GREATER_THAN_OR_EQUAL);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        BinaryOperation or = binary("NOT a = 1 AND b OR c", Operator.OR);
        assertColumn(or.right(), "C");
        BinaryOperation and = (BinaryOperation) or.left();
        assertThat(and.operator()).isEqualTo(Operator.AND);
        assertColumn(and.right(), "B");
        UnaryOperation not = (UnaryOperation) and.left();
        assertThat(not.operator()).isEqualTo(UnaryOperation.Operator.NOT);
        // NOT applies to the whole comparison, as in SQL.
        assertThat(((BinaryOperation) not.operand()).operator()).isEqualTo(Operator.EQUAL);

        BinaryOperation orFirst = binary("a OR b AND c", Operator.OR);
        assertThat(((BinaryOperation) orFirst.right()).operator()).isEqualTo(Operator.AND);
    }

    @Test
    void intervalArithmetic() {
        BinaryOperation difference = binary("EVENT_TIME - INTERVAL '5' MINUTE", Operator.SUBTRACT);
        assertColumn(difference.left(), "EVENT_TIME");
        assertInterval(difference.right(), "5", TimeUnit.MINUTE);
    }

    // ------------------------------------------------------------------------------------
    // Predicates

    @Test
    void isNullAndTruthValues() {
        IsNull isNull = (IsNull) parse("price IS NULL");
        assertColumn(isNull.operand(), "PRICE");
        assertThat(isNull.negated()).isFalse();
        assertThat(((IsNull) parse("price IS NOT NULL")).negated()).isTrue();

        IsTruthValue notTrue = (IsTruthValue) parse("flag IS NOT TRUE");
        assertThat(notTrue.value()).isEqualTo(IsTruthValue.TruthValue.TRUE);
        assertThat(notTrue.negated()).isTrue();
        assertThat(((IsTruthValue) parse("flag IS UNKNOWN")).value())
                .isEqualTo(IsTruthValue.TruthValue.UNKNOWN);
    }

    @Test
    void betweenTakesPrecedenceOverAnd() {
        BinaryOperation and = binary("price BETWEEN 1 AND 10 AND ok", Operator.AND);
        Between between = (Between) and.left();
        assertColumn(between.operand(), "PRICE");
        assertInteger(between.low(), 1);
        assertInteger(between.high(), 10);
        assertThat(between.negated()).isFalse();
        assertColumn(and.right(), "OK");

        assertThat(((Between) parse("x NOT BETWEEN a + 1 AND b")).negated()).isTrue();
    }

    @Test
    void inListAndInSubquery() {
        InList in = (InList) parse("ticker IN ('AMZN', 'INTC')");
        assertColumn(in.operand(), "TICKER");
        assertThat(in.values()).hasSize(2);
        assertString(in.values().get(1), "INTC");
        assertThat(in.negated()).isFalse();
        assertThat(((InList) parse("ticker NOT IN ('X')")).negated()).isTrue();

        InSubquery subquery = (InSubquery) parse("ticker IN (SELECT STREAM t FROM tickers)");
        assertThat(((StreamReference) ((Select) subquery.query()).from()).name().name())
                .isEqualTo("TICKERS");
    }

    @Test
    void likeAndSimilarTo() {
        Like like = (Like) parse("name LIKE 'A%' ESCAPE '!'");
        assertThat(like.kind()).isEqualTo(Like.Kind.LIKE);
        assertString(like.pattern(), "A%");
        assertString(like.escape().orElseThrow(), "!");
        assertThat(like.negated()).isFalse();

        Like similar = (Like) parse("sector NOT SIMILAR TO '%TECH%'");
        assertThat(similar.kind()).isEqualTo(Like.Kind.SIMILAR_TO);
        assertThat(similar.negated()).isTrue();
        assertThat(similar.escape()).isEmpty();
        assertString(similar.pattern(), "%TECH%");
    }

    @Test
    void existsAndScalarSubquery() {
        Exists exists = (Exists) parse("EXISTS (SELECT STREAM * FROM s)");
        assertThat(((Select) exists.query()).stream()).isTrue();
        BinaryOperation greater =
                binary("(SELECT STREAM MAX(x) FROM s) + 1 > 2", Operator.GREATER_THAN);
        ScalarSubquery scalar = (ScalarSubquery) ((BinaryOperation) greater.left()).left();
        assertThat(((StreamReference) ((Select) scalar.query()).from()).name().name())
                .isEqualTo("S");
    }

    // ------------------------------------------------------------------------------------
    // Special forms

    @Test
    void searchedAndSimpleCase() {
        CaseExpression searched =
                (CaseExpression)
                        parse("CASE WHEN price > 100 THEN 'high' WHEN price > 10 THEN 'mid' END");
        assertThat(searched.operand()).isEmpty();
        assertThat(searched.whenClauses()).hasSize(2);
        assertThat(((BinaryOperation) searched.whenClauses().get(0).condition()).operator())
                .isEqualTo(Operator.GREATER_THAN);
        assertString(searched.whenClauses().get(1).result(), "mid");
        assertThat(searched.elseResult()).isEmpty();

        CaseExpression simple = (CaseExpression) parse("CASE ticker WHEN 'AMZN' THEN 1 ELSE 0 END");
        assertColumn(simple.operand().orElseThrow(), "TICKER");
        assertString(simple.whenClauses().get(0).condition(), "AMZN");
        assertInteger(simple.whenClauses().get(0).result(), 1);
        assertInteger(simple.elseResult().orElseThrow(), 0);
    }

    @Test
    void castToAType() {
        Cast cast = (Cast) parse("CAST(\"star_rating\" AS DOUBLE)");
        assertColumn(cast.operand(), "star_rating");
        assertThat(cast.type().name()).isEqualTo(TypeName.DOUBLE);

        Cast toVarchar = (Cast) parse("cast(price as varchar(8))");
        assertThat(toVarchar.type().name()).isEqualTo(TypeName.VARCHAR);
        assertThat(toVarchar.type().precision()).isEqualTo(OptionalInt.of(8));
    }

    @Test
    void extractAField() {
        Extract extract = (Extract) parse("EXTRACT(HOUR FROM ROWTIME)");
        assertThat(extract.field()).isEqualTo(TimeUnit.HOUR);
        assertColumn(extract.source(), "ROWTIME");
    }

    @Test
    void positionSubstringAndOverlayBecomeOrdinaryArgumentLists() {
        FunctionCall position = (FunctionCall) parse("POSITION('.com' IN \"referrer\")");
        assertThat(position.name().name()).isEqualTo("POSITION");
        assertString(position.arguments().get(0), ".com");
        assertColumn(position.arguments().get(1), "referrer");

        FunctionCall substringFrom = (FunctionCall) parse("SUBSTRING(s FROM 2 FOR 3)");
        assertThat(substringFrom.name().name()).isEqualTo("SUBSTRING");
        assertThat(substringFrom.arguments()).hasSize(3);
        assertInteger(substringFrom.arguments().get(1), 2);
        assertInteger(substringFrom.arguments().get(2), 3);

        FunctionCall substringComma = (FunctionCall) parse("SUBSTRING(\"referrer\", 12, 5)");
        assertThat(substringComma.arguments()).hasSize(3);
        assertInteger(substringComma.arguments().get(1), 12);

        FunctionCall overlay = (FunctionCall) parse("OVERLAY(s PLACING 'x' FROM 2)");
        assertThat(overlay.name().name()).isEqualTo("OVERLAY");
        assertThat(overlay.arguments()).hasSize(3);
        assertString(overlay.arguments().get(1), "x");
    }

    @Test
    void trimForms() {
        Trim leading = (Trim) parse("TRIM(LEADING '0' FROM code)");
        assertThat(leading.side()).isEqualTo(Trim.Side.LEADING);
        assertString(leading.character().orElseThrow(), "0");
        assertColumn(leading.source(), "CODE");

        Trim plain = (Trim) parse("TRIM(name)");
        assertThat(plain.side()).isEqualTo(Trim.Side.BOTH);
        assertThat(plain.character()).isEmpty();
        assertColumn(plain.source(), "NAME");

        assertThat(((Trim) parse("TRIM(TRAILING FROM name)")).side()).isEqualTo(Trim.Side.TRAILING);
    }

    // ------------------------------------------------------------------------------------
    // Function calls

    @Test
    void countStarCountDistinctAndCountAll() {
        FunctionCall star = (FunctionCall) parse("COUNT(*)");
        assertThat(star.name().name()).isEqualTo("COUNT");
        assertThat(star.starArgument()).isTrue();
        assertThat(star.arguments()).isEmpty();

        FunctionCall distinct = (FunctionCall) parse("count(DISTINCT ticker)");
        assertThat(distinct.name().name()).isEqualTo("COUNT");
        assertThat(distinct.distinct()).isTrue();
        assertColumn(distinct.arguments().get(0), "TICKER");

        FunctionCall all = (FunctionCall) parse("COUNT(ALL ticker)");
        assertThat(all.distinct()).isFalse();
        assertThat(all.starArgument()).isFalse();
    }

    @Test
    void kdaFunctionsWithTheirArgumentOrder() {
        FunctionCall toTimestamp =
                (FunctionCall) parse("CHAR_TO_TIMESTAMP('yyyy-MM-dd hh:mm:ss', \"ts\")");
        assertThat(toTimestamp.name().name()).isEqualTo("CHAR_TO_TIMESTAMP");
        assertString(toTimestamp.arguments().get(0), "yyyy-MM-dd hh:mm:ss");
        assertColumn(toTimestamp.arguments().get(1), "ts");

        FunctionCall replace =
                (FunctionCall) parse("REGEX_REPLACE(\"referrer\", 'http://', 'https://', 1, 0)");
        assertThat(replace.arguments()).hasSize(5);
        assertInteger(replace.arguments().get(4), 0);

        FunctionCall noArguments = (FunctionCall) parse("PI()");
        assertThat(noArguments.arguments()).isEmpty();
        assertThat(noArguments.starArgument()).isFalse();
    }

    @Test
    void functionsWrittenWithoutParentheses() {
        FunctionCall now = (FunctionCall) parse("CURRENT_ROW_TIMESTAMP");
        assertThat(now.name().name()).isEqualTo("CURRENT_ROW_TIMESTAMP");
        assertThat(now.arguments()).isEmpty();
        assertThat(((FunctionCall) parse("current_timestamp")).name().name())
                .isEqualTo("CURRENT_TIMESTAMP");
        assertThat(((FunctionCall) parse("LOCALTIMESTAMP")).name().name())
                .isEqualTo("LOCALTIMESTAMP");
    }

    @Test
    void analyticCallsWithNullTreatmentAndWindows() {
        FunctionCall lag = (FunctionCall) parse("LAG(price, 1) IGNORE NULLS OVER w");
        assertThat(lag.name().name()).isEqualTo("LAG");
        assertThat(lag.nullTreatment()).contains(FunctionCall.NullTreatment.IGNORE_NULLS);
        assertThat(((WindowReference) lag.over().orElseThrow()).name().name()).isEqualTo("W");

        FunctionCall first =
                (FunctionCall) parse("FIRST_VALUE(x) RESPECT NULLS OVER (PARTITION BY k)");
        assertThat(first.nullTreatment()).contains(FunctionCall.NullTreatment.RESPECT_NULLS);
        assertThat(((WindowSpec) first.over().orElseThrow()).partitionBy()).hasSize(1);

        FunctionCall expAvg = (FunctionCall) parse("EXP_AVG(price, INTERVAL '10' SECOND) OVER w");
        assertInterval(expAvg.arguments().get(1), "10", TimeUnit.SECOND);
        assertThat(expAvg.nullTreatment()).isEmpty();
    }

    @Test
    void positionsPointAtTheFirstToken() {
        BinaryOperation sum = (BinaryOperation) parse("  a +\n   b");
        assertThat(sum.position()).isEqualTo(new SourcePosition(1, 3));
        assertThat(sum.right().position()).isEqualTo(new SourcePosition(2, 4));
    }
}
