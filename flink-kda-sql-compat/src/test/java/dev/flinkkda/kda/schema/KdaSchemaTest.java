package dev.flinkkda.kda.schema;

import org.apache.flink.table.api.DataTypes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schema texts: names, KDA types mapped to Flink's, and errors with their positions. */
class KdaSchemaTest {

    @Test
    void parsesAColumnList() {
        KdaSchema schema =
                KdaSchema.parse("TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE");
        assertThat(schema.columns())
                .containsExactly(
                        new KdaColumn("TICKER_SYMBOL", "VARCHAR(4)", DataTypes.VARCHAR(4)),
                        new KdaColumn("EVENT_TIME", "TIMESTAMP", DataTypes.TIMESTAMP(3)),
                        new KdaColumn("PRICE", "DOUBLE", DataTypes.DOUBLE()));
        assertThat(schema.rowDataType())
                .isEqualTo(
                        DataTypes.ROW(
                                DataTypes.FIELD("TICKER_SYMBOL", DataTypes.VARCHAR(4)),
                                DataTypes.FIELD("EVENT_TIME", DataTypes.TIMESTAMP(3)),
                                DataTypes.FIELD("PRICE", DataTypes.DOUBLE())));
    }

    @Test
    void unquotedNamesFoldToUpperCaseQuotedNamesKeepTheirs() {
        KdaSchema schema = KdaSchema.parse("ticker varchar(4), \"Price\" double, \"a\"\"b\" int");
        assertThat(schema.columnNames()).containsExactly("TICKER", "Price", "a\"b");
        assertThat(schema.toString())
                .isEqualTo("TICKER VARCHAR(4), \"Price\" DOUBLE, \"a\"\"b\" INTEGER");
        assertThat(KdaSchema.parse(schema.toString())).isEqualTo(schema);
    }

    @Test
    void mapsEveryKdaTypeToFlink() {
        KdaSchema schema =
                KdaSchema.parse(
                        "A VARCHAR(10), B CHAR(3), C CHARACTER VARYING(5), D VARCHAR, E CHAR,"
                                + " F TINYINT, G SMALLINT, H INTEGER, I INT, J BIGINT,"
                                + " K DOUBLE, L DOUBLE PRECISION, M FLOAT, N REAL,"
                                + " O DECIMAL(10,2), P NUMERIC, Q BOOLEAN, R DATE, S TIME,"
                                + " T TIMESTAMP, U TIMESTAMP(6), V BINARY(4), W VARBINARY(8),"
                                + " X VARBINARY, Y TIME(3), Z DEC(5)");
        assertThat(schema.columns().stream().map(c -> c.kdaType() + " " + c.dataType()))
                .containsExactly(
                        "VARCHAR(10) VARCHAR(10)",
                        "CHAR(3) CHAR(3)",
                        "VARCHAR(5) VARCHAR(5)",
                        "VARCHAR STRING",
                        "CHAR CHAR(1)",
                        "TINYINT TINYINT",
                        "SMALLINT SMALLINT",
                        "INTEGER INT",
                        "INTEGER INT",
                        "BIGINT BIGINT",
                        "DOUBLE DOUBLE",
                        "DOUBLE DOUBLE",
                        "FLOAT DOUBLE",
                        "REAL FLOAT",
                        "DECIMAL(10,2) DECIMAL(10, 2)",
                        "DECIMAL DECIMAL(19, 0)",
                        "BOOLEAN BOOLEAN",
                        "DATE DATE",
                        "TIME TIME(0)",
                        "TIMESTAMP TIMESTAMP(3)",
                        "TIMESTAMP(6) TIMESTAMP(6)",
                        "BINARY(4) BINARY(4)",
                        "VARBINARY(8) VARBINARY(8)",
                        "VARBINARY BYTES",
                        "TIME(3) TIME(3)",
                        "DECIMAL(5) DECIMAL(5, 0)");
    }

