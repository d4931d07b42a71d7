package dev.flinkkda.kda.module;

import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.functions.UserDefinedFunctionHelper;
import org.apache.flink.table.module.Module;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kda} module: KDA's functions in plain Flink SQL after {@code LOAD MODULE kda}, each
 * under KDA's name and as {@code KDA_<name>}, with KDA's argument orders and units. The functions
 * are those of {@link KdaModuleFunctions}, the classes the translator's SQL calls.
 */
public final class KdaModule implements Module {

    private final Map<String, Class<? extends UserDefinedFunction>> functions;

    private KdaModule(Map<String, Class<? extends UserDefinedFunction>> functions) {
        this.functions = functions;
    }

    /** The module with every function of {@link KdaModuleFunctions#all()}. */
    public static KdaModule create() {
        return new KdaModule(KdaModuleFunctions.all());
    }

    @Override
    public Set<String> listFunctions() {
        return functions.keySet();
    }

    @Override
    public Optional<FunctionDefinition> getFunctionDefinition(String name) {
        Class<? extends UserDefinedFunction> function =
                functions.get(name.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(function).map(UserDefinedFunctionHelper::instantiateFunction);
    }
}
