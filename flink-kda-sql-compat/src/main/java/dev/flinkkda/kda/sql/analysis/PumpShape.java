package dev.flinkkda.kda.sql.analysis;

/** The kinds of pump query the translator handles, each with its own rewrite. */
public enum PumpShape {
    /** Row by row: projection and filter, possibly with a reference-table join. */
    PROJECTION,
    /** {@code GROUP BY … STEP(ROWTIME BY …)} or {@code FLOOR(ROWTIME TO …)}: a tumbling window. */
    TUMBLING_WINDOW,
    /** {@code WINDOWED BY STAGGER (…)}. */
    STAGGER_WINDOW,
    /** Analytic aggregates {@code … OVER w}: one output row per input row. */
    OVER_WINDOW
}