    @Test
    void notNullColumns() {
        KdaColumn column = KdaSchema.parse("ID BIGINT NOT NULL").columns().get(0);
        assertThat(column.notNull()).isTrue();
        assertThat(column.dataType()).isEqualTo(DataTypes.BIGINT().notNull());
        assertThat(column).hasToString("ID BIGINT NOT NULL");
    }

    @Test
    void syntaxErrorsNameTheColumnOfTheSchemaText() {
        assertThatThrownBy(() -> KdaSchema.parse("TICKER_SYMBOL VARCHAR(4), PRICE DOUBL"))
                .isInstanceOf(KdaSchemaException.class)
                .hasMessageStartingWith("column 33: syntax error at 'DOUBL'");
        assertThatThrownBy(() -> KdaSchema.parse("TICKER_SYMBOL VARCHAR(4) PRICE DOUBLE"))
                .hasMessageStartingWith("column 26: syntax error at 'PRICE'");
    }

    @Test
    void aTextThatEndsEarlySaysSo() {
        assertThatThrownBy(() -> KdaSchema.parse("TICKER_SYMBOL VARCHAR(4),"))
                .hasMessage("column 26: the schema ends too early: expected identifier");
        assertThatThrownBy(() -> KdaSchema.parse("TICKER_SYMBOL"))
                .hasMessageStartingWith("column 14: the schema ends too early: expected ");
    }

    @Test
    void semanticErrors() {
        assertThatThrownBy(() -> KdaSchema.parse("A INT, B INT, a DOUBLE"))
                .hasMessage("column 15: column A is declared twice");
        assertThatThrownBy(() -> KdaSchema.parse("A INT, ROWTIME TIMESTAMP"))
                .hasMessage(
                        "column 8: ROWTIME is the implicit time column of every stream and cannot"
                                + " be declared; to take it from the records' ROWTIME field, use"
                                + " --rowtime field:ROWTIME");
        assertThatThrownBy(() -> KdaSchema.parse("A INTERVAL DAY TO SECOND"))
                .hasMessage(
                        "column 1: column A: INTERVAL DAY TO SECOND cannot be the type of a stream"
                                + " column (nor can it in KDA)");
        assertThatThrownBy(() -> KdaSchema.parse("A VARCHAR(0)"))
                .hasMessage("column 1: column A: VARCHAR(0): the length must be at least 1");
        assertThatThrownBy(() -> KdaSchema.parse("A DECIMAL(40,2)"))
                .hasMessage(
                        "column 1: column A: DECIMAL(40,2): the precision must be between 1 and"
                                + " 38");
        assertThatThrownBy(() -> KdaSchema.parse("  "))
                .hasMessage(
                        "the schema is empty: expected columns like TICKER_SYMBOL VARCHAR(4),"
                                + " PRICE DOUBLE");
        assertThatThrownBy(() -> KdaSchema.parse("A INT); CREATE STREAM X (B INT"))
                .hasMessage(
                        "unbalanced parentheses: expected only columns like TICKER_SYMBOL"
                                + " VARCHAR(4), PRICE DOUBLE");
    }

    @Test
    void aFileMayHaveManyLinesAndComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trades.schema");
        Files.writeString(
                file,
                "-- the ticker stream of the AWS examples\n"
                        + "TICKER_SYMBOL VARCHAR(4),  /* e.g. AMZN */\n"
                        + "PRICE         DOUBLE\n");
        assertThat(KdaSchema.fromFile(file).columnNames())
                .containsExactly("TICKER_SYMBOL", "PRICE");

        Files.writeString(file, "TICKER_SYMBOL VARCHAR(4),\n  PRICE DOUBL,\n  CHANGE DOUBLE\n");
        assertThatThrownBy(() -> KdaSchema.fromFile(file))
                .hasMessageStartingWith(file + ":2:9: syntax error at 'DOUBL'");
        assertThatThrownBy(() -> KdaSchema.parse("TICKER_SYMBOL VARCHAR(4),\n  PRICE DOUBL"))
                .hasMessageStartingWith("line 2, column 9: syntax error at 'DOUBL'");
    }
}
