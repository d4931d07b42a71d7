package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.JoinType;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.TypeName;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Windowed stream-to-stream joins: what the analyser accepts, and where it says what it does not.
 */
class StreamJoinAnalyzerTest {

    private static final SourcePosition NOWHERE = new SourcePosition(1, 1);

    private static final StreamDefinition TRADES =
            StreamDefinition.input(
                    "TRADES",
                    List.of(
                            new StreamColumn("TICKER", DataType.of(NOWHERE, TypeName.VARCHAR)),
                            new StreamColumn("AMOUNT", DataType.of(NOWHERE, TypeName.DOUBLE))));

    private static final String DESTINATION =
            "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(4), n DOUBLE);\n";

    private static AnalyzedApplication analyze(String sql) {
        return Analyzer.analyze(
                KdaSqlParser.parse(sql, "app.sql"),
                List.of(AnalyzerTest.SOURCE, TRADES),
                List.of(AnalyzerTest.COMPANIES));
    }

    /** A pump whose query is line 3 of the application. */
    private static AnalyzedQuery query(String select) {
        return analyze(pump(select)).pumps().get(0).query();
    }

    private static String pump(String select) {
        return DESTINATION
                + "CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                + select;
    }

    private static void rejects(String select, String message) {
        assertThatThrownBy(() -> analyze(pump(select))).hasMessage(message);
    }

    @Test
    void windowedStreamAfterJoinIsAnIntervalJoin() {
        AnalyzedQuery query =
                query(
                        "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s"
                                + " JOIN TRADES OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t"
                                + " ON s.ticker_symbol = t.ticker;");
        AnalyzedRelation.IntervalJoin join = (AnalyzedRelation.IntervalJoin) query.from();
        assertThat(join.type()).isEqualTo(JoinType.INNER);
        assertThat(join.precedingMillis()).isEqualTo(60_000);
        assertThat(join.left().alias()).isEqualTo("S");
        assertThat(join.right().alias()).isEqualTo("T");
        assertThat(query.shape()).isEqualTo(PumpShape.PROJECTION);
        assertThat(query.inputRowtime().relation()).isEqualTo("S");
    }

    @Test
    void namedWindowAndLeftOuterJoin() {
        AnalyzedQuery query =
                query(
                        "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s"
                                + " LEFT OUTER JOIN TRADES OVER w AS t ON s.ticker_symbol ="
                                + " t.ticker WINDOW w AS (RANGE INTERVAL '30' SECOND PRECEDING);");
        AnalyzedRelation.IntervalJoin join = (AnalyzedRelation.IntervalJoin) query.from();
        assertThat(join.type()).isEqualTo(JoinType.LEFT);
        assertThat(join.precedingMillis()).isEqualTo(30_000);
    }

    @Test
    void rangeCurrentRowJoinsEqualRowtimesOnly() {
        AnalyzedRelation.IntervalJoin join =
                (AnalyzedRelation.IntervalJoin)
                        query(
                                        "SELECT STREAM s.ticker_symbol, t.amount FROM"
                                                + " SOURCE_SQL_STREAM_001 AS s JOIN TRADES OVER"
                                                + " (RANGE CURRENT ROW) AS t ON s.ticker_symbol ="
                                                + " t.ticker;")
                                .from();
        assertThat(join.precedingMillis()).isZero();
    }

    /** A comma join's WHERE is its join condition. */
    @Test
    void commaJoinsWithAWindowedStreamOrAReferenceTable() {
        AnalyzedQuery windowed =
                query(
                        "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s,"
                                + " TRADES OVER (RANGE INTERVAL '10' SECOND PRECEDING) AS t"
                                + " WHERE s.ticker_symbol = t.ticker;");
        assertThat(windowed.from()).isInstanceOf(AnalyzedRelation.IntervalJoin.class);
        assertThat(windowed.where()).isEmpty();
        AnalyzedQuery lookup =
                query(
                        "SELECT STREAM c.name, s.price FROM SOURCE_SQL_STREAM_001 AS s,"
                                + " \"Companies\" AS c WHERE s.ticker_symbol = c.ticker;");
        AnalyzedRelation.LookupJoin join = (AnalyzedRelation.LookupJoin) lookup.from();
        assertThat(join.type()).isEqualTo(JoinType.INNER);
        assertThat(lookup.where()).isEmpty();
    }

