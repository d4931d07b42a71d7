package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Statement;

import org.junit.jupiter.api.Test;

import static dev.flinkkda.kda.sql.parser.ParsedSql.assertColumn;
import static dev.flinkkda.kda.sql.parser.ParsedSql.names;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole applications: several statements, separators, comments, source names. */
class ScriptParserTest {

    @Test
    void severalStatementsInSourceOrder() {
        KdaScript script =
                KdaSqlParser.parse(
                        "CREATE STREAM a (x INT);\n"
                                + "CREATE STREAM b (y INT);\n"
                                + "CREATE PUMP p1 AS INSERT INTO a SELECT STREAM x FROM src;\n"
                                + "CREATE PUMP p2 AS INSERT INTO b SELECT STREAM x FROM a",
                        "app.sql");

        assertThat(script.sourceName()).isEqualTo("app.sql");
        assertThat(script.statements())
                .extracting(Statement::name)
                .extracting(identifier -> identifier.name())
                .containsExactly("A", "B", "P1", "P2");
        assertThat(names(script.streams().stream().map(CreateStream::name).toList()))
                .containsExactly("A", "B");
        assertThat(names(script.pumps().stream().map(CreatePump::targetStream).toList()))
                .containsExactly("A", "B");
        assertThat(script.statements().get(3).position()).isEqualTo(new SourcePosition(4, 1));
    }

    @Test
    void emptyStatementsAndTheLastSemicolonAreOptional() {
        assertThat(
                        KdaSqlParser.parse(";;CREATE STREAM a (x INT);;;CREATE STREAM b (x INT)")
                                .statements())
                .hasSize(2);
        assertThat(KdaSqlParser.parse("CREATE STREAM a (x INT);").statements()).hasSize(1);
        assertThat(KdaSqlParser.parse("").statements()).isEmpty();
        assertThat(KdaSqlParser.parse("  \n\t ").statements()).isEmpty();
        assertThat(KdaSqlParser.parse(";").statements()).isEmpty();
    }

    @Test
    void lineAndBlockCommentsAreIgnored() {
        KdaScript script =
                KdaSqlParser.parse(
                        "-- the output stream\n"
                                + "CREATE STREAM /* name: */ out_stream (\n"
                                + "    x INT -- the only column\n"
                                + ");\n"
                                + "/* a pump\n"
                                + "   over two lines; with a ; inside */\n"
                                + "CREATE PUMP p AS INSERT INTO out_stream\n"
                                + "SELECT STREAM x/*no space*/FROM s; -- trailing comment");

        assertThat(script.statements()).hasSize(2);
        CreateStream stream = script.streams().get(0);
        assertThat(stream.name().name()).isEqualTo("OUT_STREAM");
        assertThat(stream.position()).isEqualTo(new SourcePosition(2, 1));
        assertThat(stream.columns()).hasSize(1);
        Select select = (Select) script.pumps().get(0).query();
        assertColumn(((SelectExpression) select.selectItems().get(0)).expression(), "X");
        assertThat(select.position()).isEqualTo(new SourcePosition(8, 1));
    }

    @Test
    void commentMarkersInsideLiteralsAreText() {
        KdaScript script =
                KdaSqlParser.parse(
                        "CREATE STREAM \"a--b\" (x INT) DESCRIPTION '/* not a comment */ -- nor this'");

        CreateStream stream = script.streams().get(0);
        assertThat(stream.name().name()).isEqualTo("a--b");
        assertThat(stream.description()).contains("/* not a comment */ -- nor this");
    }

    @Test
    void onlyCommentsIsAnEmptyScript() {
        assertThat(KdaSqlParser.parse("-- nothing yet\n/* still nothing */").statements())
                .isEmpty();
    }

    @Test
    void defaultSourceName() {
        assertThat(KdaSqlParser.parse("").sourceName()).isEqualTo(KdaSqlParser.DEFAULT_SOURCE_NAME);
    }
}
