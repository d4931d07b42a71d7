package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.AllColumns;
import dev.flinkkda.kda.sql.ast.BinaryOperation;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.Query;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SortItem;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.Union;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInteger;
import static dev.flinkkda.kda.sql.parser.ParsedSql.name;
import static dev.flinkkda.kda.sql.parser.ParsedSql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** The clauses of {@code SELECT STREAM}: select list, FROM, WHERE, GROUP BY, HAVING, ORDER BY. */
class SelectParserTest {

    @Test
    void selectListWithAliases() {
        Select select = select("SELECT STREAM ticker, price AS p, change c, \"Volume\" FROM s");

        assertThat(select.stream()).isTrue();
        assertThat(select.distinct()).isFalse();
        assertThat(select.selectItems()).hasSize(4);
        SelectExpression ticker = (SelectExpression) select.selectItems().get(0);
        assertColumn(ticker.expression(), "TICKER");
        assertThat(ticker.alias()).isEmpty();
        SelectExpression price = (SelectExpression) select.selectItems().get(1);
        assertColumn(price.expression(), "PRICE");
        assertThat(name(price.alias())).isEqualTo("P");
        SelectExpression change = (SelectExpression) select.selectItems().get(2);
        assertThat(name(change.alias())).isEqualTo("C");
        assertThat(change.position()).isEqualTo(new SourcePosition(1, 35));
        assertColumn(((SelectExpression) select.selectItems().get(3)).expression(), "Volume");
    }

    @Test
    void starAndQualifiedStar() {
        Select select = select("SELECT STREAM *, t.*, \"s\".* FROM t, \"s\"");

        assertThat(select.selectItems()).hasSize(3);
        assertThat(select.selectItems().get(0))
                .isEqualTo(new AllColumns(new SourcePosition(1, 15), Optional.empty()));
        assertThat(name(((AllColumns) select.selectItems().get(1)).qualifier())).isEqualTo("T");
        assertThat(name(((AllColumns) select.selectItems().get(2)).qualifier())).isEqualTo("s");
    }

    @Test
    void distinctAllAndSelectWithoutStream() {
        assertThat(select("SELECT STREAM DISTINCT ticker FROM s").distinct()).isTrue();
        assertThat(select("SELECT STREAM ALL ticker FROM s").distinct()).isFalse();

        // Some AWS samples leave STREAM out inside FROM TABLE(...) pumps.
        Select withoutStream = select("SELECT \"x\", \"y\" FROM s");
        assertThat(withoutStream.stream()).isFalse();
        assertThat(withoutStream.selectItems()).hasSize(2);
    }

    @Test
    void fromWithAliases() {
        StreamReference withAs =
                (StreamReference)
                        select("SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\" AS s").from();
        assertThat(withAs.name().name()).isEqualTo("SOURCE_SQL_STREAM_001");
        assertThat(name(withAs.alias())).isEqualTo("S");
        assertThat(withAs.window()).isEmpty();

        StreamReference withoutAs =
                (StreamReference) select("SELECT STREAM * FROM orders o").from();
        assertThat(withoutAs.name().name()).isEqualTo("ORDERS");
        assertThat(name(withoutAs.alias())).isEqualTo("O");

        StreamReference plain = (StreamReference) select("SELECT STREAM * FROM orders").from();
        assertThat(plain.alias()).isEmpty();
        assertThat(plain.columnAliases()).isEmpty();
    }

    @Test
    void whereGroupByHaving() {
        Select select =
                select(
                        "SELECT STREAM ticker, COUNT(*) AS n FROM s WHERE price > 10"
                                + " GROUP BY ticker, FLOOR(s.ROWTIME TO MINUTE) HAVING COUNT(*) >= 2");

        BinaryOperation where = (BinaryOperation) select.where().orElseThrow();
        assertThat(where.operator()).isEqualTo(BinaryOperation.Operator.GREATER_THAN);
        assertColumn(where.left(), "PRICE");
        assertInteger(where.right(), 10);

        assertThat(select.groupBy()).hasSize(2);
        assertColumn(select.groupBy().get(0), "TICKER");
        FloorCeil minute = (FloorCeil) select.groupBy().get(1);
        assertThat(minute.direction()).isEqualTo(FloorCeil.Direction.FLOOR);
        assertThat(minute.unit()).isEqualTo(TimeUnit.MINUTE);
        assertColumn(minute.operand(), "S", "ROWTIME");

        BinaryOperation having = (BinaryOperation) select.having().orElseThrow();
        assertThat(having.operator()).isEqualTo(BinaryOperation.Operator.GREATER_THAN_OR_EQUAL);
        assertThat(((FunctionCall) having.left()).starArgument()).isTrue();
        assertInteger(having.right(), 2);
        assertThat(select.staggerWindow()).isEmpty();
        assertThat(select.windows()).isEmpty();
        assertThat(select.orderBy()).isEmpty();
    }

    @Test
    void orderByRowtimeExpressionThenScoreDescending() {
        Select select =
                select(
                        "SELECT STREAM * FROM \"TEMP_STREAM\""
                                + " ORDER BY FLOOR(\"TEMP_STREAM\".ROWTIME TO SECOND), ANOMALY_SCORE DESC");

        assertThat(select.orderBy()).hasSize(2);
        SortItem second = select.orderBy().get(0);
        FloorCeil floor = (FloorCeil) second.expression();
        assertThat(floor.unit()).isEqualTo(TimeUnit.SECOND);
        assertColumn(floor.operand(), "TEMP_STREAM", "ROWTIME");
        assertThat(second.descending()).isFalse();
        assertThat(second.nullOrdering()).isEqualTo(SortItem.NullOrdering.UNSPECIFIED);
        SortItem score = select.orderBy().get(1);
        assertColumn(score.expression(), "ANOMALY_SCORE");
        assertThat(score.descending()).isTrue();
    }

    @Test
    void orderByAscendingWithNullOrdering() {
        Select select =
                select("SELECT STREAM * FROM s ORDER BY ROWTIME ASC NULLS LAST, x NULLS FIRST");

        assertThat(select.orderBy().get(0).descending()).isFalse();
        assertThat(select.orderBy().get(0).nullOrdering()).isEqualTo(SortItem.NullOrdering.LAST);
        assertThat(select.orderBy().get(1).nullOrdering()).isEqualTo(SortItem.NullOrdering.FIRST);
    }

    @Test
    void unionAllIsLeftAssociative() {
        Query query =
                KdaSqlParser.parseQuery(
                        "SELECT STREAM a FROM s1 UNION ALL SELECT STREAM a FROM s2"
                                + " UNION SELECT STREAM a FROM s3");

        Union outer = (Union) query;
        assertThat(outer.all()).isFalse();
        assertThat(((StreamReference) ((Select) outer.right()).from()).name().name())
                .isEqualTo("S3");
        Union inner = (Union) outer.left();
        assertThat(inner.all()).isTrue();
        assertThat(((StreamReference) ((Select) inner.left()).from()).name().name())
                .isEqualTo("S1");
        assertThat(((StreamReference) ((Select) inner.right()).from()).name().name())
                .isEqualTo("S2");
    }
}
