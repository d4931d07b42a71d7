package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Flink's planner rejects when the job is built or validated is an error at the pump whose
 * rows the rejected step makes, not Flink's exception.
 */
class TranslationRejectedTest {

    @Test
    void aStepFlinkRejectsNamesItsPump() {
        ApplicationPlan plan =
                KdaTranslator.translate(
                        "CREATE STREAM \"DESTINATION_SQL_STREAM\" (V DOUBLE);\n"
                                + "CREATE PUMP \"P\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
                                + "SELECT STREAM PRICE AS V FROM \"SOURCE_SQL_STREAM_001\";\n",
                        "app.sql",
                        Map.of("SOURCE_SQL_STREAM_001", KdaSchema.parse("PRICE DOUBLE")),
                        Map.of());
        // a table environment without the input: Flink cannot find the stream the pump reads
        StreamTableEnvironment tables =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        assertThatThrownBy(() -> PlanExecutor.execute(plan, tables, true))
                .isInstanceOf(TranslationRejectedException.class)
                .hasMessageStartingWith(
                        "app.sql:2:1: CREATE PUMP \"P\": Flink's planner rejects its translation: ")
                .hasMessageContaining("SOURCE_SQL_STREAM_001")
                .hasMessageNotContaining("\n");
    }
}
