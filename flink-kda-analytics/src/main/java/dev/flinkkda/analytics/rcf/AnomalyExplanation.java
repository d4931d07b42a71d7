package dev.flinkkda.analytics.rcf;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How an anomaly score divides over the numeric columns: KDA's {@code ANOMALY_EXPLANATION}.
 *
 * <pre>{@code
 * explanation.toJson();
 * // {"fare":{"DIRECTION":"HIGH","STRENGTH":"0.93","ATTRIBUTION_SCORE":"2.1"},"distance":{…}}
 * }</pre>
 *
 * <p>Per column, from the forest's attribution (a {@code DiVector}: for every dimension the part of
 * the score due to the value being higher, and the part due to it being lower, than the points the
 * forest holds), summed over the column's shingle positions:
 *
 * <ul>
 *   <li>{@code ATTRIBUTION_SCORE} = high + low. The columns' attribution scores sum to the score.
 *   <li>{@code DIRECTION} = {@code HIGH} if high &gt; low, else {@code LOW}.
 *   <li>{@code STRENGTH} = |high − low| / (high + low), in [0, 1], 0 when the attribution is 0: how
 *       clearly the column is anomalous in its direction (1: only in that direction). KDA documents
 *       STRENGTH as the strength of the direction without a formula; this is this project's
 *       definition.
 * </ul>
 *
 * <p>While the forest learns: every attribution and strength 0, every direction {@code LOW}, as in
 * KDA. Without directionality ({@link RandomCutForestSettings#withDirectionality}) the JSON holds
 * only {@code ATTRIBUTION_SCORE} per column.
 */
@PublicEvolving
public final class AnomalyExplanation implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code HIGH} or {@code LOW}. */
    public enum Direction {
        HIGH,
        LOW
    }

    private final String[] columns;
    private final double[] high;
    private final double[] low;
    private final boolean withDirectionality;

    AnomalyExplanation(
            List<String> columns, double[] high, double[] low, boolean withDirectionality) {
        this.columns = columns.toArray(new String[0]);
        this.high = high;
        this.low = low;
        this.withDirectionality = withDirectionality;
    }

    /** The explanation of a score of 0 (learning, or a row with a missing value). */
    static AnomalyExplanation learning(List<String> columns, boolean withDirectionality) {
        return new AnomalyExplanation(
                columns,
                new double[columns.size()],
                new double[columns.size()],
                withDirectionality);
    }

    /**
     * Sums a forest's attribution ({@code high}/{@code low} per dimension, shingle positions oldest
     * first, each position holding every column) per column.
     */
    static AnomalyExplanation ofDimensions(
            List<String> columns, double[] high, double[] low, boolean withDirectionality) {
        int n = columns.size();
        double[] columnHigh = new double[n];
        double[] columnLow = new double[n];
        for (int d = 0; d < high.length; d++) {
            columnHigh[d % n] += high[d];
            columnLow[d % n] += low[d];
        }
        return new AnomalyExplanation(columns, columnHigh, columnLow, withDirectionality);
    }

    /** The numeric columns' names, in the point's order. */
    public List<String> columns() {
        return Collections.unmodifiableList(Arrays.asList(columns));
    }

    /** The part of the score due to column {@code i}. */
    public double attributionScore(int i) {
        return high[i] + low[i];
    }

    public Direction direction(int i) {
        return high[i] > low[i] ? Direction.HIGH : Direction.LOW;
    }

    /** |high − low| / (high + low) of column {@code i}, 0 when its attribution is 0. */
    public double strength(int i) {
        double sum = high[i] + low[i];
        return sum > 0 ? Math.abs(high[i] - low[i]) / sum : 0.0;
    }

    /** KDA's JSON: per column {@code {"DIRECTION":…,"STRENGTH":…,"ATTRIBUTION_SCORE":…}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendString(json, columns[i]).append(":{");
            if (withDirectionality) {
                json.append("\"DIRECTION\":\"").append(direction(i)).append("\",");
                json.append("\"STRENGTH\":\"").append(strength(i)).append("\",");
            }
            json.append("\"ATTRIBUTION_SCORE\":\"").append(attributionScore(i)).append("\"}");
        }
        return json.append('}').toString();
    }

    private static StringBuilder appendString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AnomalyExplanation)) {
            return false;
        }
        AnomalyExplanation that = (AnomalyExplanation) o;
        return withDirectionality == that.withDirectionality
                && Arrays.equals(columns, that.columns)
                && Arrays.equals(high, that.high)
                && Arrays.equals(low, that.low);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(columns) + Arrays.hashCode(high) * 17 + Arrays.hashCode(low);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
