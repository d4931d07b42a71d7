package dev.flinkkda.analytics.hotspots;

import java.util.Random;

/**
 * Seeded streams of points in {@code [0, 10)^d}: uniform noise, with a share of points drawn from a
 * few planted dense clusters (uniform in a cube of side {@code 3·radius} around a centre); with
 * {@code ties}, coordinates are rounded to a tenth of the radius so that points coincide and sit
 * exactly on cell borders.
 */
final class RandomPoints {

    private final Random random;
    private final int dimension;
    private final double radius;
    private final double clusterShare;
    private final boolean ties;
    private final double[][] centres;

    RandomPoints(
            long seed,
            int dimension,
            double radius,
            int clusters,
            double clusterShare,
            boolean ties) {
        this.random = new Random(seed);
        this.dimension = dimension;
        this.radius = radius;
        this.clusterShare = clusterShare;
        this.ties = ties;
        this.centres = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = uniform(1, 9);
        }
    }

    double[] next() {
        double[] point;
        if (centres.length > 0 && random.nextDouble() < clusterShare) {
            double[] centre = centres[random.nextInt(centres.length)];
            point = new double[dimension];
            for (int k = 0; k < dimension; k++) {
                point[k] = centre[k] + (random.nextDouble() - 0.5) * 3 * radius;
            }
        } else {
            point = uniform(0, 10);
        }
        if (ties) {
            double step = radius / 10;
            for (int k = 0; k < dimension; k++) {
                point[k] = Math.round(point[k] / step) * step;
            }
        }
        return point;
    }

    /** Occasionally moves a cluster, as the developer guide's generator moves its hotspot. */
    void moveCluster() {
        if (centres.length > 0) {
            centres[random.nextInt(centres.length)] = uniform(1, 9);
        }
    }

    Random random() {
        return random;
    }

    private double[] uniform(double from, double to) {
        double[] point = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            point[k] = from + random.nextDouble() * (to - from);
        }
        return point;
    }
}
