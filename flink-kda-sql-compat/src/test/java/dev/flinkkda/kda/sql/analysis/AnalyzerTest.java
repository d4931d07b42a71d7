package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.TypeName;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Name resolution, pump checks, shapes, and the errors for what cannot be translated. */
class AnalyzerTest {

    private static final SourcePosition NOWHERE = new SourcePosition(1, 1);

    static final StreamDefinition SOURCE =
            StreamDefinition.input(
                    "SOURCE_SQL_STREAM_001",
                    List.of(
                            new StreamColumn(
                                    "TICKER_SYMBOL", DataType.of(NOWHERE, TypeName.VARCHAR)),
                            new StreamColumn(
                                    "EVENT_TIME", DataType.of(NOWHERE, TypeName.TIMESTAMP)),
                            new StreamColumn("PRICE", DataType.of(NOWHERE, TypeName.DOUBLE))));

    static final StreamDefinition COMPANIES =
            StreamDefinition.referenceTable(
                    "Companies",
                    List.of(
                            new StreamColumn("TICKER", DataType.of(NOWHERE, TypeName.VARCHAR)),
                            new StreamColumn("NAME", DataType.of(NOWHERE, TypeName.VARCHAR))));

    private static final String DESTINATION =
            "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4), n DOUBLE);\n";

    static AnalyzedApplication analyze(String sql) {
        return Analyzer.analyze(
                KdaSqlParser.parse(sql, "app.sql"), List.of(SOURCE), List.of(COMPANIES));
    }

    private static String pump(String select) {
        return DESTINATION
                + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                + select;
    }

