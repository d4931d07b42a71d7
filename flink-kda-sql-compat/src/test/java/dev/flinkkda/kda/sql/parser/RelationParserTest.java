package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.AllColumns;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.BooleanLiteral;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.FrameBound;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.Join;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.ast.NamedArgument;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.Relation;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.SubqueryRelation;
import dev.flinkkda.kda.sql.ast.TableFunctionRelation;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import org.junit.jupiter.api.Test;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInteger;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInterval;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertString;
import static dev.flinkkda.kda.sql.parser.ParsedSql.name;
import static dev.flinkkda.kda.sql.parser.ParsedSql.names;
import static dev.flinkkda.kda.sql.parser.ParsedSql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** FROM: table functions over a CURSOR, subqueries, stream-table and windowed stream joins. */
class RelationParserTest {

    private static String streamName(Relation relation) {
        return ((StreamReference) relation).name().name();
    }

    @Test
    void randomCutForestOverACursorWithPositionalArguments() {
        Select select =
                select(
                        "SELECT STREAM \"TICKER_SYMBOL\", \"ANOMALY_SCORE\" FROM TABLE(RANDOM_CUT_FOREST("
                                + " CURSOR(SELECT STREAM \"TICKER_SYMBOL\", \"PRICE\""
                                + " FROM \"SOURCE_SQL_STREAM_001\"), 100, 256, 100000, 1))");

        TableFunctionRelation rcf = (TableFunctionRelation) select.from();
        assertThat(rcf.function().name()).isEqualTo("RANDOM_CUT_FOREST");
        assertThat(rcf.position()).isEqualTo(new SourcePosition(1, 53));
        assertThat(rcf.arguments()).hasSize(5);
        CursorExpression cursor = (CursorExpression) rcf.arguments().get(0);
        Select input = (Select) cursor.query();
        assertThat(input.stream()).isTrue();
        assertThat(input.selectItems()).hasSize(2);
        assertThat(streamName(input.from())).isEqualTo("SOURCE_SQL_STREAM_001");
        assertInteger(rcf.arguments().get(1), 100);
        assertInteger(rcf.arguments().get(2), 256);
        assertInteger(rcf.arguments().get(3), 100000);
        assertInteger(rcf.arguments().get(4), 1);
        assertThat(rcf.alias()).isEmpty();
    }

    @Test
    void tableFunctionWithNamedArgumentsAndAlias() {
        TableFunctionRelation rcf =
                (TableFunctionRelation)
                        select(
                                        "SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION("
                                                + "CURSOR(SELECT STREAM * FROM s),"
                                                + " numberOfTrees => 50, withDirectionality => TRUE))"
                                                + " AS r")
                                .from();

        assertThat(rcf.function().name()).isEqualTo("RANDOM_CUT_FOREST_WITH_EXPLANATION");
        assertThat(name(rcf.alias())).isEqualTo("R");
        NamedArgument trees = (NamedArgument) rcf.arguments().get(1);
        assertThat(trees.name().name()).isEqualTo("NUMBEROFTREES");
        assertThat(trees.name().text()).isEqualTo("numberOfTrees");
        assertInteger(trees.value(), 50);
        NamedArgument directionality = (NamedArgument) rcf.arguments().get(2);
        assertThat(((BooleanLiteral) directionality.value()).value()).isTrue();
        Select input = (Select) ((CursorExpression) rcf.arguments().get(0)).query();
        assertThat(input.selectItems().get(0)).isInstanceOf(AllColumns.class);
    }

    @Test
    void countDistinctItemsTumblingAndHotspots() {
        TableFunctionRelation distinct =
                (TableFunctionRelation)
                        select(
                                        "SELECT STREAM number_of_distinct_items FROM"
                                                + " TABLE(COUNT_DISTINCT_ITEMS_TUMBLING("
                                                + "CURSOR(SELECT STREAM \"review_id\" FROM s),"
                                                + " 'review_id', 60))")
                                .from();
        assertThat(distinct.function().name()).isEqualTo("COUNT_DISTINCT_ITEMS_TUMBLING");
        assertString(distinct.arguments().get(1), "review_id");
        assertInteger(distinct.arguments().get(2), 60);

        // As in the HOTSPOTS example: SELECT without STREAM, a space after TABLE, a decimal.
        TableFunctionRelation hotspots =
                (TableFunctionRelation)
                        select(
                                        "SELECT \"x\", \"y\", \"HOTSPOTS_RESULT\" FROM TABLE ("
                                                + " HOTSPOTS(CURSOR(SELECT STREAM \"x\", \"y\""
                                                + " FROM \"SOURCE_SQL_STREAM_001\"), 1000, 0.2, 17))")
                                .from();
        assertThat(hotspots.function().name()).isEqualTo("HOTSPOTS");
        NumericLiteral scanRadius = (NumericLiteral) hotspots.arguments().get(2);
        assertThat(scanRadius.kind()).isEqualTo(NumericLiteral.Kind.DECIMAL);
        assertThat(scanRadius.text()).isEqualTo("0.2");
    }

