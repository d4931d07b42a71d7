package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.TypeName;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;

import org.apache.flink.table.api.DataTypes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code APPROXIMATE_ARRIVAL_TIME}: a system column of input streams only, read by name, left out
 * of {@code SELECT *} unless the input's schema declares it.
 */
class ArrivalTimeAnalyzerTest {

    private static final SourcePosition NOWHERE = new SourcePosition(1, 1);

    private static final StreamDefinition DECLARING =
            StreamDefinition.input(
                    "SOURCE_SQL_STREAM_001",
                    List.of(
                            new StreamColumn(
                                    "TICKER_SYMBOL", DataType.of(NOWHERE, TypeName.VARCHAR)),
                            new StreamColumn(
                                    "APPROXIMATE_ARRIVAL_TIME",
                                    DataType.of(NOWHERE, TypeName.TIMESTAMP)),
                            new StreamColumn("PRICE", DataType.of(NOWHERE, TypeName.DOUBLE))));

    private static AnalyzedApplication analyze(String sql) {
        return analyze(sql, AnalyzerTest.SOURCE);
    }

    private static AnalyzedApplication analyze(String sql, StreamDefinition input) {
        return Analyzer.analyze(KdaSqlParser.parse(sql, "app.sql"), List.of(input), List.of());
    }

    private static List<String> itemNames(AnalyzedApplication application, int pump) {
        return application.pumps().get(pump).query().items().stream()
                .map(OutputColumn::name)
                .toList();
    }

    @Test
    void everyInputStreamHasItAfterItsColumnsAndBeforeRowtime() {
        assertThat(AnalyzerTest.SOURCE.readableNames())
                .containsExactly(
                        "TICKER_SYMBOL",
                        "EVENT_TIME",
                        "PRICE",
                        "APPROXIMATE_ARRIVAL_TIME",
                        "ROWTIME");
        assertThat(AnalyzerTest.SOURCE.readableColumns().get(3))
                .isEqualTo(new RelationColumn("APPROXIMATE_ARRIVAL_TIME", DataTypes.TIMESTAMP(3)));
        assertThat(AnalyzerTest.SOURCE.isSystemColumn("APPROXIMATE_ARRIVAL_TIME")).isTrue();
        assertThat(AnalyzerTest.SOURCE.isSystemColumn("ROWTIME")).isTrue();
        assertThat(AnalyzerTest.SOURCE.isSystemColumn("PRICE")).isFalse();
        // the columns() of the schema are unchanged: a reference table made from them has none
        assertThat(AnalyzerTest.SOURCE.columns()).hasSize(3);
        assertThat(AnalyzerTest.COMPANIES.readableNames()).containsExactly("TICKER", "NAME");
    }

    @Test
    void aDeclaredOneIsNotDuplicatedAndIsAnOrdinaryColumn() {
        assertThat(DECLARING.readableNames())
                .containsExactly("TICKER_SYMBOL", "APPROXIMATE_ARRIVAL_TIME", "PRICE", "ROWTIME");
        assertThat(DECLARING.isSystemColumn("APPROXIMATE_ARRIVAL_TIME")).isFalse();
    }

    @Test
    void resolvesOnAnInputStreamQualifiedOrNot() {
        AnalyzedApplication application =
                analyze(
                        "CREATE STREAM out (t VARCHAR(4), arrived TIMESTAMP, arrival_minute TIMESTAMP, n"
                                + " INTEGER);\n"
                                + "CREATE PUMP p AS INSERT INTO out SELECT STREAM"
                                + " s.ticker_symbol, MIN(approximate_arrival_time),"
                                + " STEP(s.\"APPROXIMATE_ARRIVAL_TIME\" BY INTERVAL '1' MINUTE),"
                                + " COUNT(*) FROM SOURCE_SQL_STREAM_001 AS s GROUP BY"
                                + " s.ticker_symbol,"
                                + " STEP(s.APPROXIMATE_ARRIVAL_TIME BY INTERVAL '1' MINUTE),"
                                + " STEP(s.ROWTIME BY INTERVAL '1' MINUTE);");
        AnalyzedQuery query = application.pumps().get(0).query();
        // an ordinary key next to the ROWTIME window, which stays the only time window
        assertThat(query.shape()).isEqualTo(PumpShape.TUMBLING_WINDOW);
        assertThat(query.groupBy()).hasSize(3);
        assertThat(query.tumbling().orElseThrow().sizeMillis()).isEqualTo(60_000);
        assertThat(query.items().get(1).expression().type()).isEqualTo(DataTypes.TIMESTAMP(3));
    }

