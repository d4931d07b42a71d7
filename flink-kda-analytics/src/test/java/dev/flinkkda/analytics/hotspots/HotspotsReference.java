package dev.flinkkda.analytics.hotspots;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The hotspots of a window by brute force, straight from the definition: all pairwise distances,
 * core points, connected components of core points by breadth-first search, and every point within
 * the radius of a component's core point as a member. Each hotspot is written as {@code
 * count|density|minValues|maxValues}, in the documented order.
 */
final class HotspotsReference {

    private HotspotsReference() {}

    static List<String> hotspots(List<double[]> points, double radius, int minimumPoints) {
        int n = points.size();
        boolean[][] near = new boolean[n][n];
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < points.get(i).length; k++) {
                    double diff = points.get(i)[k] - points.get(j)[k];
                    sum += diff * diff;
                }
                near[i][j] = sum <= radius * radius;
                count += near[i][j] ? 1 : 0;
            }
            core[i] = count >= minimumPoints;
        }
        boolean[] visited = new boolean[n];
        List<Object[]> found = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (!core[start] || visited[start]) {
                continue;
            }
            boolean[] member = new boolean[n];
            Deque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            visited[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                for (int j = 0; j < n; j++) {
                    if (near[i][j]) {
                        member[j] = true;
                        if (core[j] && !visited[j]) {
                            visited[j] = true;
                            queue.add(j);
                        }
                    }
                }
            }
            int d = points.get(start).length;
            double[] min = new double[d];
            double[] max = new double[d];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (member[j]) {
                    count++;
                    for (int k = 0; k < d; k++) {
                        min[k] = Math.min(min[k], points.get(j)[k]);
                        max[k] = Math.max(max[k], points.get(j)[k]);
                    }
                }
            }
            double size = 1;
            for (int k = 0; k < d; k++) {
                size *= Math.max(max[k] - min[k], radius);
            }
            found.add(new Object[] {count, count / size, min, max});
        }
        found.sort(
                Comparator.comparingDouble((Object[] h) -> -(double) h[1])
                        .thenComparingInt(h -> -(int) h[0])
                        .thenComparing(h -> (double[]) h[2], Arrays::compare)
                        .thenComparing(h -> (double[]) h[3], Arrays::compare));
        List<String> out = new ArrayList<>();
        for (Object[] h : found) {
            out.add(
                    h[0]
                            + "|"
                            + h[1]
                            + "|"
                            + Arrays.toString((double[]) h[2])
                            + "|"
                            + Arrays.toString((double[]) h[3]));
        }
        return out;
    }

    /** The production result in the reference's notation. */
    static List<String> describe(HotspotsResult result) {
        List<String> out = new ArrayList<>();
        for (Hotspot h : result.hotspots()) {
            out.add(
                    h.count()
                            + "|"
                            + h.density()
                            + "|"
                            + Arrays.toString(h.minValues())
                            + "|"
                            + Arrays.toString(h.maxValues()));
        }
        return out;
    }
}
