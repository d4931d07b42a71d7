package dev.flinkkda.kda.sql.types;

import dev.flinkkda.kda.runtime.PlanCheck;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.emit.FlinkSqlScript;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.types.DataType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One type map: for every KDA column type, the input stream's column (the schema of {@code
 * --schema}), the pump's {@code CAST} into a stream column of that type, the plan's column and the
 * type Flink gives the translated stream are the same type.
 */
class KdaTypesAgreementTest {

    /** KDA's types, with and without their optional parameters, and the Flink type each is. */
    private static final Map<String, DataType> TYPES =
            new java.util.LinkedHashMap<>(
                    Map.ofEntries(
                            Map.entry("VARCHAR(4)", DataTypes.VARCHAR(4)),
                            Map.entry("VARCHAR", DataTypes.STRING()),
                            Map.entry("CHAR(3)", DataTypes.CHAR(3)),
                            Map.entry("CHAR", DataTypes.CHAR(1)),
                            Map.entry("DECIMAL", DataTypes.DECIMAL(19, 0)),
                            Map.entry("DECIMAL(10, 2)", DataTypes.DECIMAL(10, 2)),
                            Map.entry("NUMERIC(5)", DataTypes.DECIMAL(5, 0)),
                            Map.entry("TIMESTAMP", DataTypes.TIMESTAMP(3)),
                            Map.entry("TIME", DataTypes.TIME(0)),
                            Map.entry("DATE", DataTypes.DATE()),
                            Map.entry("FLOAT", DataTypes.DOUBLE()),
                            Map.entry("REAL", DataTypes.FLOAT()),
                            Map.entry("DOUBLE", DataTypes.DOUBLE()),
                            Map.entry("TINYINT", DataTypes.TINYINT()),
                            Map.entry("SMALLINT", DataTypes.SMALLINT()),
                            Map.entry("INTEGER", DataTypes.INT()),
                            Map.entry("BIGINT", DataTypes.BIGINT()),
                            Map.entry("BOOLEAN", DataTypes.BOOLEAN()),
                            Map.entry("VARBINARY(8)", DataTypes.VARBINARY(8)),
                            Map.entry("BINARY(2)", DataTypes.BINARY(2))));

    private static ApplicationPlan plan;
    private static StreamTableEnvironment flink;
    private static List<String> columns = new ArrayList<>();

    /** One application with a column of each type, passed from the input through a pump. */
    @BeforeAll
    static void translate() {
        List<String> declarations = new ArrayList<>();
        int i = 0;
        for (String type : TYPES.keySet()) {
            String column = "C" + i++;
            columns.add(column);
            declarations.add(column + " " + type);
        }
        String columnList = String.join(", ", declarations);
        String sql =
                "CREATE STREAM out_stream ("
                        + columnList
                        + ");\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM "
                        + String.join(", ", columns)
                        + " FROM SOURCE_SQL_STREAM_001;\n";
        plan =
                KdaTranslator.translate(
                        sql,
                        "app.sql",
                        Map.of("SOURCE_SQL_STREAM_001", KdaSchema.parse(columnList)),
                        Map.of());
        flink = PlanCheck.views(plan);
    }

    @Test
    void inputColumnCastPlanAndFlinkAgree() {
        KdaSchema input = KdaSchema.parse(String.join(", ", declarations()));
        PlanStep out =
                plan.steps().stream().filter(s -> s.name().equals("OUT_STREAM")).findFirst().get();
        String script = FlinkSqlScript.render(plan);
        List<DataType> flinkTypes =
                flink.from(FlinkSqlEmitter.name("OUT_STREAM"))
                        .getResolvedSchema()
                        .getColumnDataTypes();
        int i = 0;
        for (Map.Entry<String, DataType> type : TYPES.entrySet()) {
            DataType expected = type.getValue();
            String what = "KDA type " + type.getKey();
            assertThat(input.columns().get(i).dataType())
                    .as(what + ": input column")
                    .isEqualTo(expected);
            PlanColumn planned = out.columns().get(i);
            assertThat(planned.type()).as(what + ": plan column").isEqualTo(expected);
            assertThat(script)
                    .as(what + ": the pump's CAST")
                    .contains(
                            "CAST(`SOURCE_SQL_STREAM_001`.`"
                                    + columns.get(i)
                                    + "` AS "
                                    + FlinkSqlEmitter.type(expected)
                                    + ") AS `"
                                    + columns.get(i)
                                    + "`");
            assertThat(flinkTypes.get(i)).as(what + ": Flink's column").isEqualTo(expected);
            i++;
        }
    }

    private static List<String> declarations() {
        List<String> declarations = new ArrayList<>();
        int i = 0;
        for (String type : TYPES.keySet()) {
            declarations.add(columns.get(i++) + " " + type);
        }
        return declarations;
    }
}
