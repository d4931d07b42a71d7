package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.Cast;
import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.CursorExpression;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.FloorCeil;
import dev.flinkkda.kda.sql.ast.FunctionCall;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StaggerWindow;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StreamReference;
import dev.flinkkda.kda.sql.ast.TableFunctionRelation;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.TypeName;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInteger;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertInterval;
import static dev.flinkkda.kda.sql.parser.ParsedSql.assertString;
import static dev.flinkkda.kda.sql.parser.ParsedSql.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The KDA applications of the project's seed documents (test resources {@code kda-apps/}, copied
 * from the documents) and the repository's example parse into the statements they spell out.
 */
class SeedApplicationsParserTest {

    private static KdaScript parseResource(String name) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(
                        SeedApplicationsParserTest.class.getResourceAsStream("/kda-apps/" + name),
                        name)) {
            return KdaSqlParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private static List<Expression> selectedExpressions(Select select) {
        return select.selectItems().stream()
                .map(item -> ((SelectExpression) item).expression())
                .toList();
    }

    private static void assertFloorToMinute(Expression expression, String column) {
        FloorCeil floor = (FloorCeil) expression;
        assertThat(floor.direction()).isEqualTo(FloorCeil.Direction.FLOOR);
        assertThat(floor.unit()).isEqualTo(TimeUnit.MINUTE);
        assertColumn(floor.operand(), column);
    }

    private static void assertStaggerPump(KdaScript script) {
        CreatePump pump = script.pumps().get(0);
        assertThat(pump.name().name()).isEqualTo("STREAM_PUMP");
        assertThat(pump.targetStream().name()).isEqualTo("DESTINATION_SQL_STREAM");
        Select select = (Select) pump.query();
        assertThat(((StreamReference) select.from()).name().name())
                .isEqualTo("SOURCE_SQL_STREAM_001");
        List<Expression> selected = selectedExpressions(select);
        assertColumn(selected.get(0), "TICKER_SYMBOL");
        assertFloorToMinute(selected.get(1), "EVENT_TIME");
        assertThat(((FunctionCall) selected.get(2)).name().name()).isEqualTo("COUNT");
        StaggerWindow stagger = select.staggerWindow().orElseThrow();
        assertFloorToMinute(stagger.partitionBy().get(0), "EVENT_TIME");
        assertColumn(stagger.partitionBy().get(1), "TICKER_SYMBOL");
        assertThat(stagger.partitionBy()).hasSize(2);
        assertInterval(stagger.range(), "1", TimeUnit.MINUTE);
        assertThat(select.groupBy()).isEmpty();
    }

    @Test
    void seed000StaggerWindowOnTickerAndEventTime() throws IOException {
        KdaScript script = parseResource("seed000-stagger-six-records.sql");

        assertThat(script.statements()).hasSize(2);
        CreateStream stream = script.streams().get(0);
        assertThat(stream.name().name()).isEqualTo("DESTINATION_SQL_STREAM");
        assertThat(stream.columns())
                .extracting(column -> column.name().name(), column -> column.type().name())
                .containsExactly(
                        tuple("EVENT_TIME", TypeName.TIMESTAMP),
                        tuple("TICKER_SYMBOL", TypeName.VARCHAR),
                        tuple("TICKER_COUNT", TypeName.INTEGER));

        CreatePump pump = script.pumps().get(0);
        assertThat(pump.position()).isEqualTo(new SourcePosition(7, 1));
        assertThat(pump.targetStream().name()).isEqualTo("DESTINATION_SQL_STREAM");
        Select select = (Select) pump.query();
        List<Expression> selected = selectedExpressions(select);
        assertColumn(selected.get(0), "EVENT_TIME");
        assertColumn(selected.get(1), "TICKER");
        FunctionCall count = (FunctionCall) selected.get(2);
        assertColumn(count.arguments().get(0), "TICKER");
        assertThat(name(((SelectExpression) select.selectItems().get(2)).alias()))
                .isEqualTo("TICKER_COUNT");
        StaggerWindow stagger = select.staggerWindow().orElseThrow();
        assertThat(stagger.partitionBy()).hasSize(2);
        assertColumn(stagger.partitionBy().get(0), "TICKER");
        assertColumn(stagger.partitionBy().get(1), "EVENT_TIME");
        assertInterval(stagger.range(), "1", TimeUnit.MINUTE);
        assertThat(stagger.position()).isEqualTo(new SourcePosition(14, 5));
    }

    @Test
    void seed001TumblingWindowWithEventTimeAsAnExtraKey() throws IOException {
        KdaScript script = parseResource("seed001-tumbling-partial-results.sql");

        assertThat(script.streams().get(0).columns())
                .extracting(ColumnDefinition::name)
                .extracting(identifier -> identifier.name())
                .containsExactly("TICKER_SYMBOL", "TICKER_COUNT");
        Select select = (Select) script.pumps().get(0).query();
        assertThat(select.staggerWindow()).isEmpty();
        assertThat(select.groupBy()).hasSize(3);
        assertColumn(select.groupBy().get(0), "TICKER_SYMBOL");
        assertFloorToMinute(select.groupBy().get(1), "EVENT_TIME");
        Step step = (Step) select.groupBy().get(2);
        assertColumn(step.operand(), "SOURCE_SQL_STREAM_001", "ROWTIME");
        assertInterval(step.step(), "1", TimeUnit.MINUTE);
        assertThat(script.pumps().get(0).targetStream().name()).isEqualTo("DESTINATION_SQL_STREAM");
    }

    @Test
    void seed001StaggerWindowOnEventMinuteAndTicker() throws IOException {
        KdaScript script = parseResource("seed001-stagger.sql");

        assertThat(script.statements()).hasSize(2);
        assertThat(script.streams().get(0).columns()).hasSize(3);
        assertStaggerPump(script);
    }

    @Test
    void repositoryStaggerExampleIsSeed001sApplication() throws IOException {
        Path example = Path.of("../examples/seed-001-stagger/app.sql");
        KdaScript script = KdaSqlParser.parse(Files.readString(example), "app.sql");

        assertThat(script.streams().get(0).columns())
                .extracting(column -> column.type().name())
                .containsExactly(TypeName.VARCHAR, TypeName.TIMESTAMP, TypeName.DOUBLE);
        assertStaggerPump(script);
    }

    @Test
    void seed003StepRandomCutForestAndCountDistinctItems() throws IOException {
        KdaScript script = parseResource("seed003-reviews-step-rcf-count-distinct.sql");

        assertThat(script.streams())
                .extracting(stream -> stream.name().name())
                .containsExactly(
                        "AVG_STAR_RATING_SQL_STREAM",
                        "ANOMALY_SCORE_SQL_STREAM",
                        "APPROXIMATE_COUNT_SQL_STREAM");
        assertThat(script.pumps())
                .extracting(pump -> pump.targetStream().name())
                .containsExactly(
                        "AVG_STAR_RATING_SQL_STREAM",
                        "ANOMALY_SCORE_SQL_STREAM",
                        "APPROXIMATE_COUNT_SQL_STREAM");
        assertThat(script.streams().get(2).columns().get(0).type().name())
                .isEqualTo(TypeName.BIGINT);

        // AVG(CAST("star_rating" AS DOUBLE)) per 5-second STEP of ROWTIME.
        Select average = (Select) script.pumps().get(0).query();
        FunctionCall avg = (FunctionCall) selectedExpressions(average).get(0);
        assertThat(avg.name().name()).isEqualTo("AVG");
        Cast cast = (Cast) avg.arguments().get(0);
        assertColumn(cast.operand(), "star_rating");
        assertThat(cast.type().name()).isEqualTo(TypeName.DOUBLE);
        Step step = (Step) average.groupBy().get(0);
        assertColumn(step.operand(), "SOURCE_SQL_STREAM_001", "ROWTIME");
        assertInterval(step.step(), "5", TimeUnit.SECOND);

        // RANDOM_CUT_FOREST with its cursor only: every parameter at its default.
        Select anomaly = (Select) script.pumps().get(1).query();
        assertColumn(selectedExpressions(anomaly).get(0), "ANOMALY_SCORE");
        TableFunctionRelation rcf = (TableFunctionRelation) anomaly.from();
        assertThat(rcf.function().name()).isEqualTo("RANDOM_CUT_FOREST");
        assertThat(rcf.arguments()).hasSize(1);
        Select rcfInput = (Select) ((CursorExpression) rcf.arguments().get(0)).query();
        assertColumn(selectedExpressions(rcfInput).get(0), "star_rating");
        assertThat(((StreamReference) rcfInput.from()).name().name())
                .isEqualTo("SOURCE_SQL_STREAM_001");

        // COUNT_DISTINCT_ITEMS_TUMBLING(cursor, 'review_id', 5).
        Select distinctCount = (Select) script.pumps().get(2).query();
        TableFunctionRelation items = (TableFunctionRelation) distinctCount.from();
        assertThat(items.function().name()).isEqualTo("COUNT_DISTINCT_ITEMS_TUMBLING");
        assertThat(items.arguments()).hasSize(3);
        assertThat(items.arguments().get(0)).isInstanceOf(CursorExpression.class);
        assertString(items.arguments().get(1), "review_id");
        assertInteger(items.arguments().get(2), 5);
    }
}
