package dev.flinkkda.kda.module;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.ModuleFactory;
import org.apache.flink.table.module.Module;

import java.util.Set;

/**
 * Creates the {@link KdaModule} for {@code LOAD MODULE kda} (found through Java's service loader as
 * a {@code org.apache.flink.table.factories.Factory}); it takes no options.
 */
public final class KdaModuleFactory implements ModuleFactory {

    /** The module's name in {@code LOAD MODULE}. */
    public static final String IDENTIFIER = "kda";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public Module createModule(Context context) {
        return KdaModule.create(context.getConfiguration());
    }
}