    @Test
    void classifiesEachShape() {
        assertThat(
                        analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 WHERE price > 1;"))
                                .pumps()
                                .get(0)
                                .shape())
                .isEqualTo(PumpShape.PROJECTION);
        AnalyzedPump tumbling =
                analyze(
                                pump(
                                        "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001"
                                                + " GROUP BY ticker_symbol,"
                                                + " STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '10' SECOND);"))
                        .pumps()
                        .get(0);
        assertThat(tumbling.shape()).isEqualTo(PumpShape.TUMBLING_WINDOW);
        assertThat(tumbling.query().tumbling().orElseThrow().sizeMillis()).isEqualTo(10_000);
        AnalyzedPump floor =
                analyze(
                                pump(
                                        "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001"
                                                + " GROUP BY ticker_symbol, FLOOR(ROWTIME TO HOUR);"))
                        .pumps()
                        .get(0);
        assertThat(floor.query().tumbling().orElseThrow().sizeMillis()).isEqualTo(3_600_000);
        assertThat(
                        analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001"
                                                        + " WINDOWED BY STAGGER (PARTITION BY ticker_symbol"
                                                        + " RANGE INTERVAL '1' MINUTE);"))
                                .pumps()
                                .get(0)
                                .shape())
                .isEqualTo(PumpShape.STAGGER_WINDOW);
        assertThat(
                        analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, AVG(price) OVER W1"
                                                        + " FROM SOURCE_SQL_STREAM_001"
                                                        + " WINDOW W1 AS (PARTITION BY ticker_symbol"
                                                        + " RANGE INTERVAL '1' MINUTE PRECEDING);"))
                                .pumps()
                                .get(0)
                                .shape())
                .isEqualTo(PumpShape.OVER_WINDOW);
    }

    @Test
    void unquotedNamesFoldToUpperCaseQuotedOnesDoNot() {
        AnalyzedPump pump =
                analyze(pump("SELECT STREAM Ticker_Symbol, \"PRICE\" FROM source_sql_stream_001;"))
                        .pumps()
                        .get(0);
        assertThat(pump.inputStreams()).containsExactly("SOURCE_SQL_STREAM_001");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM \"ticker_symbol\", price FROM"
                                                        + " SOURCE_SQL_STREAM_001;")))
                .isInstanceOf(KdaSemanticException.class)
                .hasMessage(
                        "app.sql:3:15: unknown column \"ticker_symbol\" in \"SOURCE_SQL_STREAM_001\";"
                                + " did you mean \"TICKER_SYMBOL\"?");
    }

    @Test
    void unknownStreamNamesTheNearestOne() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_01;")))
                .hasMessage(
                        "app.sql:3:41: unknown stream \"SOURCE_SQL_STREAM_01\"; did you mean"
                                + " \"SOURCE_SQL_STREAM_001\"?");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        DESTINATION
                                                + "CREATE PUMP p AS INSERT INTO DESTINATION_STREAM"
                                                + " SELECT STREAM ticker_symbol, price FROM"
                                                + " SOURCE_SQL_STREAM_001;"))
                .hasMessage(
                        "app.sql:2:30: unknown stream \"DESTINATION_STREAM\"; did you mean"
                                + " \"DESTINATION_SQL_STREAM\"?");
    }

    @Test
    void unknownColumnNamesTheNearestOne() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_simbol, price FROM SOURCE_SQL_STREAM_001;")))
                .hasMessage(
                        "app.sql:3:15: unknown column \"TICKER_SIMBOL\" in \"SOURCE_SQL_STREAM_001\";"
                                + " did you mean \"TICKER_SYMBOL\"?");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM s.volume, price FROM SOURCE_SQL_STREAM_001 AS s;")))
                .hasMessage("app.sql:3:17: \"SOURCE_SQL_STREAM_001\" has no column \"VOLUME\"");
    }

    @Test
    void pumpMustSelectOneItemPerTargetColumn() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol FROM SOURCE_SQL_STREAM_001;")))
                .hasMessage(
                        "app.sql:3:1: pump \"P\" selects 1 column but inserts into 2 columns of"
                                + " \"DESTINATION_SQL_STREAM\" (TICKER, N)");
    }

    @Test
    void pumpsInsertIntoApplicationStreamsOnly() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        "CREATE PUMP p AS INSERT INTO SOURCE_SQL_STREAM_001"
                                                + " SELECT STREAM * FROM SOURCE_SQL_STREAM_001;"))
                .hasMessageContaining(
                        "app.sql:1:30: pump \"P\" inserts into \"SOURCE_SQL_STREAM_001\"")
                .hasMessageContaining("which is an input stream");
    }

    @Test
    void aggregatesNeedAWindow() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001;")))
                .hasMessageStartingWith("app.sql:3:30: an aggregate over a stream needs a window");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001"
                                                        + " GROUP BY ticker_symbol;")))
                .hasMessageStartingWith(
                        "app.sql:3:75: GROUP BY on a stream needs a ROWTIME window among its keys");
    }

    @Test
    void staggerSelectsOnlyKeysAndAggregates() {
        AnalyzedApplication app =
                analyze(
                        pump(
                                "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001"
                                        + " WINDOWED BY STAGGER (PARTITION BY ticker_symbol RANGE"
                                        + " INTERVAL '1' MINUTE);"));
        assertThat(app.pumps()).hasSize(1);
    }

    /**
     * Every aggregate of the function table, DISTINCT included, over expressions, in a stagger
     * window; what stays rejected is rejected at its line and column.
     */
    @Test
    void staggerTakesEveryAggregate() {
        String stagger =
                " FROM SOURCE_SQL_STREAM_001 WINDOWED BY STAGGER (PARTITION BY ticker_symbol"
                        + " RANGE INTERVAL '1' MINUTE);";
        AnalyzedApplication app =
                analyze(
                        pump(
                                "SELECT STREAM ticker_symbol, COUNT(*) + COUNT(DISTINCT price)"
                                        + " + SUM(DISTINCT price * 2) + AVG(price) + MIN(price)"
                                        + " + MAX(price) + VAR_POP(price) + VAR_SAMP(DISTINCT price)"
                                        + " + STDDEV_POP(price) + STDDEV_SAMP(price)"
                                        + " + CASE WHEN ANY(price > 1) AND EVERY(price < 9) THEN 1"
                                        + " ELSE 0 END"
                                        + stagger));
        assertThat(app.pumps().get(0).shape()).isEqualTo(PumpShape.STAGGER_WINDOW);
        // FIRST_VALUE and LAST_VALUE need OVER in KDA (SR FIRST_VALUE, LAST_VALUE)
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol,\n FIRST_VALUE(price)"
                                                        + stagger)))
                .isInstanceOf(KdaSemanticException.class)
                .hasMessageStartingWith("app.sql:4:2: FIRST_VALUE needs a window");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, LAST_VALUE(price)"
                                                        + stagger)))
                .isInstanceOf(KdaSemanticException.class)
                .hasMessageStartingWith("app.sql:3:30: LAST_VALUE needs a window");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, SUM(price) OVER (RANGE"
                                                        + " INTERVAL '1' MINUTE PRECEDING)"
                                                        + stagger)))
                .isInstanceOf(KdaSemanticException.class)
                .hasMessageStartingWith("app.sql:3:");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, COUNT(*) FROM"
                                                        + " SOURCE_SQL_STREAM_001 WINDOWED BY STAGGER"
                                                        + " (PARTITION BY ticker_symbol RANGE INTERVAL"
                                                        + " '1' MINUTE) HAVING COUNT(*) > 1;")))
                .isInstanceOf(UnsupportedConstructException.class)
                .hasMessageStartingWith("app.sql:3:");
    }

    @Test
    void rejectsWhatIsNotTranslatedWithItsPosition() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST("
                                                        + "CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001), 0));")))
                .hasMessage(
                        "app.sql:3:125: RANDOM_CUT_FOREST: numberOfTrees must be between 1 and"
                                + " 1000, was 0");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST("
                                                        + "CURSOR(SELECT STREAM ticker_symbol FROM"
                                                        + " SOURCE_SQL_STREAM_001)));")))
                .hasMessageContaining("RANDOM_CUT_FOREST scores the cursor's numeric columns")
                .hasMessageContaining("it has none");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001"
                                                        + " ORDER BY price, FLOOR(ROWTIME TO SECOND);")))
                .hasMessage(
                        "app.sql:3:72: unsupported: ORDER BY that does not start with ROWTIME,"
                                + " FLOOR(ROWTIME TO …) or STEP(ROWTIME BY …) ascending at 3:72 (a"
                                + " stream is sorted within the time buckets of its first key)");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001"
                                                        + " ORDER BY FLOOR(ROWTIME TO SECOND) DESC;")))
                .hasMessageStartingWith("app.sql:3:72: unsupported: ORDER BY that does not start");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001"
                                                        + " WINDOWED BY STAGGER (PARTITION BY"
                                                        + " ticker_symbol RANGE INTERVAL '1' MINUTE)"
                                                        + " ORDER BY ROWTIME;")))
                .hasMessageStartingWith(
                        "app.sql:3:150: unsupported: ORDER BY in a query with WINDOWED BY"
                                + " STAGGER");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM DISTINCT ticker_symbol, price FROM"
                                                        + " SOURCE_SQL_STREAM_001;")))
                .hasMessageStartingWith(
                        "app.sql:3:1: unsupported: SELECT STREAM DISTINCT without a ROWTIME bucket"
                                + " among its items at 3:1");
    }

    @Test
    void queriesNestedInFromAreRelationsWithTheirItemsAsColumns() {
        AnalyzedPump pump =
                analyze(
                                pump(
                                        "SELECT STREAM x.t, p FROM (SELECT STREAM ticker_symbol AS t,"
                                                + " price AS p FROM SOURCE_SQL_STREAM_001) AS x;"))
                        .pumps()
                        .get(0);
        AnalyzedRelation.DerivedRelation nested =
                (AnalyzedRelation.DerivedRelation) pump.query().input();
        assertThat(nested.columns())
                .extracting(RelationColumn::name)
                .containsExactly("T", "P", "ROWTIME");
        assertThat(pump.inputStreams()).containsExactly("SOURCE_SQL_STREAM_001");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM x.ticker_symbol, p FROM (SELECT STREAM"
                                                        + " ticker_symbol AS t, price AS p FROM"
                                                        + " SOURCE_SQL_STREAM_001) AS x;")))
                .hasMessage("app.sql:3:17: \"X\" has no column \"TICKER_SYMBOL\"");
    }

    @Test
    void logParserArgumentsAndRowFieldsAreCheckedWhereWritten() {
        String nested = " AS r FROM SOURCE_SQL_STREAM_001) AS x;";
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM x.r.COLUMN1, 1.0 FROM (SELECT STREAM"
                                                        + " REGEX_LOG_PARSE(ticker_symbol, '(a')"
                                                        + nested)))
                .hasMessageStartingWith("app.sql:3:83: REGEX_LOG_PARSE, argument 2: ");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM x.r.COLUMN1, 1.0 FROM (SELECT STREAM"
                                                        + " W3C_LOG_PARSE(ticker_symbol, 'CLF')"
                                                        + nested)))
                .hasMessageStartingWith("app.sql:3:81: W3C_LOG_PARSE, argument 2: 'CLF'");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM x.r.COLUMN9, 1.0 FROM (SELECT STREAM"
                                                        + " REGEX_LOG_PARSE(ticker_symbol, '(a)')"
                                                        + nested)))
                .hasMessage(
                        "app.sql:3:19: column \"R\" has no field \"COLUMN9\"; its fields:"
                                + " COLUMN1");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM x.r.COLUMN1, 1.0 FROM (SELECT STREAM"
                                                        + " REGEX_LOG_PARSE(ticker_symbol,"
                                                        + " ticker_symbol)"
                                                        + nested)))
                .hasMessage(
                        "app.sql:3:83: REGEX_LOG_PARSE: argument 2 must be a constant; it says how"
                                + " lines are parsed");
    }

    @Test
    void anItemMustConvertToItsColumnsType() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price > 1 FROM"
                                                        + " SOURCE_SQL_STREAM_001;")))
                .hasMessage(
                        "app.sql:3:30: pump \"P\" inserts item 2 into column \"N\" of"
                                + " \"DESTINATION_SQL_STREAM\": KDA cannot CAST BOOLEAN to DOUBLE");
    }

    @Test
    void streamTableJoinResolvesBothSides() {
        AnalyzedPump pump =
                analyze(
                                pump(
                                        "SELECT STREAM c.name, s.price FROM SOURCE_SQL_STREAM_001 AS s"
                                                + " LEFT JOIN \"Companies\" AS c ON s.ticker_symbol ="
                                                + " c.ticker;"))
                        .pumps()
                        .get(0);
        assertThat(pump.query().from().leaves())
                .extracting(AnalyzedRelation.Leaf::alias)
                .containsExactly("S", "C");
        assertThat(pump.inputStreams()).containsExactly("SOURCE_SQL_STREAM_001");
    }

    @Test
    void duplicateDefinitionsAreErrors() {
        assertThatThrownBy(() -> analyze(DESTINATION + DESTINATION))
                .hasMessage(
                        "app.sql:2:26: stream \"DESTINATION_SQL_STREAM\" is already defined at 1:1");
    }

    /**
     * Analytic functions: all of them over RANGE INTERVAL windows (flink-kda's operator); over ROWS
     * windows only what Flink's OVER computes as KDA does; wrong arguments at their position.
     */
    @Test
    void analyticFunctionsAreCheckedAgainstTheirWindow() {
        String rows = " FROM SOURCE_SQL_STREAM_001 WINDOW r AS (ROWS 3 PRECEDING);";
        String range =
                " FROM SOURCE_SQL_STREAM_001 WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING);";
        assertThat(
                        analyze(
                                        pump(
                                                "SELECT STREAM NTH_VALUE(ticker_symbol, 2) FROM LAST"
                                                        + " IGNORE NULLS OVER w, EXP_AVG(price,"
                                                        + " INTERVAL '10' SECOND) OVER w"
                                                        + range))
                                .pumps()
                                .get(0)
                                .shape())
                .isEqualTo(PumpShape.OVER_WINDOW);
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, NTH_VALUE(price, 2) OVER r"
                                                        + rows)))
                .hasMessageStartingWith(
                        "app.sql:3:30: unsupported: NTH_VALUE over a ROWS window at 3:30");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, FIRST_VALUE(price) OVER r"
                                                        + rows)))
                .hasMessageStartingWith(
                        "app.sql:3:30: unsupported: FIRST_VALUE RESPECT NULLS over a ROWS window");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, LAG(price, 1, 0) OVER r"
                                                        + rows)))
                .hasMessageStartingWith(
                        "app.sql:3:30: unsupported: LAG with a default over a ROWS window");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, LAG(price, 4) OVER r"
                                                        + rows)))
                .hasMessageStartingWith(
                        "app.sql:3:30: unsupported: LAG over a ROWS window shorter than its offset");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, EXP_AVG(price, 10) OVER w"
                                                        + range)))
                .hasMessageStartingWith(
                        "app.sql:3:45: EXP_AVG's half-life is a positive day-time INTERVAL");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, NTH_VALUE(price, 0) OVER w"
                                                        + range)))
                .hasMessageStartingWith(
                        "app.sql:3:47: NTH_VALUE's n is a whole number of at least 1");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, COUNT(DISTINCT price) OVER w"
                                                        + range)))
                .hasMessageStartingWith(
                        "app.sql:3:30: unsupported: COUNT(DISTINCT …) over a RANGE window");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, SUM(ticker_symbol) OVER w"
                                                        + range)))
                .hasMessageStartingWith("app.sql:3:30: SUM: needs a number, not STRING");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, MAX(price) FROM LAST OVER w"
                                                        + range)))
                .hasMessageStartingWith("app.sql:3:30: FROM FIRST|LAST goes with NTH_VALUE only");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, LAG(price) FROM SOURCE_SQL_STREAM_001;")))
                .hasMessageStartingWith("app.sql:3:30: LAG needs a window");
    }

    /** FROM FIRST after a call is NTH_VALUE's; a stream named FIRST still reads as one. */
    @Test
    void fromFirstIsNotTakenForAStreamNamedFirst() {
        assertThat(
                        KdaSqlParser.parse(
                                        "CREATE STREAM \"FIRST\" (x INTEGER);\n"
                                                + "CREATE STREAM o (x INTEGER);\n"
                                                + "CREATE PUMP p AS INSERT INTO o SELECT STREAM"
                                                + " ABS(x) FROM first;",
                                        "app.sql")
                                .pumps())
                .hasSize(1);
    }

    /** Found by TranslatorFuzzTest: the emitter threw on a windowed call in WHERE. */
    @Test
    void aWindowedAggregateIsNotAllowedInWhere() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price FROM"
                                                        + " SOURCE_SQL_STREAM_001 WHERE price >"
                                                        + " LAG(price) OVER (ROWS 2 PRECEDING);")))
                .isInstanceOf(KdaSemanticException.class)
                .hasMessage(
                        "app.sql:3:69: a windowed aggregate (… OVER …) is not allowed in WHERE;"
                                + " compute it in a pump of its own");
    }

    /** Found by TranslatorFuzzTest: the emitter threw on a windowed call inside another. */
    @Test
    void anAggregateCannotHoldAnother() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, AVG(LAG(price) OVER"
                                                        + " (ROWS 2 PRECEDING)) OVER (ROWS 5"
                                                        + " PRECEDING) FROM SOURCE_SQL_STREAM_001;")))
                .hasMessage(
                        "app.sql:3:34: AVG's argument cannot hold an aggregate or a windowed"
                                + " function");
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, SUM(1 + SUM(price))"
                                                        + " FROM SOURCE_SQL_STREAM_001 GROUP BY"
                                                        + " ticker_symbol, STEP(ROWTIME BY"
                                                        + " INTERVAL '1' MINUTE);")))
                .hasMessage(
                        "app.sql:3:34: SUM's argument cannot hold an aggregate or a windowed"
                                + " function");
    }

    /**
     * Found by TranslatorFuzzTest: Flink's lookup join needs an equality on a column of the table
     * ("Temporal table join requires an equality condition"); the planner did not know.
     */
    @Test
    void aReferenceTableJoinNeedsAnEqualityOnATableColumn() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, price FROM"
                                                        + " SOURCE_SQL_STREAM_001 AS s JOIN"
                                                        + " \"Companies\" AS c ON s.price > 1;")))
                .hasMessageStartingWith(
                        "app.sql:3:93: unsupported: a reference-table join without an equality on a"
                                + " column of the table at 3:93");
        analyze(
                pump(
                        "SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                                + " \"Companies\" AS c ON s.price > 1 AND c.ticker ="
                                + " s.ticker_symbol;"));
    }

    /** Found by TranslatorFuzzTest: the emitter threw on a windowed call in a window's key. */
    @Test
    void aWindowsPartitionKeyCannotHoldAnAggregate() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM ticker_symbol, AVG(price) OVER w FROM"
                                                        + " SOURCE_SQL_STREAM_001 WINDOW w AS"
                                                        + " (PARTITION BY LAG(ticker_symbol) OVER"
                                                        + " (ROWS 2 PRECEDING) RANGE INTERVAL '10'"
                                                        + " SECOND PRECEDING);")))
                .hasMessage(
                        "app.sql:3:101: a window's PARTITION BY key cannot contain an aggregate");
    }

    /** Found by TranslatorFuzzTest: the emitter threw on an OVER call in a stagger query. */
    @Test
    void overWindowsDoNotGoWithAStaggerWindow() {
        assertThatThrownBy(
                        () ->
                                analyze(
                                        pump(
                                                "SELECT STREAM LAG(ticker_symbol) OVER (ROWS 2"
                                                        + " PRECEDING), COUNT(*) FROM"
                                                        + " SOURCE_SQL_STREAM_001 WINDOWED BY STAGGER"
                                                        + " (PARTITION BY ticker_symbol RANGE"
                                                        + " INTERVAL '1' MINUTE);")))
                .hasMessage(
                        "app.sql:3:1: unsupported: OVER windows together with WINDOWED BY STAGGER at"
                                + " 3:1");
    }
}
