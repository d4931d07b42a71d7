package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.TypeName;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link KdaSqlParser#parseDataType}: one type, as a column definition writes it. */
class DataTypeParserTest {

    @Test
    void readsOneType() {
        DataType varchar = KdaSqlParser.parseDataType("varchar(16)");
        assertThat(varchar.name()).isEqualTo(TypeName.VARCHAR);
        assertThat(varchar.precision()).isEqualTo(OptionalInt.of(16));
        DataType decimal = KdaSqlParser.parseDataType("NUMERIC(10, 2)");
        assertThat(decimal.name()).isEqualTo(TypeName.DECIMAL);
        assertThat(decimal.scale()).isEqualTo(OptionalInt.of(2));
        assertThat(KdaSqlParser.parseDataType("DOUBLE PRECISION").name())
                .isEqualTo(TypeName.DOUBLE);
        assertThat(KdaSqlParser.parseDataType("INT").name()).isEqualTo(TypeName.INTEGER);
    }

    @Test
    void rejectsWhatIsNotOneType() {
        assertThatThrownBy(() -> KdaSqlParser.parseDataType("INTEGER START 0"))
                .isInstanceOf(KdaSqlSyntaxException.class)
                .hasMessageContaining("START");
        assertThatThrownBy(() -> KdaSqlParser.parseDataType("VARCHAR2(3)"))
                .isInstanceOf(KdaSqlSyntaxException.class);
    }
}