    @Test
    void aStreamJoinNeedsAWindow() {
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES AS t ON s.ticker_symbol = t.ticker;",
                "app.sql:3:78: unsupported: a stream-to-stream JOIN without a window at 3:78 (KDA"
                        + " joins a stream with the rows of a window of the other: write JOIN s"
                        + " OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON …)");
    }

    @Test
    void rowsWindowsAreRejected() {
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES OVER (ROWS 10 PRECEDING) AS t ON s.ticker_symbol = t.ticker;",
                "app.sql:3:91: unsupported: a ROWS window on a joined stream at 3:91 (joins are"
                        + " translated as Flink interval joins, bounded by time: write RANGE"
                        + " INTERVAL … PRECEDING)");
    }

    @Test
    void monthIntervalsAreRejected() {
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES OVER (RANGE INTERVAL '1' MONTH PRECEDING) AS t ON"
                        + " s.ticker_symbol = t.ticker;",
                "app.sql:3:97: unsupported: a join window other than RANGE INTERVAL … PRECEDING"
                        + " at 3:97 (write a day-time interval: RANGE INTERVAL 'n'"
                        + " SECOND|MINUTE|HOUR|DAY PRECEDING)");
    }

    @Test
    void aWindowOnTheFirstStreamIsRejected() {
        rejects(
                "SELECT STREAM t.ticker, s.price FROM TRADES OVER (RANGE INTERVAL '1' MINUTE"
                        + " PRECEDING) AS t JOIN SOURCE_SQL_STREAM_001 AS s ON s.ticker_symbol ="
                        + " t.ticker;",
                "app.sql:3:50: unsupported: a window on the first stream of FROM at 3:50 (a"
                        + " stream-to-stream join is translated with the window on the stream"
                        + " after JOIN: a JOIN s OVER (RANGE INTERVAL … PRECEDING) AS t ON …)");
    }

    @Test
    void rightAndFullJoinsAreRejected() {
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s RIGHT"
                        + " JOIN TRADES OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON"
                        + " s.ticker_symbol = t.ticker;",
                "app.sql:3:46: unsupported: RIGHT JOIN at 3:46 (a stream joins a reference table"
                        + " or a windowed stream with [INNER] JOIN or LEFT [OUTER] JOIN)");
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s FULL"
                        + " OUTER JOIN TRADES OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON"
                        + " s.ticker_symbol = t.ticker;",
                "app.sql:3:46: unsupported: FULL JOIN at 3:46 (a stream joins a reference table"
                        + " or a windowed stream with [INNER] JOIN or LEFT [OUTER] JOIN)");
    }

    @Test
    void usingAndCommaJoinsWithoutWhereAreRejected() {
        rejects(
                "SELECT STREAM s.ticker_symbol FROM SOURCE_SQL_STREAM_001 AS s JOIN TRADES OVER"
                        + " (RANGE INTERVAL '1' MINUTE PRECEDING) AS t USING (ticker);",
                "app.sql:3:36: unsupported: JOIN … USING at 3:36 (write the join condition with"
                        + " ON)");
        rejects(
                "SELECT STREAM s.ticker_symbol FROM SOURCE_SQL_STREAM_001 AS s, TRADES OVER"
                        + " (RANGE INTERVAL '1' MINUTE PRECEDING) AS t;",
                "app.sql:3:36: unsupported: a comma join without WHERE at 3:36 (it pairs every row"
                        + " with every row; write JOIN … ON …)");
    }

    @Test
    void threeRelationsButAStreamAndItsReferenceTablesAreRejected() {
        rejects(
                "SELECT STREAM s.ticker_symbol, c.name FROM SOURCE_SQL_STREAM_001 AS s JOIN TRADES"
                        + " OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON s.ticker_symbol ="
                        + " t.ticker LEFT JOIN \"Companies\" AS c ON c.ticker = s.ticker_symbol;",
                "app.sql:3:44: unsupported: a reference table joined after a stream-to-stream"
                        + " join at 3:44 (join the table in a nested query over the stream join"
                        + " (FROM (SELECT STREAM … JOIN … OVER …)) or in another pump)");
        rejects(
                "SELECT STREAM s.ticker_symbol FROM SOURCE_SQL_STREAM_001 AS s JOIN \"Companies\""
                        + " AS c ON c.ticker = s.ticker_symbol JOIN TRADES OVER (RANGE INTERVAL '1'"
                        + " MINUTE PRECEDING) AS t ON s.ticker_symbol = t.ticker;",
                "app.sql:3:36: unsupported: a join of more than two relations but for reference"
                        + " tables at 3:36 (a stream joins reference tables, one after another, or"
                        + " one windowed stream; join further in a nested query (FROM (SELECT"
                        + " STREAM …)) or in another pump)");
        rejects(
                "SELECT STREAM s.ticker_symbol FROM SOURCE_SQL_STREAM_001 AS s, \"Companies\" AS c,"
                        + " \"Companies\" AS d WHERE c.ticker = s.ticker_symbol AND d.ticker ="
                        + " s.ticker_symbol;",
                "app.sql:3:36: unsupported: a comma join of more than two relations at 3:36 (join"
                        + " each reference table with JOIN … ON …)");
    }

    @Test
    void unknownWindowAndReferenceTableWithAWindow() {
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES OVER w2 AS t ON s.ticker_symbol = t.ticker WINDOW w AS (RANGE"
                        + " INTERVAL '1' MINUTE PRECEDING);",
                "app.sql:3:90: unknown window \"W2\"; did you mean \"W\"?");
        rejects(
                "SELECT STREAM c.name FROM SOURCE_SQL_STREAM_001 AS s JOIN \"Companies\" OVER"
                        + " (RANGE INTERVAL '1' MINUTE PRECEDING) AS c ON c.ticker ="
                        + " s.ticker_symbol;",
                "app.sql:3:76: \"Companies\" is a reference table; only a stream has a window");
    }

    @Test
    void joinConditionMustBeABooleanWithoutAggregates() {
        rejects(
                "SELECT STREAM s.ticker_symbol, t.amount FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON t.amount;",
                "app.sql:3:136: a join condition is a BOOLEAN, not DOUBLE");
    }

    @Test
    void aJoinUnderGroupByGoesInANestedQuery() {
        rejects(
                "SELECT STREAM s.ticker_symbol, COUNT(*) FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON"
                        + " s.ticker_symbol = t.ticker GROUP BY s.ticker_symbol,"
                        + " STEP(s.ROWTIME BY INTERVAL '1' MINUTE);",
                "app.sql:3:46: unsupported: a stream-to-stream join in a query with GROUP BY at"
                        + " 3:46 (join in a nested query, FROM (SELECT STREAM … JOIN …), or in an"
                        + " earlier pump)");
    }

    /**
     * KDA's second form, {@code JOIN TradeStream OVER t … WINDOW t AS (…)}, without an alias: the
     * developer guide's example reads the stream by the window's name, {@code t.amount}.
     */
    @Test
    void namedWindowNamesAStreamWithoutAnAlias() {
        AnalyzedQuery query =
                query(
                        "SELECT STREAM s.ticker_symbol, w.amount FROM SOURCE_SQL_STREAM_001 AS s"
                                + " JOIN TRADES OVER w ON s.ticker_symbol = w.ticker WINDOW w AS"
                                + " (RANGE INTERVAL '1' MINUTE PRECEDING);");
        assertThat(query.from().leaves())
                .extracting(AnalyzedRelation.Leaf::alias)
                .containsExactly("S", "W");
        rejects(
                "SELECT STREAM s.ticker_symbol, w.amount FROM SOURCE_SQL_STREAM_001 AS s JOIN"
                        + " TRADES OVER w ON s.ticker_symbol = TRADES.ticker WINDOW w AS (RANGE"
                        + " INTERVAL '1' MINUTE PRECEDING);",
                "app.sql:3:113: unknown stream, alias or column \"TRADES\"");
    }
}
