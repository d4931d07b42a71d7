package dev.flinkkda.analytics.hotspots;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * One hotspot of a window: how many window points it holds, its density and the bounding box of
 * those points (one minimum and one maximum per numeric column).
 *
 * <pre>{@code
 * {"density":400.0,"minValues":[1.0,1.0],"maxValues":[1.5,1.5]}  // 100 points in a 0.5 x 0.5 box
 * }</pre>
 *
 * <p>{@code density} is KDA's "number of records in the hotspot divided by the hotspot size", where
 * this project defines the size as the volume of the bounding box with every side taken at least
 * {@code scanRadius} long: {@code count / Π max(maxValues[i] - minValues[i], scanRadius)}. The
 * floor keeps the density finite when all points of a hotspot share a value in some column. A
 * density beyond {@link Double#MAX_VALUE} (a volume underflowing to zero) is reported as {@link
 * Double#MAX_VALUE}.
 */
@PublicEvolving
public final class Hotspot implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * KDA's output order as chosen here: density descending, then point count descending, then the
     * minimum and maximum values lexicographically ascending.
     */
    public static final Comparator<Hotspot> OUTPUT_ORDER =
            Comparator.comparingDouble((Hotspot h) -> h.density)
                    .reversed()
                    .thenComparing(Comparator.comparingInt((Hotspot h) -> h.count).reversed())
                    .thenComparing((Hotspot h) -> h.minValues, Arrays::compare)
                    .thenComparing((Hotspot h) -> h.maxValues, Arrays::compare);

    private final int count;
    private final double density;
    private final double[] minValues;
    private final double[] maxValues;

    private Hotspot(int count, double density, double[] minValues, double[] maxValues) {
        this.count = count;
        this.density = density;
        this.minValues = minValues;
        this.maxValues = maxValues;
    }

    /** A hotspot of {@code count} points in the box {@code [minValues, maxValues]}. */
    public static Hotspot of(int count, double[] minValues, double[] maxValues, double scanRadius) {
        if (minValues.length != maxValues.length || minValues.length == 0) {
            throw new IllegalArgumentException(
                    "minValues and maxValues need the same, non-zero length");
        }
        return new Hotspot(
                count,
                densityOf(count, minValues, maxValues, scanRadius),
                minValues.clone(),
                maxValues.clone());
    }

    /** {@code count / Π max(max[i] - min[i], scanRadius)}, at most {@link Double#MAX_VALUE}. */
    static double densityOf(int count, double[] min, double[] max, double scanRadius) {
        double size = 1;
        for (int i = 0; i < min.length; i++) {
            size *= Math.max(max[i] - min[i], scanRadius);
        }
        double density = count / size;
        return density > Double.MAX_VALUE ? Double.MAX_VALUE : density;
    }

    /** The number of window points in the hotspot (core and border points). */
    public int count() {
        return count;
    }

    /** The points per unit of volume; see the class comment. */
    public double density() {
        return density;
    }

    /** Per numeric column the smallest value among the hotspot's points (a copy). */
    public double[] minValues() {
        return minValues.clone();
    }

    /** Per numeric column the largest value among the hotspot's points (a copy). */
    public double[] maxValues() {
        return maxValues.clone();
    }

    /** KDA's JSON object of this hotspot: {@code {"density":…,"minValues":[…],"maxValues":[…]}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        appendJson(json);
        return json.toString();
    }

    void appendJson(StringBuilder json) {
        json.append("{\"density\":");
        appendNumber(json, density);
        json.append(",\"minValues\":");
        appendArray(json, minValues);
        json.append(",\"maxValues\":");
        appendArray(json, maxValues);
        json.append('}');
    }

    private static void appendArray(StringBuilder json, double[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendNumber(json, values[i]);
        }
        json.append(']');
    }

    /** {@link Double#toString}: shortest round-tripping digits, locale-independent, valid JSON. */
    private static void appendNumber(StringBuilder json, double value) {
        json.append(value);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Hotspot)) {
            return false;
        }
        Hotspot that = (Hotspot) other;
        return count == that.count
                && Double.compare(density, that.density) == 0
                && Arrays.equals(minValues, that.minValues)
                && Arrays.equals(maxValues, that.maxValues);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(density) + Arrays.hashCode(minValues))
                + Arrays.hashCode(maxValues)
                + count;
    }

    @Override
    public String toString() {
        return "Hotspot{count=" + count + ", " + toJson() + "}";
    }
}