    @Test
    void subqueryWithAliasAndColumnAliasesAndRowFieldPath() {
        Select select =
                select(
                        "SELECT STREAM l.r.COLUMN1, l.r.\"COL_2\" FROM (SELECT STREAM"
                                + " W3C_LOG_PARSE(\"log\", 'COMMON') FROM \"SOURCE_SQL_STREAM_001\")"
                                + " AS l(r)");

        SubqueryRelation subquery = (SubqueryRelation) select.from();
        assertThat(name(subquery.alias())).isEqualTo("L");
        assertThat(names(subquery.columnAliases())).containsExactly("R");
        Select inner = (Select) subquery.query();
        FunctionCall parse =
                (FunctionCall) ((SelectExpression) inner.selectItems().get(0)).expression();
        assertThat(parse.name().name()).isEqualTo("W3C_LOG_PARSE");
        assertColumn(parse.arguments().get(0), "log");
        assertString(parse.arguments().get(1), "COMMON");

        assertColumn(
                ((SelectExpression) select.selectItems().get(0)).expression(), "L", "R", "COLUMN1");
        assertColumn(
                ((SelectExpression) select.selectItems().get(1)).expression(), "L", "R", "COL_2");
    }

    @Test
    void leftJoinOfAStreamWithAReferenceTable() {
        Join join =
                (Join)
                        select(
                                        "SELECT STREAM ticker_symbol, \"c\".\"Company\" FROM"
                                                + " \"SOURCE_SQL_STREAM_001\" LEFT JOIN"
                                                + " \"CompanyName\" AS \"c\""
                                                + " ON \"SOURCE_SQL_STREAM_001\".ticker_symbol"
                                                + " = \"c\".\"Ticker\"")
                                .from();

        assertThat(join.type()).isEqualTo(JoinType.LEFT);
        assertThat(streamName(join.left())).isEqualTo("SOURCE_SQL_STREAM_001");
        StreamReference table = (StreamReference) join.right();
        assertThat(table.name().name()).isEqualTo("CompanyName");
        assertThat(name(table.alias())).isEqualTo("c");
        BinaryOperation on = (BinaryOperation) join.on().orElseThrow();
        assertThat(on.operator()).isEqualTo(BinaryOperation.Operator.EQUAL);
        assertColumn(on.left(), "SOURCE_SQL_STREAM_001", "TICKER_SYMBOL");
        assertColumn(on.right(), "c", "Ticker");
        assertThat(join.using()).isEmpty();
    }

    @Test
    void windowedStreamToStreamJoin() {
        Select select =
                select(
                        "SELECT STREAM ROWTIME AS ORDER_TIME, o.orderId, t.amount AS TRADE_AMOUNT\n"
                                + "FROM Orders AS o\n"
                                + "JOIN Trades OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t\n"
                                + "ON o.orderId = t.orderId");

        Join join = (Join) select.from();
        assertThat(join.type()).isEqualTo(JoinType.INNER);
        assertThat(join.position()).isEqualTo(new SourcePosition(2, 6));
        StreamReference orders = (StreamReference) join.left();
        assertThat(orders.name().name()).isEqualTo("ORDERS");
        assertThat(orders.window()).isEmpty();
        StreamReference trades = (StreamReference) join.right();
        assertThat(trades.name().name()).isEqualTo("TRADES");
        assertThat(name(trades.alias())).isEqualTo("T");
        WindowSpec window = (WindowSpec) trades.window().orElseThrow();
        assertThat(window.position()).isEqualTo(new SourcePosition(3, 18));
        WindowFrame frame = window.frame().orElseThrow();
        assertThat(frame.unit()).isEqualTo(WindowFrame.Unit.RANGE);
        assertThat(frame.start().kind()).isEqualTo(FrameBound.Kind.PRECEDING);
        assertInterval(frame.start().offset().orElseThrow(), "1", TimeUnit.MINUTE);
        BinaryOperation on = (BinaryOperation) join.on().orElseThrow();
        assertColumn(on.left(), "O", "ORDERID");
        assertColumn(on.right(), "T", "ORDERID");
        assertColumn(((SelectExpression) select.selectItems().get(0)).expression(), "ROWTIME");
    }