    @Test
    void inApplicationStreamsDoNotHaveIt() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        "CREATE STREAM mid (t VARCHAR(4));\n"
                                                + "CREATE STREAM out (a TIMESTAMP);\n"
                                                + "CREATE PUMP p1 AS INSERT INTO mid SELECT STREAM"
                                                + " ticker_symbol FROM SOURCE_SQL_STREAM_001;\n"
                                                + "CREATE PUMP p2 AS INSERT INTO out SELECT STREAM"
                                                + " APPROXIMATE_ARRIVAL_TIME FROM mid;"))
                .hasMessageContaining("APPROXIMATE_ARRIVAL_TIME");
        // copied by a pump into a declared column, it is an ordinary column there
        AnalyzedApplication copied =
                analyze(
                        "CREATE STREAM mid (t VARCHAR(4), APPROXIMATE_ARRIVAL_TIME TIMESTAMP);\n"
                                + "CREATE STREAM out (t VARCHAR(4), a TIMESTAMP);\n"
                                + "CREATE PUMP p1 AS INSERT INTO mid SELECT STREAM ticker_symbol,"
                                + " APPROXIMATE_ARRIVAL_TIME FROM SOURCE_SQL_STREAM_001;\n"
                                + "CREATE PUMP p2 AS INSERT INTO out SELECT STREAM * FROM mid;");
        assertThat(itemNames(copied, 1)).containsExactly("T", "APPROXIMATE_ARRIVAL_TIME");
    }

    @Test
    void selectStarLeavesItOutLikeRowtime() {
        AnalyzedApplication application =
                analyze(
                        "CREATE STREAM out (t VARCHAR(4), e TIMESTAMP, p DOUBLE);\n"
                                + "CREATE PUMP p AS INSERT INTO out SELECT STREAM * FROM"
                                + " SOURCE_SQL_STREAM_001;");
        assertThat(itemNames(application, 0))
                .containsExactly("TICKER_SYMBOL", "EVENT_TIME", "PRICE");
        AnalyzedApplication qualified =
                analyze(
                        "CREATE STREAM out (t VARCHAR(4), e TIMESTAMP, p DOUBLE, a TIMESTAMP);\n"
                                + "CREATE PUMP p AS INSERT INTO out SELECT STREAM s.*,"
                                + " s.APPROXIMATE_ARRIVAL_TIME FROM SOURCE_SQL_STREAM_001 AS s;");
        assertThat(itemNames(qualified, 0))
                .containsExactly(
                        "TICKER_SYMBOL", "EVENT_TIME", "PRICE", "APPROXIMATE_ARRIVAL_TIME");
        // a query nested in FROM selecting * does not pass it on
        assertThatThrownBy(
                        () ->
                                analyze(
                                        "CREATE STREAM out (a TIMESTAMP);\n"
                                                + "CREATE PUMP p AS INSERT INTO out SELECT STREAM"
                                                + " n.APPROXIMATE_ARRIVAL_TIME FROM (SELECT STREAM *"
                                                + " FROM SOURCE_SQL_STREAM_001) AS n;"))
                .hasMessageContaining("APPROXIMATE_ARRIVAL_TIME");
    }

    @Test
    void selectStarIncludesADeclaredOne() {
        AnalyzedApplication application =
                analyze(
                        "CREATE STREAM out (t VARCHAR(4), a TIMESTAMP, p DOUBLE);\n"
                                + "CREATE PUMP p AS INSERT INTO out SELECT STREAM * FROM"
                                + " SOURCE_SQL_STREAM_001;",
                        DECLARING);
        assertThat(itemNames(application, 0))
                .containsExactly("TICKER_SYMBOL", "APPROXIMATE_ARRIVAL_TIME", "PRICE");
    }
}
