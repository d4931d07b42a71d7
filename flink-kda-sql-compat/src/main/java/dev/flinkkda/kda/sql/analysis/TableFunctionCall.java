package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.analytics.hotspots.HotspotsSettings;
import dev.flinkkda.analytics.rcf.RandomCutForestSettings;

import java.util.List;
import java.util.Objects;

/**
 * A call of one of KDA's table functions ({@code FROM TABLE(fn(CURSOR(SELECT STREAM …), …))}),
 * analysed: its parameters, checked against KDA's ranges, and the cursor's columns it reads.
 */
public sealed interface TableFunctionCall {

    /** The function's name, as KDA writes it. */
    String name();

    /**
     * {@code RANDOM_CUT_FOREST[_WITH_EXPLANATION]}: an anomaly score per row from the numeric
     * columns, with a JSON explanation when asked.
     *
     * @param numericColumns the cursor's numeric columns the forest scores, in order
     */
    record RandomCutForest(
            RandomCutForestSettings settings, boolean explanation, List<String> numericColumns)
            implements TableFunctionCall {
        public RandomCutForest {
            Objects.requireNonNull(settings, "settings");
            numericColumns = List.copyOf(numericColumns);
        }

        @Override
        public String name() {
            return explanation ? "RANDOM_CUT_FOREST_WITH_EXPLANATION" : "RANDOM_CUT_FOREST";
        }
    }

    /** {@code HOTSPOTS}: the dense regions among the last {@code windowSize} rows, per row. */
    record Hotspots(HotspotsSettings settings, List<String> numericColumns)
            implements TableFunctionCall {
        public Hotspots {
            Objects.requireNonNull(settings, "settings");
            numericColumns = List.copyOf(numericColumns);
        }

        @Override
        public String name() {
            return "HOTSPOTS";
        }
    }

    /** {@code TOP_K_ITEMS_TUMBLING}: the {@code k} most frequent values of a column per window. */
    record TopKItems(String column, int k, int windowSeconds) implements TableFunctionCall {
        public TopKItems {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String name() {
            return "TOP_K_ITEMS_TUMBLING";
        }
    }

    /**
     * {@code COUNT_DISTINCT_ITEMS_TUMBLING}: the number of distinct values of a column per window.
     */
    record DistinctCount(String column, int windowSeconds) implements TableFunctionCall {
        public DistinctCount {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String name() {
            return "COUNT_DISTINCT_ITEMS_TUMBLING";
        }
    }
}
