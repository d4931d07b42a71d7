package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.sql.plan.PlanStep;

import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/** Runs KDA's table functions with flink-kda's operators (flink-kda-analytics). */
final class TableFunctions {

    private TableFunctions() {}

    static Table run(
            PlanStep.TableFunction step,
            StreamTableEnvironment tableEnvironment,
            boolean eventTime) {
        throw new UnsupportedOperationException(step.call().name() + " is not wired yet");
    }
}
