package dev.flinkkda.kda.runtime;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Settings of a translated application's run that are not in its SQL, as Flink configuration
 * options of the table environment ({@code flink-kda run} sets them from its arguments; in the SQL
 * client they are {@code SET} statements).
 */
public final class KdaRuntimeOptions {

    /**
     * The seed of RANDOM_CUT_FOREST's forests. KDA's forests are random and so are these by
     * default; with a seed, the same rows in the same order give the same scores on every run.
     */
    public static final ConfigOption<Long> RANDOM_CUT_FOREST_SEED =
            ConfigOptions.key("flink-kda.random-cut-forest.seed")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Seeds the forests of RANDOM_CUT_FOREST and"
                                    + " RANDOM_CUT_FOREST_WITH_EXPLANATION, so that runs over the"
                                    + " same rows give the same scores. Unset: random, as in KDA.");

    private KdaRuntimeOptions() {}
}
