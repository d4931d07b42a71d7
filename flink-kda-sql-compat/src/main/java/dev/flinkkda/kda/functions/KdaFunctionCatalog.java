package dev.flinkkda.kda.functions;

import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import org.apache.flink.table.api.TableEnvironment;

/**
 * Registers the {@code KDA_*} functions the translator's Flink SQL calls: those the {@link
 * KdaFunctionTable function table} names.
 */
public final class KdaFunctionCatalog {

    private KdaFunctionCatalog() {}

    public static void register(TableEnvironment tableEnvironment) {
        for (KdaFunction.Implementation function : KdaFunctionTable.implementations()) {
            tableEnvironment.createTemporarySystemFunction(
                    function.flinkName(), function.function());
        }
    }
}
