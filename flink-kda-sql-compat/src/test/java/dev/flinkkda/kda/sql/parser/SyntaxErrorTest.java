package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Syntax errors: the first one is reported with source, line:column, the offending token and what
 * was expected, and nothing is printed.
 */
class SyntaxErrorTest {

    private static final String PUMP = "CREATE PUMP p AS INSERT INTO o ";

    private static KdaSqlSyntaxException error(String sql) {
        KdaSqlSyntaxException error =
                catchThrowableOfType(
                        KdaSqlSyntaxException.class, () -> KdaSqlParser.parse(sql, "app.sql"));
        assertThat(error).as("a syntax error in: %s", sql).isNotNull();
        return error;
    }

    private static String message(String sql) {
        return error(sql).getMessage();
    }

    @Test
    void misspeltKeywordNamesPositionTokenAndExpectedTokens() {
        KdaSqlSyntaxException error =
                error(
                        "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS INSERT INTO \"OUT\"\n"
                                + "SELECT STREAM ticker,\n"
                                + "    price AS pr FORM \"SOURCE_SQL_STREAM_001\";");

        assertThat(error.getMessage())
                .isEqualTo("app.sql:3:17: syntax error at 'FORM': expected one of FROM, ','");
        assertThat(error.sourceName()).isEqualTo("app.sql");
        assertThat(error.position()).isEqualTo(new SourcePosition(3, 17));
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(17);
        assertThat(error.offendingText()).isEqualTo("FORM");
        assertThat(error.expected()).containsExactly("FROM", "','");
        assertThat(error.detail()).isEqualTo("syntax error at 'FORM': expected one of FROM, ','");
    }

    @Test
    void aMisspeltKeywordAfterAnExpressionIsTakenAsAnAlias() {
        // "price FORM" is the column price with the alias FORM; the error is at the stream name.
        assertThat(message(PUMP + "SELECT STREAM price FORM s"))
                .isEqualTo("app.sql:1:57: syntax error at 's': expected one of FROM, ','");
    }

    @Test
    void wrongWordAfterCreate() {
        assertThat(message("CREATE OR REPLACE STREM s (a INT)"))
                .isEqualTo("app.sql:1:19: syntax error at 'STREM': expected one of PUMP, STREAM");
    }

    @Test
    void unknownTypeListsKdaTypes() {
        assertThat(message("CREATE STREAM s (a INT, b STRING)"))
                .isEqualTo(
                        "app.sql:1:27: syntax error at 'STRING': expected one of BIGINT, BINARY,"
                                + " BOOLEAN, CHAR, CHARACTER, DATE, DEC, DECIMAL, DOUBLE, FLOAT,"
                                + " INT, INTEGER, INTERVAL, NUMERIC, REAL, SMALLINT, TIME,"
                                + " TIMESTAMP, TINYINT, VARBINARY, VARCHAR");
    }

    @Test
    void missingClosingParenthesisAtEndOfInput() {
        KdaSqlSyntaxException error = error("CREATE STREAM s (a INT, b VARCHAR(4)");

        assertThat(error.getMessage())
                .isEqualTo(
                        "app.sql:1:37: syntax error at end of input: expected one of NOT, NULL,"
                                + " ')', ','");
        assertThat(error.offendingText()).isEmpty();
    }

    @Test
    void missingCommaBetweenColumns() {
        assertThat(message("CREATE STREAM s (a INT\n  b INT)"))
                .isEqualTo("app.sql:2:3: syntax error at 'b': expected one of NOT, NULL, ')', ','");
    }

    @Test
    void missingOperand() {
        assertThat(message(PUMP + "SELECT STREAM a + FROM s"))
                .isEqualTo("app.sql:1:50: syntax error at 'FROM': expected expression");
    }

    @Test
    void emptyInListReportsWhatCanFollowTheParenthesis() {
        assertThat(message(PUMP + "SELECT STREAM a FROM s WHERE a IN ()"))
                .isEqualTo("app.sql:1:67: syntax error at ')': expected one of SELECT, expression");
    }

    @Test
    void tokenAfterACompleteClauseListsEveryPossibleContinuation() {
        assertThat(message(PUMP + "SELECT STREAM a FROM s WHERE x = 1 y"))
                .isEqualTo(
                        "app.sql:1:67: syntax error at 'y': expected one of AND, GROUP, HAVING, OR,"
                                + " ORDER, UNION, WINDOW, WINDOWED, ';', operator, end of input");
    }

    @Test
    void betweenWithoutAnd() {
        assertThat(message(PUMP + "SELECT STREAM a FROM s WHERE x BETWEEN 1 2"))
                .isEqualTo("app.sql:1:73: syntax error at '2': expected one of AND, operator");
    }

    @Test
    void staggerWindowNeedsPartitionByAndAnIntervalRange() {
        assertThat(
                        message(
                                PUMP
                                        + "SELECT STREAM a FROM s WINDOWED BY STAGGER (RANGE INTERVAL"
                                        + " '1' MINUTE)"))
                .isEqualTo("app.sql:1:76: syntax error at 'RANGE': expected PARTITION");
        assertThat(
                        message(
                                PUMP
                                        + "SELECT STREAM a FROM s WINDOWED BY STAGGER (PARTITION BY a"
                                        + " RANGE '1' MINUTE)"))
                .isEqualTo("app.sql:1:97: syntax error at ''1'': expected INTERVAL");
    }

    @Test
    void slidingWindowRangeNeedsPreceding() {
        assertThat(
                        message(
                                PUMP
                                        + "SELECT STREAM a FROM s WINDOW w AS (PARTITION BY a"
                                        + " RANGE INTERVAL '1' MINUTE)"))
                .isEqualTo(
                        "app.sql:1:108: syntax error at ')': expected one of FOLLOWING, PRECEDING,"
                                + " TO, operator");
    }

