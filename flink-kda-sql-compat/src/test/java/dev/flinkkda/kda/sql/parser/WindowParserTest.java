package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FrameBound;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.NamedWindow;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StaggerWindow;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.WindowFrame;
import dev.flinkkda.kda.sql.ast.WindowReference;
import dev.flinkkda.kda.sql.ast.WindowSpec;

import org.junit.jupiter.api.Test;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInteger;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInterval;
import static dev.flinkkda.kda.sql.parser.ParsedSql.select;
import static dev.flinkkda.kda.sql.parser.ParsedSql.selected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA's windows: {@code STEP} and {@code FLOOR/CEIL ... TO} (tumbling), {@code WINDOWED BY
 * STAGGER}, and sliding windows through the {@code WINDOW} clause or an inline {@code OVER}.
 */
class WindowParserTest {

    @Test
    void stepByIntervalInGroupBy() {
        Select select =
                select(
                        "SELECT STREAM ticker, COUNT(*) FROM \"SOURCE_SQL_STREAM_001\""
                                + " GROUP BY ticker,"
                                + " STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '60' SECOND)");

        Step step = (Step) select.groupBy().get(1);
        assertColumn(step.operand(), "SOURCE_SQL_STREAM_001", "ROWTIME");
        assertInterval(step.step(), "60", TimeUnit.SECOND);
        assertThat(step.position()).isEqualTo(new SourcePosition(1, 78));
    }

    @Test
    void stepOfAnInteger() {
        Step step = (Step) selected("STEP(23 BY 5)");

        assertInteger(step.operand(), 23);
        assertInteger(step.step(), 5);
    }

    @Test
    void floorAndCeilToAUnit() {
        FloorCeil floor = (FloorCeil) selected("FLOOR(EVENT_TIME TO MINUTE)");
        assertThat(floor.direction()).isEqualTo(FloorCeil.Direction.FLOOR);
        assertThat(floor.unit()).isEqualTo(TimeUnit.MINUTE);
        assertColumn(floor.operand(), "EVENT_TIME");

        FloorCeil ceil = (FloorCeil) selected("ceil(s.ROWTIME to hour)");
        assertThat(ceil.direction()).isEqualTo(FloorCeil.Direction.CEIL);
        assertThat(ceil.unit()).isEqualTo(TimeUnit.HOUR);
        assertColumn(ceil.operand(), "S", "ROWTIME");

        assertThat(((FloorCeil) selected("CEILING(ts TO DAY)")).direction())
                .isEqualTo(FloorCeil.Direction.CEIL);
    }

    @Test
    void floorWithoutUnitIsAnOrdinaryFunctionCall() {
        FunctionCall floor = (FunctionCall) selected("FLOOR(price)");

        assertThat(floor.name().name()).isEqualTo("FLOOR");
        assertThat(floor.arguments()).hasSize(1);
        assertColumn(floor.arguments().get(0), "PRICE");
    }

    @Test
    void windowedByStagger() {
        Select select =
                select(
                        "SELECT STREAM TICKER_SYMBOL, COUNT(TICKER_SYMBOL) AS ticker_count"
                                + " FROM \"SOURCE_SQL_STREAM_001\" WHERE price > 0"
                                + " WINDOWED BY STAGGER ("
                                + " PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL"
                                + " RANGE INTERVAL '1' MINUTE) HAVING COUNT(*) > 1");

        StaggerWindow stagger = select.staggerWindow().orElseThrow();
        assertThat(stagger.partitionBy()).hasSize(2);
        FloorCeil eventMinute = (FloorCeil) stagger.partitionBy().get(0);
        assertColumn(eventMinute.operand(), "EVENT_TIME");
        assertThat(eventMinute.unit()).isEqualTo(TimeUnit.MINUTE);
        assertColumn(stagger.partitionBy().get(1), "TICKER_SYMBOL");
        assertInterval(stagger.range(), "1", TimeUnit.MINUTE);
        assertThat(select.groupBy()).isEmpty();
        assertThat(select.where()).isPresent();
        assertThat(select.having()).isPresent();
    }

