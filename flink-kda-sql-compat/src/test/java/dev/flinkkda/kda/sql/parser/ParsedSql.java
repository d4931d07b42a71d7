package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.Identifier;
import dev.flinkkda.kda.sql.ast.IntervalLiteral;
import dev.flinkkda.kda.sql.ast.NumericLiteral;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.StringLiteral;
import dev.flinkkda.kda.sql.ast.TimeUnit;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing shortcuts and assertions on AST values shared by the parser tests. */
final class ParsedSql {

    private ParsedSql() {}

    /** The single pump of {@code sql}. */
    static CreatePump pump(String sql) {
        List<CreatePump> pumps = KdaSqlParser.parse(sql).pumps();
        assertThat(pumps).hasSize(1);
        return pumps.get(0);
    }

    /** {@code sql} parsed as one query, which must be a SELECT. */
    static Select select(String sql) {
        return (Select) KdaSqlParser.parseQuery(sql);
    }

    /** The expression of the only select item of {@code SELECT STREAM <expression> FROM s}. */
    static Expression selected(String expression) {
        Select select = select("SELECT STREAM " + expression + " FROM s");
        assertThat(select.selectItems()).hasSize(1);
        return ((SelectExpression) select.selectItems().get(0)).expression();
    }

    /** The normalised names of identifiers. */
    static List<String> names(List<Identifier> identifiers) {
        return identifiers.stream().map(Identifier::name).toList();
    }

    /** The normalised names of the parts of a column reference, e.g. [S, ROWTIME]. */
    static List<String> columnPath(Expression expression) {
        assertThat(expression).isInstanceOf(ColumnReference.class);
        return names(((ColumnReference) expression).parts());
    }

    /** Asserts that {@code expression} is the column reference {@code parts}. */
    static void assertColumn(Expression expression, String... parts) {
        assertThat(columnPath(expression)).containsExactly(parts);
    }

    /** Asserts that {@code expression} is the interval {@code 'value' unit}. */
    static void assertInterval(Expression expression, String value, TimeUnit unit) {
        assertThat(expression).isInstanceOf(IntervalLiteral.class);
        IntervalLiteral interval = (IntervalLiteral) expression;
        assertThat(interval.value()).isEqualTo(value);
        assertThat(interval.negative()).isFalse();
        assertThat(interval.qualifier().start()).isEqualTo(unit);
        assertThat(interval.qualifier().end()).isEmpty();
    }

    /** Asserts that {@code expression} is the integer literal {@code value}. */
    static void assertInteger(Expression expression, long value) {
        assertThat(expression).isInstanceOf(NumericLiteral.class);
        NumericLiteral number = (NumericLiteral) expression;
        assertThat(number.kind()).isEqualTo(NumericLiteral.Kind.INTEGER);
        assertThat(number.value().longValueExact()).isEqualTo(value);
    }

    /** Asserts that {@code expression} is the string literal {@code value}. */
    static void assertString(Expression expression, String value) {
        assertThat(expression).isEqualTo(new StringLiteral(expression.position(), value));
    }

    /** The name of an optional identifier, or null. */
    static String name(Optional<Identifier> identifier) {
        return identifier.map(Identifier::name).orElse(null);
    }
}
