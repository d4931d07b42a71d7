package dev.flinkkda.kda.module;

import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import org.apache.flink.table.functions.UserDefinedFunction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions of the {@code kda} module, derived from the translator's {@link KdaFunctionTable}:
 * each entry's {@link KdaFunction#sqlClientFunction() SQL-client function} under its KDA name and
 * as {@code KDA_<name>} (callable when Flink's core module has the KDA name first), then the {@link
 * KdaFunctionTable#implementations() implementations} the translator's SQL calls, so that a
 * translated script needs only {@code LOAD MODULE kda}. One class per name.
 */
public final class KdaModuleFunctions {

    /** The prefix that keeps KDA's function callable where Flink's has the same name. */
    public static final String PREFIX = "KDA_";

    private KdaModuleFunctions() {}

    /** Upper-case name → function class, in the table's order. */
    public static Map<String, Class<? extends UserDefinedFunction>> all() {
        Map<String, Class<? extends UserDefinedFunction>> functions = new LinkedHashMap<>();
        for (KdaFunction entry : KdaFunctionTable.entries()) {
            entry.sqlClientFunction()
                    .ifPresent(
                            f -> {
                                add(functions, f.flinkName(), f.function());
                                if (!f.flinkName().startsWith(PREFIX)) {
                                    add(functions, PREFIX + f.flinkName(), f.function());
                                }
                            });
        }
        for (KdaFunction.Implementation f : KdaFunctionTable.implementations()) {
            add(functions, f.flinkName(), f.function());
        }
        return Collections.unmodifiableMap(functions);
    }

    private static void add(
            Map<String, Class<? extends UserDefinedFunction>> functions,
            String name,
            Class<? extends UserDefinedFunction> function) {
        Class<? extends UserDefinedFunction> previous = functions.putIfAbsent(name, function);
        if (previous != null && previous != function) {
            throw new IllegalStateException(
                    name + " would be both " + previous.getName() + " and " + function.getName());
        }
    }
}
