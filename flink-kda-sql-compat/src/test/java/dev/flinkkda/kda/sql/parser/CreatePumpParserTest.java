package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.StreamReference;

import org.junit.jupiter.api.Test;

import static dev.flinkkda.kda.sql.parser.ParsedSql.names;
import static dev.flinkkda.kda.sql.parser.ParsedSql.pump;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code CREATE [OR REPLACE] PUMP ... AS INSERT INTO stream [(columns)] SELECT STREAM ...}. */
class CreatePumpParserTest {

    @Test
    void pumpInsertsTheQueryIntoItsTargetStream() {
        CreatePump pump =
                pump(
                        "CREATE OR REPLACE PUMP \"STREAM_PUMP\" AS\n"
                                + "  INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                                + "    SELECT STREAM ticker FROM \"SOURCE_SQL_STREAM_001\";");

        assertThat(pump.orReplace()).isTrue();
        assertThat(pump.position()).isEqualTo(new SourcePosition(1, 1));
        assertThat(pump.name().name()).isEqualTo("STREAM_PUMP");
        assertThat(pump.description()).isEmpty();
        assertThat(pump.targetStream().name()).isEqualTo("DESTINATION_SQL_STREAM");
        assertThat(pump.targetStream().position()).isEqualTo(new SourcePosition(2, 15));
        assertThat(pump.targetColumns()).isEmpty();

        Select select = (Select) pump.query();
        assertThat(select.stream()).isTrue();
        assertThat(select.position()).isEqualTo(new SourcePosition(3, 5));
        assertThat(((StreamReference) select.from()).name().name())
                .isEqualTo("SOURCE_SQL_STREAM_001");
    }

    @Test
    void insertColumnListAndDescription() {
        CreatePump pump =
                pump(
                        "CREATE PUMP p DESCRIPTION 'counts per ticker' AS INSERT INTO out_stream"
                                + " (\"ticker\", cnt) SELECT STREAM t, c FROM s");

        assertThat(pump.orReplace()).isFalse();
        assertThat(pump.name().name()).isEqualTo("P");
        assertThat(pump.description()).contains("counts per ticker");
        assertThat(pump.targetStream().name()).isEqualTo("OUT_STREAM");
        assertThat(names(pump.targetColumns())).containsExactly("ticker", "CNT");
        assertThat(pump.targetColumns().get(0).quoted()).isTrue();
    }

    @Test
    void queryMayBeParenthesised() {
        CreatePump pump = pump("CREATE PUMP p AS INSERT INTO o (SELECT STREAM * FROM s)");

        assertThat(pump.targetColumns()).isEmpty();
        assertThat(((StreamReference) ((Select) pump.query()).from()).name().name()).isEqualTo("S");
    }
}
