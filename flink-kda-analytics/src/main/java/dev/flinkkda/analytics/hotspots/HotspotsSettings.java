package dev.flinkkda.analytics.hotspots;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * The three parameters of KDA's {@code HOTSPOTS(CURSOR(…), windowSize, scanRadius,
 * minimumNumberOfPointsInAHotspot)}, checked against the ranges of KDA's SQL reference.
 *
 * <pre>{@code
 * HotspotsSettings settings = HotspotsSettings.of(1000, 0.2, 17); // the developer guide's example
 * }</pre>
 *
 * <ul>
 *   <li>{@code windowSize}: how many of the latest rows are searched for hotspots, 100 to 1000
 *       inclusive;
 *   <li>{@code scanRadius}: the DBSCAN ε, a double greater than zero (and finite);
 *   <li>{@code minimumPoints} ({@code minimumNumberOfPointsInAHotspot}): 2 to {@code windowSize}
 *       inclusive.
 * </ul>
 */
@PublicEvolving
public final class HotspotsSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** KDA's smallest window size. */
    public static final int MIN_WINDOW_SIZE = 100;

    /** KDA's largest window size. */
    public static final int MAX_WINDOW_SIZE = 1000;

    /** KDA's smallest {@code minimumNumberOfPointsInAHotspot}. */
    public static final int MIN_MINIMUM_POINTS = 2;

    private final int windowSize;
    private final double scanRadius;
    private final int minimumPoints;

    private HotspotsSettings(int windowSize, double scanRadius, int minimumPoints) {
        this.windowSize = windowSize;
        this.scanRadius = scanRadius;
        this.minimumPoints = minimumPoints;
    }

    /**
     * Checked settings.
     *
     * @throws IllegalArgumentException naming the parameter that is out of KDA's range
     */
    public static HotspotsSettings of(int windowSize, double scanRadius, int minimumPoints) {
        if (windowSize < MIN_WINDOW_SIZE || windowSize > MAX_WINDOW_SIZE) {
            throw new IllegalArgumentException(
                    "HOTSPOTS windowSize must be between "
                            + MIN_WINDOW_SIZE
                            + " and "
                            + MAX_WINDOW_SIZE
                            + " inclusive, was "
                            + windowSize);
        }
        if (!(scanRadius > 0) || Double.isInfinite(scanRadius)) {
            throw new IllegalArgumentException(
                    "HOTSPOTS scanRadius must be a finite number greater than zero, was "
                            + scanRadius);
        }
        if (minimumPoints < MIN_MINIMUM_POINTS || minimumPoints > windowSize) {
            throw new IllegalArgumentException(
                    "HOTSPOTS minimumNumberOfPointsInAHotspot must be between "
                            + MIN_MINIMUM_POINTS
                            + " and windowSize ("
                            + windowSize
                            + ") inclusive, was "
                            + minimumPoints);
        }
        return new HotspotsSettings(windowSize, scanRadius, minimumPoints);
    }

    /** The number of latest rows searched for hotspots. */
    public int windowSize() {
        return windowSize;
    }

    /** The neighbourhood radius (Euclidean, in the units of the points). */
    public double scanRadius() {
        return scanRadius;
    }

    /**
     * The number of points (the point itself included) within the radius that make a core point.
     */
    public int minimumPoints() {
        return minimumPoints;
    }

    @Override
    public String toString() {
        return "HOTSPOTS(windowSize="
                + windowSize
                + ", scanRadius="
                + scanRadius
                + ", minimumNumberOfPointsInAHotspot="
                + minimumPoints
                + ")";
    }
}