    @Test
    void unknownTimeUnit() {
        assertThat(message(PUMP + "SELECT STREAM FLOOR(ROWTIME TO WEEK) FROM s"))
                .isEqualTo(
                        "app.sql:1:63: syntax error at 'WEEK': expected one of DAY, HOUR, MINUTE,"
                                + " MONTH, SECOND, YEAR");
    }

    @Test
    void joinWithoutCondition() {
        assertThat(message(PUMP + "SELECT STREAM * FROM a JOIN b WHERE x = 1"))
                .isEqualTo(
                        "app.sql:1:62: syntax error at 'WHERE': expected one of AS, ON, OVER,"
                                + " USING, identifier");
    }

    @Test
    void statementsMustBeSeparatedBySemicolons() {
        assertThat(message("CREATE STREAM a (x INT) CREATE STREAM b (x INT)"))
                .isEqualTo(
                        "app.sql:1:25: syntax error at 'CREATE': expected one of DESCRIPTION,"
                                + " ';', end of input");
    }

    @Test
    void aQueryIsNotAStatementOfItsOwn() {
        assertThat(message("SELECT STREAM a FROM s"))
                .isEqualTo(
                        "app.sql:1:1: syntax error at 'SELECT': expected one of CREATE, ';', end of"
                                + " input");
    }

    @Test
    void onlyTheFirstErrorIsReported() {
        assertThat(message("CREATE STREAM a (x INT);\nCREATE STREAM b (x INT,);\nCREATE STREM c"))
                .isEqualTo("app.sql:2:24: syntax error at ')': expected identifier");
    }

    @Test
    void unterminatedStringIdentifierAndComment() {
        KdaSqlSyntaxException string = error(PUMP + "SELECT STREAM a FROM s WHERE x = 'abc");
        assertThat(string.getMessage())
                .isEqualTo("app.sql:1:65: syntax error: unterminated string literal");
        assertThat(string.offendingText()).isEqualTo("'abc");

        assertThat(message(PUMP + "SELECT STREAM a FROM \"SOURCE_SQL_STREAM_001"))
                .isEqualTo("app.sql:1:53: syntax error: unterminated quoted identifier");
        assertThat(message("CREATE STREAM a (x INT);\n/* a comment\nthat never ends"))
                .isEqualTo("app.sql:2:1: syntax error: unterminated comment");
    }

    @Test
    void unknownCharacter() {
        assertThat(message(PUMP + "SELECT STREAM a # b FROM s"))
                .isEqualTo(
                        "app.sql:1:48: syntax error at '#': expected one of AND, AS, FROM, OR, ',',"
                                + " '.', identifier, operator");
    }

    @Test
    void invalidIntervalQualifier() {
        assertThat(message(PUMP + "SELECT STREAM INTERVAL '1' SECOND TO MINUTE FROM s"))
                .isEqualTo(
                        "app.sql:1:69: syntax error at 'MINUTE': SECOND TO MINUTE is not an"
                                + " interval qualifier: expected YEAR TO MONTH, or a range from"
                                + " DAY, HOUR or MINUTE to a smaller unit up to SECOND");
        assertThat(message(PUMP + "SELECT STREAM INTERVAL '1' YEAR TO DAY FROM s"))
                .startsWith("app.sql:1:67: syntax error at 'DAY': YEAR TO DAY is not");
    }

    @Test
    void emptyQuotedIdentifier() {
        assertThat(message("CREATE STREAM \"\" (x INT)"))
                .isEqualTo(
                        "app.sql:1:15: syntax error at '\"\"': a quoted identifier cannot be empty");
    }

    @Test
    void lengthTooLarge() {
        assertThat(message("CREATE STREAM s (x VARCHAR(99999999999))"))
                .isEqualTo(
                        "app.sql:1:28: syntax error at '99999999999': the number is too large (at"
                                + " most 2147483647)");
    }

    @Test
    void tabsCountAsOneColumn() {
        assertThat(message("CREATE STREAM s (\n\tx INT\n\t\ty INT)").substring(0, 12))
                .isEqualTo("app.sql:3:3:");
    }

    @Test
    void longTokensAreShortenedInTheMessage() {
        String longName = "a".repeat(60);
        KdaSqlSyntaxException error = error("CREATE STREAM s (x INT) " + longName);

        assertThat(error.getMessage())
                .startsWith("app.sql:1:25: syntax error at '" + "a".repeat(40) + "...': ");
        assertThat(error.offendingText()).isEqualTo(longName);
    }

    @Test
    void standaloneQueryAndExpressionUseTheDefaultSourceName() {
        KdaSqlSyntaxException query =
                catchThrowableOfType(
                        KdaSqlSyntaxException.class,
                        () -> KdaSqlParser.parseQuery("SELECT STREAM a FROM s;"));
        assertThat(query.getMessage())
                .startsWith("<input>:1:23: syntax error at ';': expected one of ");
        KdaSqlSyntaxException expression =
                catchThrowableOfType(
                        KdaSqlSyntaxException.class, () -> KdaSqlParser.parseExpression("1 +"));
        assertThat(expression.getMessage())
                .isEqualTo("<input>:1:4: syntax error at end of input: expected expression");
    }

    @Test
    void nothingIsPrintedOnErrors() {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try {
            System.setErr(capture);
            System.setOut(capture);
            error(PUMP + "SELECT STREAM a FROM s WHERE # 'x");
            error("CREATE STREM s");
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