    @Test
    void windowClauseWithRangeAndRowsWindows() {
        Select select =
                select(
                        "SELECT STREAM ticker_symbol, MIN(price) OVER W1 AS min_price,"
                                + " AVG(price) OVER W2 AS avg_price FROM \"SOURCE_SQL_STREAM_001\""
                                + " WINDOW W1 AS (PARTITION BY ticker_symbol"
                                + " RANGE INTERVAL '1' MINUTE PRECEDING),"
                                + " W2 AS (PARTITION BY ticker_symbol ROWS 10 PRECEDING)");

        assertThat(select.windows()).hasSize(2);
        NamedWindow w1 = select.windows().get(0);
        assertThat(w1.name().name()).isEqualTo("W1");
        assertThat(w1.specification().partitionBy()).hasSize(1);
        assertColumn(w1.specification().partitionBy().get(0), "TICKER_SYMBOL");
        assertThat(w1.specification().orderBy()).isEmpty();
        WindowFrame range = w1.specification().frame().orElseThrow();
        assertThat(range.unit()).isEqualTo(WindowFrame.Unit.RANGE);
        assertThat(range.start().kind()).isEqualTo(FrameBound.Kind.PRECEDING);
        assertInterval(range.start().offset().orElseThrow(), "1", TimeUnit.MINUTE);
        assertThat(range.end()).isEmpty();

        WindowFrame rows = select.windows().get(1).specification().frame().orElseThrow();
        assertThat(rows.unit()).isEqualTo(WindowFrame.Unit.ROWS);
        assertThat(rows.start().kind()).isEqualTo(FrameBound.Kind.PRECEDING);
        assertInteger(rows.start().offset().orElseThrow(), 10);

        FunctionCall min =
                (FunctionCall) ((SelectExpression) select.selectItems().get(1)).expression();
        assertThat(min.name().name()).isEqualTo("MIN");
        WindowReference w1Reference = (WindowReference) min.over().orElseThrow();
        assertThat(w1Reference.name().name()).isEqualTo("W1");
        FunctionCall avg =
                (FunctionCall) ((SelectExpression) select.selectItems().get(2)).expression();
        assertThat(((WindowReference) avg.over().orElseThrow()).name().name()).isEqualTo("W2");
    }

    @Test
    void inlineOverWithPartitionOrderAndRange() {
        FunctionCall sum =
                (FunctionCall)
                        selected(
                                "SUM(price) OVER (PARTITION BY ticker ORDER BY ROWTIME"
                                        + " RANGE INTERVAL '1' HOUR PRECEDING)");

        WindowSpec window = (WindowSpec) sum.over().orElseThrow();
        assertThat(window.position()).isEqualTo(new SourcePosition(1, 31));
        assertColumn(window.partitionBy().get(0), "TICKER");
        assertColumn(window.orderBy().get(0).expression(), "ROWTIME");
        WindowFrame frame = window.frame().orElseThrow();
        assertThat(frame.unit()).isEqualTo(WindowFrame.Unit.RANGE);
        assertInterval(frame.start().offset().orElseThrow(), "1", TimeUnit.HOUR);
    }

    @Test
    void frameBetweenBoundsAndCurrentRow() {
        WindowSpec between =
                (WindowSpec)
                        ((FunctionCall)
                                        selected(
                                                "AVG(x) OVER (ROWS BETWEEN UNBOUNDED PRECEDING"
                                                        + " AND CURRENT ROW)"))
                                .over()
                                .orElseThrow();
        WindowFrame frame = between.frame().orElseThrow();
        assertThat(frame.unit()).isEqualTo(WindowFrame.Unit.ROWS);
        assertThat(frame.start().kind()).isEqualTo(FrameBound.Kind.UNBOUNDED_PRECEDING);
        assertThat(frame.end().orElseThrow().kind()).isEqualTo(FrameBound.Kind.CURRENT_ROW);
        assertThat(between.partitionBy()).isEmpty();

        WindowSpec following =
                (WindowSpec)
                        ((FunctionCall)
                                        selected(
                                                "AVG(x) OVER (RANGE BETWEEN INTERVAL '2' SECOND"
                                                        + " PRECEDING AND INTERVAL '1' SECOND"
                                                        + " FOLLOWING)"))
                                .over()
                                .orElseThrow();
        FrameBound end = following.frame().orElseThrow().end().orElseThrow();
        assertThat(end.kind()).isEqualTo(FrameBound.Kind.FOLLOWING);
        assertInterval(end.offset().orElseThrow(), "1", TimeUnit.SECOND);

        WindowSpec currentRow =
                (WindowSpec)
                        ((FunctionCall) selected("COUNT(*) OVER (RANGE CURRENT ROW)"))
                                .over()
                                .orElseThrow();
        assertThat(currentRow.frame().orElseThrow().start().kind())
                .isEqualTo(FrameBound.Kind.CURRENT_ROW);
    }

    @Test
    void intervalLiteralsWithOneUnitOrARange() {
        assertInterval(selected("INTERVAL '10' SECOND"), "10", TimeUnit.SECOND);
        assertInterval(selected("INTERVAL '1' DAY"), "1", TimeUnit.DAY);

        IntervalLiteral minuteToSecond =
                (IntervalLiteral) selected("INTERVAL '1:30' MINUTE TO SECOND");
        assertThat(minuteToSecond.value()).isEqualTo("1:30");
        assertThat(minuteToSecond.qualifier().start()).isEqualTo(TimeUnit.MINUTE);
        assertThat(minuteToSecond.qualifier().end()).contains(TimeUnit.SECOND);

        IntervalLiteral yearToMonth = (IntervalLiteral) selected("INTERVAL '2-6' YEAR TO MONTH");
        assertThat(yearToMonth.qualifier().end()).contains(TimeUnit.MONTH);

        IntervalLiteral negative = (IntervalLiteral) selected("INTERVAL -'5' MINUTE");
        assertThat(negative.negative()).isTrue();
        assertThat(negative.value()).isEqualTo("5");
    }
}
