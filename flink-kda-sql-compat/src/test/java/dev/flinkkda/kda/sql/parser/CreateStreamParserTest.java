package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.IntervalQualifier;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Statement;
import dev.flinkkda.kda.sql.ast.TimeUnit;
import dev.flinkkda.kda.sql.ast.TypeName;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code CREATE [OR REPLACE] STREAM}: names, columns, KDA's types, DESCRIPTION. */
class CreateStreamParserTest {

    private static CreateStream stream(String sql) {
        List<Statement> statements = KdaSqlParser.parse(sql).statements();
        assertThat(statements).hasSize(1);
        return (CreateStream) statements.get(0);
    }

    private static DataType typeOf(String type) {
        return stream("CREATE STREAM s (c " + type + ")").columns().get(0).type();
    }

    @Test
    void createOrReplaceStreamWithColumns() {
        CreateStream stream =
                stream(
                        "CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\" (\n"
                                + "    ticker_symbol VARCHAR(4),\n"
                                + "    \"Price\"     DOUBLE NOT NULL);");

        assertThat(stream.orReplace()).isTrue();
        assertThat(stream.position()).isEqualTo(new SourcePosition(1, 1));
        assertThat(stream.name().name()).isEqualTo("DESTINATION_SQL_STREAM");
        assertThat(stream.name().quoted()).isTrue();
        assertThat(stream.name().position()).isEqualTo(new SourcePosition(1, 26));
        assertThat(stream.description()).isEmpty();

        ColumnDefinition ticker = stream.columns().get(0);
        assertThat(ticker.name().name()).isEqualTo("TICKER_SYMBOL");
        assertThat(ticker.name().text()).isEqualTo("ticker_symbol");
        assertThat(ticker.type().name()).isEqualTo(TypeName.VARCHAR);
        assertThat(ticker.type().precision()).isEqualTo(OptionalInt.of(4));
        assertThat(ticker.notNull()).isFalse();
        assertThat(ticker.position()).isEqualTo(new SourcePosition(2, 5));

        ColumnDefinition price = stream.columns().get(1);
        assertThat(price.name().name()).isEqualTo("Price");
        assertThat(price.type()).isEqualTo(DataType.of(new SourcePosition(3, 17), TypeName.DOUBLE));
        assertThat(price.notNull()).isTrue();
        assertThat(stream.columns()).hasSize(2);
    }

    @Test
    void createStreamWithoutOrReplaceAndWithDescription() {
        CreateStream stream =
                stream("create stream orders (id INT NULL) description 'Orders, it''s all';");

        assertThat(stream.orReplace()).isFalse();
        assertThat(stream.name().name()).isEqualTo("ORDERS");
        assertThat(stream.description()).contains("Orders, it's all");
        assertThat(stream.columns().get(0).notNull()).isFalse();
        assertThat(stream.columns().get(0).type().name()).isEqualTo(TypeName.INTEGER);
    }

    @Test
    void characterAndBinaryTypesKeepTheirLength() {
        assertThat(typeOf("VARCHAR(65535)").precision()).isEqualTo(OptionalInt.of(65535));
        assertThat(typeOf("VARCHAR").precision()).isEmpty();
        assertThat(typeOf("CHAR(3)").name()).isEqualTo(TypeName.CHAR);
        assertThat(typeOf("CHAR(3)").precision()).isEqualTo(OptionalInt.of(3));
        assertThat(typeOf("CHARACTER(2)").name()).isEqualTo(TypeName.CHAR);
        assertThat(typeOf("CHARACTER VARYING(8)").name()).isEqualTo(TypeName.VARCHAR);
        assertThat(typeOf("CHAR VARYING(8)").precision()).isEqualTo(OptionalInt.of(8));
        assertThat(typeOf("BINARY(16)").name()).isEqualTo(TypeName.BINARY);
        assertThat(typeOf("BINARY(16)").precision()).isEqualTo(OptionalInt.of(16));
        assertThat(typeOf("VARBINARY(32)").name()).isEqualTo(TypeName.VARBINARY);
        assertThat(typeOf("BINARY VARYING(32)").name()).isEqualTo(TypeName.VARBINARY);
    }

    @Test
    void numericTypesAndTheirSynonyms() {
        assertThat(typeOf("INTEGER").name()).isEqualTo(TypeName.INTEGER);
        assertThat(typeOf("int").name()).isEqualTo(TypeName.INTEGER);
        assertThat(typeOf("BIGINT").name()).isEqualTo(TypeName.BIGINT);
        assertThat(typeOf("SMALLINT").name()).isEqualTo(TypeName.SMALLINT);
        assertThat(typeOf("TINYINT").name()).isEqualTo(TypeName.TINYINT);
        assertThat(typeOf("DOUBLE").name()).isEqualTo(TypeName.DOUBLE);
        assertThat(typeOf("DOUBLE PRECISION").name()).isEqualTo(TypeName.DOUBLE);
        assertThat(typeOf("REAL").name()).isEqualTo(TypeName.REAL);
        assertThat(typeOf("FLOAT").name()).isEqualTo(TypeName.FLOAT);
        assertThat(typeOf("FLOAT(24)").precision()).isEqualTo(OptionalInt.of(24));
        assertThat(typeOf("BOOLEAN").name()).isEqualTo(TypeName.BOOLEAN);

        DataType decimal = typeOf("DECIMAL(10, 2)");
        assertThat(decimal.name()).isEqualTo(TypeName.DECIMAL);
        assertThat(decimal.precision()).isEqualTo(OptionalInt.of(10));
        assertThat(decimal.scale()).isEqualTo(OptionalInt.of(2));
        assertThat(typeOf("NUMERIC(5)").precision()).isEqualTo(OptionalInt.of(5));
        assertThat(typeOf("NUMERIC(5)").scale()).isEmpty();
        assertThat(typeOf("DEC").name()).isEqualTo(TypeName.DECIMAL);
        assertThat(typeOf("DEC").precision()).isEmpty();
    }

    @Test
    void datetimeAndIntervalTypes() {
        assertThat(typeOf("TIMESTAMP").name()).isEqualTo(TypeName.TIMESTAMP);
        assertThat(typeOf("TIMESTAMP(3)").precision()).isEqualTo(OptionalInt.of(3));
        assertThat(typeOf("DATE").name()).isEqualTo(TypeName.DATE);
        assertThat(typeOf("TIME").name()).isEqualTo(TypeName.TIME);

        DataType interval = typeOf("INTERVAL DAY TO SECOND");
        assertThat(interval.name()).isEqualTo(TypeName.INTERVAL);
        assertThat(interval.intervalQualifier())
                .contains(new IntervalQualifier(TimeUnit.DAY, Optional.of(TimeUnit.SECOND)));
        assertThat(typeOf("INTERVAL MINUTE").intervalQualifier())
                .contains(IntervalQualifier.of(TimeUnit.MINUTE));
    }

    @Test
    void typeNamesAreCaseInsensitive() {
        assertThat(typeOf("varchar(4)").name()).isEqualTo(TypeName.VARCHAR);
        assertThat(typeOf("Timestamp").name()).isEqualTo(TypeName.TIMESTAMP);
    }
}
