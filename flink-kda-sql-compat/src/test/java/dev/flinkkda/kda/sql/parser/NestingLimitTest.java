package dev.flinkkda.kda.sql.parser;

import org.junit.jupiter.api.Test;

import static dev.flinkkda.kda.sql.parser.KdaSqlParser.MAX_NESTING_DEPTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Code nested deeper than {@link KdaSqlParser#MAX_NESTING_DEPTH} is a syntax error at the bracket
 * or operator that goes one level too deep: brackets, chains of operators (left-deep trees, however
 * flat they look), unary operators, {@code UNION} and {@code JOIN} chains all count.
 */
class NestingLimitTest {

    private static final int N = MAX_NESTING_DEPTH;

    /** {@code SELECT STREAM <expression> FROM s}: the expression starts at column 15. */
    private static String select(String expression) {
        return "SELECT STREAM " + expression + " FROM s";
    }

    private static KdaSqlSyntaxException error(String sql) {
        KdaSqlSyntaxException error =
                catchThrowableOfType(
                        KdaSqlSyntaxException.class, () -> KdaSqlParser.parse(sql, "app.sql"));
        assertThat(error).as("a nesting error").isNotNull();
        assertThat(error.detail()).isEqualTo("expression nested deeper than " + N);
        return error;
    }

    private static String pump(String query) {
        return "CREATE PUMP p AS INSERT INTO o " + query + ";";
    }

    @Test
    void parenthesesUpToTheLimitParse() {
        assertThatCode(() -> KdaSqlParser.parse(pump(select("(".repeat(N) + "x" + ")".repeat(N)))))
                .doesNotThrowAnyException();
    }

    @Test
    void oneParenthesisMoreIsAnErrorAtIt() {
        KdaSqlSyntaxException error =
                error(pump(select("(".repeat(N + 1) + "x" + ")".repeat(N + 1))));
        // "CREATE PUMP p AS INSERT INTO o " is 31 characters, the expression starts at 46
        assertThat(error.getMessage())
                .isEqualTo("app.sql:1:" + (46 + N) + ": expression nested deeper than " + N);
        assertThat(error.offendingText()).isEqualTo("(");
    }

    @Test
    void unbalancedParenthesesAreCountedBeforeParsing() {
        // 750 open parentheses and nothing else: the limit, not ANTLR's prediction, ends it
        assertThat(error("(".repeat(750)).position().column()).isEqualTo(N + 1);
    }

    @Test
    void aLongSumCountsOneLevelPerOperator() {
        assertThatCode(() -> KdaSqlParser.parse(pump(select("x" + " + x".repeat(N)))))
                .doesNotThrowAnyException();
        KdaSqlSyntaxException error = error(pump(select("x" + " + x".repeat(2_000))));
        assertThat(error.offendingText()).isEqualTo("+");
    }

    @Test
    void operatorsAndParenthesesAddUp() {
        int half = N / 2;
        String chain = "x" + " * x".repeat(half);
        assertThatCode(
                        () ->
                                KdaSqlParser.parse(
                                        pump(select("(".repeat(half) + chain + ")".repeat(half)))))
                .doesNotThrowAnyException();
        error(pump(select("(".repeat(half + 1) + chain + ")".repeat(half + 1))));
    }

    @Test
    void longChainsOfEveryKindAreTooDeep() {
        int many = 2 * N;
        error(pump(select("a" + " AND b".repeat(many))));
        error(pump(select("a" + " OR b".repeat(many))));
        error(pump(select("a" + " || b".repeat(many))));
        error(pump(select("- ".repeat(many) + "x")));
        error(pump(select("NOT ".repeat(many) + "p")));
        error(pump(select("CASE WHEN p THEN ".repeat(many) + "x" + " END".repeat(many))));
        error(pump(select("f(".repeat(many) + "x" + ")".repeat(many))));
        error(pump("SELECT STREAM * FROM s" + " UNION ALL SELECT STREAM * FROM s".repeat(many)));
        error(pump("SELECT STREAM * FROM s" + " JOIN t ON TRUE".repeat(many)));
        error(pump("SELECT STREAM * FROM s" + " CROSS JOIN t".repeat(many)));
        error(
                pump(
                        "SELECT STREAM * FROM "
                                + "(SELECT STREAM * FROM ".repeat(many)
                                + "s"
                                + ")".repeat(many)));
    }

    @Test
    void thousandsOfPrefixOperatorsAreCountedBeforeParsing() {
        // ANTLR's parser recurses once per prefix operator: thousands overflowed its stack
        assertThat(error(pump(select("NOT ".repeat(5_000) + "p"))).offendingText())
                .isEqualTo("NOT");
        assertThat(error(pump(select("- ".repeat(5_000) + "x"))).offendingText()).isEqualTo("-");
        assertThat(error(pump(select("- (".repeat(3_000) + "x" + ")".repeat(3_000))))).isNotNull();
    }

    @Test
    void signsAndNotsThatAreNotPrefixOperatorsDoNotCount() {
        // at the limit inside N parentheses: not operators (IS NOT, an interval's sign) ...
        for (String deepest : new String[] {"x IS NOT NULL", "INTERVAL - '1' HOUR"}) {
            assertThatCode(() -> KdaSqlParser.parse(pump(select(nested(N, deepest)))))
                    .as(deepest)
                    .doesNotThrowAnyException();
        }
        // ... or binary ones, one level each, inside N - 1
        for (String deepest :
                new String[] {"x - 1", "INTERVAL '1' SECOND - x", "x NOT LIKE 'a' AND y"}) {
            assertThatCode(() -> KdaSqlParser.parse(pump(select(nested(N - 1, deepest)))))
                    .as(deepest)
                    .doesNotThrowAnyException();
        }
    }

    private static String nested(int depth, String expression) {
        return "(".repeat(depth) + expression + ")".repeat(depth);
    }

    @Test
    void standaloneExpressionsAreCheckedToo() {
        assertThat(
                        catchThrowableOfType(
                                KdaSqlSyntaxException.class,
                                () -> KdaSqlParser.parseExpression("x" + " + x".repeat(2_000))))
                .hasMessageEndingWith("expression nested deeper than " + N);
    }
}
