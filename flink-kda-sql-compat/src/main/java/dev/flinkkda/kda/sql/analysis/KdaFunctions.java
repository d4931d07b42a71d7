package dev.flinkkda.kda.sql.analysis;

import java.util.Locale;
import java.util.Set;

/** What the analyser needs to know about KDA's function names. */
public final class KdaFunctions {

    private KdaFunctions() {}

    /** Aggregate functions: with {@code GROUP BY}/{@code WINDOWED BY}, or analytic with OVER. */
    private static final Set<String> AGGREGATES =
            Set.of(
                    "COUNT",
                    "SUM",
                    "AVG",
                    "MIN",
                    "MAX",
                    "VAR_POP",
                    "VAR_SAMP",
                    "STDDEV_POP",
                    "STDDEV_SAMP",
                    "FIRST_VALUE",
                    "LAST_VALUE");

    /** The aggregates the stagger window operator computes itself. */
    private static final Set<String> STAGGER_AGGREGATES =
            Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");

    /** KDA's table functions ({@code FROM TABLE(fn(CURSOR(...)))}), none translated yet. */
    private static final Set<String> TABLE_FUNCTIONS =
            Set.of(
                    "RANDOM_CUT_FOREST",
                    "RANDOM_CUT_FOREST_WITH_EXPLANATION",
                    "HOTSPOTS",
                    "TOP_K_ITEMS_TUMBLING",
                    "COUNT_DISTINCT_ITEMS_TUMBLING");

    public static boolean isAggregate(String name) {
        return AGGREGATES.contains(name.toUpperCase(Locale.ROOT));
    }

    public static boolean isStaggerAggregate(String name) {
        return STAGGER_AGGREGATES.contains(name.toUpperCase(Locale.ROOT));
    }

    public static boolean isTableFunction(String name) {
        return TABLE_FUNCTIONS.contains(name.toUpperCase(Locale.ROOT));
    }
}
