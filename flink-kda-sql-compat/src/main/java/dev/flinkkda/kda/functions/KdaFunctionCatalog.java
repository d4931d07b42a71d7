package dev.flinkkda.kda.functions;

import org.apache.flink.table.api.TableEnvironment;

/** Registers the {@code KDA_*} functions the translator's Flink SQL calls. */
public final class KdaFunctionCatalog {

    private KdaFunctionCatalog() {}

    public static void register(TableEnvironment tableEnvironment) {
        tableEnvironment.createTemporarySystemFunction("KDA_STEP", KdaStep.class);
        tableEnvironment.createTemporarySystemFunction(
                "KDA_UNIX_TIMESTAMP", KdaUnixTimestamp.class);
        tableEnvironment.createTemporarySystemFunction("KDA_TSDIFF", KdaTsDiff.class);
    }
}
