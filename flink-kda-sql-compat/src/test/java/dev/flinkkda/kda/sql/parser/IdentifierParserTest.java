package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.Identifier;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Step;
import dev.flinkkda.kda.sql.ast.StreamReference;

import org.junit.jupiter.api.Test;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.names;
import static dev.flinkkda.kda.sql.parser.ParsedSql.select;
import static dev.flinkkda.kda.sql.parser.ParsedSql.selected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** KDA's identifier rules: unquoted names fold to upper case, quoted names are kept as written. */
class IdentifierParserTest {

    private static Identifier identifier(String written) {
        return ((ColumnReference) selected(written)).name();
    }

    @Test
    void unquotedIdentifiersFoldToUpperCase() {
        Identifier identifier = identifier("ticker_Count");

        assertThat(identifier.name()).isEqualTo("TICKER_COUNT");
        assertThat(identifier.text()).isEqualTo("ticker_Count");
        assertThat(identifier.quoted()).isFalse();
        assertThat(identifier.position()).isEqualTo(new SourcePosition(1, 15));
        assertThat(identifier("café").name()).isEqualTo("CAFÉ");
        assertThat(identifier("_a1$b").name()).isEqualTo("_A1$B");
    }

    @Test
    void quotedIdentifiersKeepTheirCase() {
        Identifier identifier = identifier("\"Ticker_Count\"");

        assertThat(identifier.name()).isEqualTo("Ticker_Count");
        assertThat(identifier.text()).isEqualTo("\"Ticker_Count\"");
        assertThat(identifier.quoted()).isTrue();
        // Quoted and unquoted spellings name the same thing only when the quoted one is upper case.
        assertThat(identifier("\"TICKER\"").name()).isEqualTo(identifier("ticker").name());
        assertThat(identifier("\"ticker\"").name()).isNotEqualTo(identifier("ticker").name());
    }

    @Test
    void quotedIdentifiersHoldAnyCharacterAndDoubledQuotes() {
        assertThat(identifier("\"my column\"").name()).isEqualTo("my column");
        assertThat(identifier("\"a\"\"b\"").name()).isEqualTo("a\"b");
        assertThat(identifier("\"SELECT\"").name()).isEqualTo("SELECT");
    }

    @Test
    void quotedIdentifiersHoldControlAndNonBmpCharactersButNoLineBreak() {
        assertThat(identifier("\"a\tb\u0000c\u2028d\uD83D\uDE00\"").name())
                .isEqualTo("a\tb\u0000c\u2028d\uD83D\uDE00");
        for (String lineBreak : new String[] {"\n", "\r"}) {
            KdaSqlSyntaxException error =
                    catchThrowableOfType(
                            KdaSqlSyntaxException.class,
                            () -> selected("x, \"a" + lineBreak + "b\""));
            assertThat(error)
                    .hasMessage(
                            "<input>:1:18: unsupported: a line break in a quoted identifier"
                                    + " (Flink's names cannot hold one)");
        }
    }

    @Test
    void aNameOfSpacesOnlyIsRejected() {
        assertThat(catchThrowableOfType(KdaSqlSyntaxException.class, () -> selected("\" \t\"")))
                .hasMessage(
                        "<input>:1:15: unsupported: a name of spaces only (Flink's names need"
                                + " another character)");
    }

    @Test
    void namesHaveAtMost128Characters() {
        String longest = "\uD83D\uDE00".repeat(KdaSqlParser.MAX_NAME_LENGTH); // characters
        assertThat(identifier("\"" + longest + "\"").name()).isEqualTo(longest);
        assertThat(identifier("n".repeat(128)).name()).hasSize(128);
        assertThat(
                        catchThrowableOfType(
                                KdaSqlSyntaxException.class, () -> selected("n".repeat(129))))
                .hasMessage(
                        "<input>:1:15: syntax error at '"
                                + "n".repeat(40)
                                + "...': a name has at most 128 characters, this one 129");
    }

    @Test
    void qualifiedNamesAndRowtime() {
        ColumnReference rowtime = (ColumnReference) selected("\"SOURCE_SQL_STREAM_001\".ROWTIME");

        assertThat(names(rowtime.parts())).containsExactly("SOURCE_SQL_STREAM_001", "ROWTIME");
        assertThat(rowtime.qualifier().get(0).quoted()).isTrue();
        assertThat(rowtime.name().quoted()).isFalse();
        assertThat(rowtime.name().position()).isEqualTo(new SourcePosition(1, 39));

        // ROWTIME is an ordinary column name: selectable, groupable, usable in STEP.
        Select select =
                select("SELECT STREAM rowtime, x FROM s GROUP BY ROWTIME, STEP(rowtime BY 5)");
        assertColumn(((SelectExpression) select.selectItems().get(0)).expression(), "ROWTIME");
        assertColumn(select.groupBy().get(0), "ROWTIME");
        assertColumn(((Step) select.groupBy().get(1)).operand(), "ROWTIME");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        Select select = select("select stream Ticker from s wHeRe price > 1 group by Ticker");

        assertThat(select.stream()).isTrue();
        assertColumn(((SelectExpression) select.selectItems().get(0)).expression(), "TICKER");
        assertThat(select.where()).isPresent();
        assertThat(select.groupBy()).hasSize(1);
        CreateStream stream =
                (CreateStream)
                        KdaSqlParser.parse("Create Or Replace Stream s (a Integer)")
                                .statements()
                                .get(0);
        assertThat(stream.orReplace()).isTrue();
    }

    @Test
    void nonReservedKeywordsCanNameStreamsAndColumns() {
        Select select =
                select(
                        "SELECT STREAM step, description, position, first, last, varchar, stagger"
                                + " FROM pump");

        assertThat(
                        select.selectItems().stream()
                                .map(item -> ((SelectExpression) item).expression())
                                .map(expression -> ((ColumnReference) expression).name().name())
                                .toList())
                .containsExactly(
                        "STEP", "DESCRIPTION", "POSITION", "FIRST", "LAST", "VARCHAR", "STAGGER");
        assertThat(((StreamReference) select.from()).name().name()).isEqualTo("PUMP");
    }

    @Test
    void reservedWordsCanBeUsedWhenQuoted() {
        Select select = select("SELECT STREAM \"FROM\", \"stream\" FROM \"TABLE\"");

        assertColumn(((SelectExpression) select.selectItems().get(0)).expression(), "FROM");
        assertColumn(((SelectExpression) select.selectItems().get(1)).expression(), "stream");
        assertThat(((StreamReference) select.from()).name().name()).isEqualTo("TABLE");
    }
}
