package dev.flinkkda.analytics.hotspots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hotspots of one window of points: DBSCAN's clusters with ε = {@code scanRadius} and minPts =
 * {@code minimumPoints}, each point that can reach a cluster counted in it.
 *
 * <pre>{@code
 * HotspotsResult result = HotspotsDetector.detect(points, points.length, 0.2, 17);
 * }</pre>
 *
 * <p>Definitions (n points, Euclidean distance on the raw coordinates, no normalization):
 *
 * <ul>
 *   <li>the neighbourhood of p is every window point q with {@code Σ (p[i]-q[i])² <= scanRadius²},
 *       p itself included;
 *   <li>p is a core point when its neighbourhood holds at least {@code minimumPoints} points;
 *   <li>two core points within the radius of each other are connected; a hotspot is a connected
 *       component of core points together with every non-core point within the radius of one of
 *       them (DBSCAN's border points). A border point near two hotspots counts in both, so that the
 *       result does not depend on the order of the points (DBSCAN gives it to whichever cluster
 *       reaches it first).
 * </ul>
 *
 * <p>Neighbours are found through a grid of cubic cells of side {@code scanRadius·(1+10⁻⁶)}: points
 * within the radius lie in the same or adjacent cells. The cost is the number of point pairs in
 * adjacent cells — O(n) for sparse data, O(n²) = 10⁶ distance computations at worst (all points in
 * one cell, n = 1000); the neighbour lists are kept for the three passes (core points, connected
 * cores, border points), up to n² ints (4 MB) transiently at worst. The adjacent cells of a cell
 * are enumerated (3^d offsets) when that is cheaper than comparing it with all occupied cells.
 * Coordinates beyond 10⁹ radii, where cell numbers lose precision, fall back to comparing all
 * pairs.
 */
final class HotspotsDetector {

    private static final double CELL_MARGIN = 1 + 1e-6;
    private static final double MAX_CELL_COORDINATE = 1e9;

    private HotspotsDetector() {}

    /**
     * The hotspots among {@code points[0..n)}, which must all have the same dimension, at least
     * one.
     */
    static HotspotsResult detect(double[][] points, int n, double scanRadius, int minimumPoints) {
        if (n == 0) {
            return HotspotsResult.none();
        }
        int d = points[0].length;
        for (int i = 0; i < n; i++) {
            if (points[i].length != d || d == 0) {
                throw new IllegalArgumentException(
                        "HOTSPOTS points must have the same number of numeric columns, at least one; found "
                                + d
                                + " and "
                                + points[i].length);
            }
        }
        Neighbours neighbours = new Neighbours(points, n, scanRadius);

        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            core[i] = neighbours.count(i) >= minimumPoints;
        }

        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            if (core[i]) {
                int[] near = neighbours.of(i);
                for (int j : near) {
                    if (j > i && core[j]) {
                        union(parent, i, j);
                    }
                }
            }
        }

        int[] count = new int[n];
        double[][] min = new double[n][];
        double[][] max = new double[n][];
        int[] roots = new int[8];
        for (int q = 0; q < n; q++) {
            int found = 0;
            if (core[q]) {
                roots[found++] = find(parent, q);
            } else {
                for (int p : neighbours.of(q)) {
                    if (core[p]) {
                        int root = find(parent, p);
                        if (!contains(roots, found, root)) {
                            if (found == roots.length) {
                                roots = Arrays.copyOf(roots, 2 * found);
                            }
                            roots[found++] = root;
                        }
                    }
                }
            }
            for (int k = 0; k < found; k++) {
                add(points[q], roots[k], count, min, max);
            }
        }

        List<Hotspot> hotspots = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (count[root] > 0) {
                hotspots.add(Hotspot.of(count[root], min[root], max[root], scanRadius));
            }
        }
        return hotspots.isEmpty() ? HotspotsResult.none() : HotspotsResult.of(hotspots);
    }

    /** Whether p and q are within {@code radius} of each other; the one distance test used. */
    static boolean within(double[] p, double[] q, double radiusSquared) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double diff = p[i] - q[i];
            sum += diff * diff;
        }
        return sum <= radiusSquared;
    }

    private static void add(double[] point, int root, int[] count, double[][] min, double[][] max) {
        if (count[root] == 0) {
            min[root] = point.clone();
            max[root] = point.clone();
        } else {
            for (int i = 0; i < point.length; i++) {
                min[root][i] = Math.min(min[root][i], point[i]);
                max[root][i] = Math.max(max[root][i], point[i]);
            }
        }
        count[root]++;
    }

    private static boolean contains(int[] values, int size, int value) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private static int find(int[] parent, int i) {
        int root = i;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[i] != root) {
            int next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA != rootB) {
            // the smaller index becomes the root: deterministic, independent of visiting order
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
        }
    }

    /** The neighbourhoods of all points, found through a grid and cached per point. */
    private static final class Neighbours {

        private final double[][] points;
        private final int n;
        private final double radiusSquared;
        private final int[][] cache;

        /** Per point its cell, per cell its points and adjacent cells; null when comparing all. */
        private final Cell[] cellOf;

        Neighbours(double[][] points, int n, double scanRadius) {
            this.points = points;
            this.n = n;
            this.radiusSquared = scanRadius * scanRadius;
            this.cache = new int[n][];
            this.cellOf = grid(points, n, scanRadius * CELL_MARGIN);
        }

        int count(int i) {
            return of(i).length;
        }

        /** The indexes of p's neighbours, p included, ascending within each cell. */
        int[] of(int i) {
            int[] near = cache[i];
            if (near == null) {
                near = cellOf == null ? scan(i) : scanCells(i);
                cache[i] = near;
            }
            return near;
        }

        private int[] scan(int i) {
            IntList near = new IntList();
            for (int j = 0; j < n; j++) {
                if (within(points[i], points[j], radiusSquared)) {
                    near.add(j);
                }
            }
            return near.toArray();
        }

        private int[] scanCells(int i) {
            IntList near = new IntList();
            for (Cell cell : cellOf[i].adjacent) {
                for (int k = 0; k < cell.points.size; k++) {
                    int j = cell.points.values[k];
                    if (within(points[i], points[j], radiusSquared)) {
                        near.add(j);
                    }
                }
            }
            return near.toArray();
        }

        private static Cell[] grid(double[][] points, int n, double side) {
            int d = points[0].length;
            Map<CellKey, Cell> cells = new HashMap<>();
            Cell[] cellOf = new Cell[n];
            for (int i = 0; i < n; i++) {
                long[] coordinates = new long[d];
                for (int k = 0; k < d; k++) {
                    double c = Math.floor(points[i][k] / side);
                    if (!(Math.abs(c) < MAX_CELL_COORDINATE)) {
                        return null;
                    }
                    coordinates[k] = (long) c;
                }
                Cell cell = cells.computeIfAbsent(new CellKey(coordinates), Cell::new);
                cell.points.add(i);
                cellOf[i] = cell;
            }
            List<Cell> all = new ArrayList<>(cells.values());
            boolean enumerate = Math.pow(3, d) <= all.size();
            for (Cell cell : all) {
                cell.adjacent = enumerate ? enumerate(cell, cells, d) : compare(cell, all);
            }
            return cellOf;
        }

        private static List<Cell> enumerate(Cell cell, Map<CellKey, Cell> cells, int d) {
            List<Cell> adjacent = new ArrayList<>();
            long[] offset = new long[d];
            Arrays.fill(offset, -1);
            while (true) {
                long[] coordinates = new long[d];
                for (int k = 0; k < d; k++) {
                    coordinates[k] = cell.key.coordinates[k] + offset[k];
                }
                Cell other = cells.get(new CellKey(coordinates));
                if (other != null) {
                    adjacent.add(other);
                }
                int k = 0;
                while (k < d && offset[k] == 1) {
                    offset[k++] = -1;
                }
                if (k == d) {
                    return adjacent;
                }
                offset[k]++;
            }
        }

        private static List<Cell> compare(Cell cell, List<Cell> all) {
            List<Cell> adjacent = new ArrayList<>();
            for (Cell other : all) {
                if (cell.key.adjacentTo(other.key)) {
                    adjacent.add(other);
                }
            }
            return adjacent;
        }
    }

    private static final class Cell {
        final CellKey key;
        final IntList points = new IntList();
        List<Cell> adjacent;

        Cell(CellKey key) {
            this.key = key;
        }
    }

    private static final class CellKey {
        final long[] coordinates;
        private final int hash;

        CellKey(long[] coordinates) {
            this.coordinates = coordinates;
            this.hash = Arrays.hashCode(coordinates);
        }

        boolean adjacentTo(CellKey other) {
            for (int k = 0; k < coordinates.length; k++) {
                if (Math.abs(coordinates[k] - other.coordinates[k]) > 1) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CellKey
                    && Arrays.equals(coordinates, ((CellKey) other).coordinates);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class IntList {
        int[] values = new int[8];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * size);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