    /** The developer guide's second form: the window named in the WINDOW clause. */
    @Test
    void joinedStreamNamesAWindowOfTheWindowClause() {
        Select select =
                select(
                        "SELECT STREAM ROWTIME, o.orderId, t.amount\n"
                                + "FROM OrderStream AS o\n"
                                + "JOIN TradeStream OVER w AS t\n"
                                + "ON o.orderId = t.orderId\n"
                                + "WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING)");

        Join join = (Join) select.from();
        StreamReference trades = (StreamReference) join.right();
        assertThat(trades.name().name()).isEqualTo("TRADESTREAM");
        assertThat(name(trades.alias())).isEqualTo("T");
        WindowReference window = (WindowReference) trades.window().orElseThrow();
        assertThat(window.name().name()).isEqualTo("W");
        assertThat(window.position()).isEqualTo(new SourcePosition(3, 23));
        assertThat(select.windows()).hasSize(1);
        assertThat(select.windows().get(0).name().name()).isEqualTo("W");
        assertThat(select.windows().get(0).specification().frame().orElseThrow().unit())
                .isEqualTo(WindowFrame.Unit.RANGE);
    }

    @Test
    void namedWindowWithoutAliasAndWithLeftOuterJoin() {
        Join join =
                (Join)
                        select(
                                        "SELECT STREAM * FROM OrderStream AS o LEFT OUTER JOIN"
                                                + " TradeStream OVER t ON o.orderId = t.orderId"
                                                + " WINDOW t AS (RANGE INTERVAL '1' MINUTE"
                                                + " PRECEDING)")
                                .from();

        assertThat(join.type()).isEqualTo(JoinType.LEFT);
        StreamReference trades = (StreamReference) join.right();
        assertThat(trades.alias()).isEmpty();
        assertThat(((WindowReference) trades.window().orElseThrow()).name().name()).isEqualTo("T");
        assertThat(join.on()).isPresent();
    }

    @Test
    void joinTypesAreLeftAssociative() {
        Join outer =
                (Join)
                        select(
                                        "SELECT STREAM * FROM a RIGHT OUTER JOIN b ON a.k = b.k"
                                                + " FULL JOIN c USING (k, \"j\") LEFT OUTER JOIN d ON TRUE"
                                                + " INNER JOIN e ON a.x = e.x")
                                .from();

        assertThat(outer.type()).isEqualTo(JoinType.INNER);
        assertThat(streamName(outer.right())).isEqualTo("E");
        Join leftOuter = (Join) outer.left();
        assertThat(leftOuter.type()).isEqualTo(JoinType.LEFT);
        assertThat(streamName(leftOuter.right())).isEqualTo("D");
        Join full = (Join) leftOuter.left();
        assertThat(full.type()).isEqualTo(JoinType.FULL);
        assertThat(full.on()).isEmpty();
        assertThat(names(full.using())).containsExactly("K", "j");
        Join right = (Join) full.left();
        assertThat(right.type()).isEqualTo(JoinType.RIGHT);
        assertThat(streamName(right.left())).isEqualTo("A");
        assertThat(streamName(right.right())).isEqualTo("B");
    }

    @Test
    void crossJoinAndCommaSeparatedStreams() {
        Join cross = (Join) select("SELECT STREAM * FROM a CROSS JOIN b").from();
        assertThat(cross.type()).isEqualTo(JoinType.CROSS);
        assertThat(cross.on()).isEmpty();
        assertThat(streamName(cross.right())).isEqualTo("B");

        Join comma = (Join) select("SELECT STREAM * FROM a, b x, c").from();
        assertThat(comma.type()).isEqualTo(JoinType.IMPLICIT);
        assertThat(streamName(comma.right())).isEqualTo("C");
        Join first = (Join) comma.left();
        assertThat(first.type()).isEqualTo(JoinType.IMPLICIT);
        assertThat(streamName(first.left())).isEqualTo("A");
        assertThat(name(((StreamReference) first.right()).alias())).isEqualTo("X");
    }

    @Test
    void parenthesisedJoinAndSubqueryWithoutAlias() {
        Join join = (Join) select("SELECT STREAM * FROM (a JOIN b ON a.k = b.k)").from();
        assertThat(join.type()).isEqualTo(JoinType.INNER);
        assertThat(streamName(join.left())).isEqualTo("A");

        SubqueryRelation subquery =
                (SubqueryRelation) select("SELECT STREAM * FROM (SELECT STREAM * FROM s)").from();
        assertThat(subquery.alias()).isEmpty();
        assertThat(streamName(((Select) subquery.query()).from())).isEqualTo("S");
    }
}
