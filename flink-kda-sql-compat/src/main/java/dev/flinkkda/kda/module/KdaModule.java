package dev.flinkkda.kda.module;

import dev.flinkkda.kda.functions.SessionTimeZoneAware;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.functions.UserDefinedFunctionHelper;
import org.apache.flink.table.module.Module;

import java.time.ZoneId;
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
    private final ReadableConfig session;

    private KdaModule(
            Map<String, Class<? extends UserDefinedFunction>> functions, ReadableConfig session) {
        this.functions = functions;
        this.session = session;
    }

    /**
     * The module with every function of {@link KdaModuleFunctions#all()}.
     *
     * @param session the table environment's configuration, read when a query is planned for the
     *     session time zone of the functions that stand in for Flink's ({@link
     *     SessionTimeZoneAware})
     */
    public static KdaModule create(ReadableConfig session) {
        return new KdaModule(KdaModuleFunctions.all(), session);
    }

    @Override
    public Set<String> listFunctions() {
        return functions.keySet();
    }

    @Override
    public Optional<FunctionDefinition> getFunctionDefinition(String name) {
        Class<? extends UserDefinedFunction> function =
                functions.get(name.toUpperCase(Locale.ROOT));
        if (function == null) {
            return Optional.empty();
        }
        UserDefinedFunction instance = UserDefinedFunctionHelper.instantiateFunction(function);
        if (instance instanceof SessionTimeZoneAware zoned) {
            return Optional.of(zoned.inTimeZone(sessionTimeZone()));
        }
        return Optional.of(instance);
    }

    private ZoneId sessionTimeZone() {
        String zone = session.get(TableConfigOptions.LOCAL_TIME_ZONE);
        return TableConfigOptions.LOCAL_TIME_ZONE.defaultValue().equals(zone)
                ? ZoneId.systemDefault()
                : ZoneId.of(zone);
    }
}
