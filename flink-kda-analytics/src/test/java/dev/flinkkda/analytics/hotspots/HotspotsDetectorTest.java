package dev.flinkkda.analytics.hotspots;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HotspotsDetectorTest {

    private static HotspotsResult detect(List<double[]> points, double radius, int minimumPoints) {
        return HotspotsDetector.detect(
                points.toArray(new double[0][]), points.size(), radius, minimumPoints);
    }

    @Test
    void randomWindowsEqualTheBruteForceDefinition() {
        int windows = 0;
        int hotspots = 0;
        int multiple = 0;
        for (int d : new int[] {1, 2, 3, 5, 8}) {
            for (int seed = 0; seed < 24; seed++) {
                Random parameters = new Random(31L * d + seed);
                double radius = d <= 2 ? 0.1 + 0.3 * parameters.nextDouble() : 0.3 * d;
                int minimumPoints = 2 + parameters.nextInt(d <= 2 ? 25 : 8);
                RandomPoints stream =
                        new RandomPoints(
                                seed,
                                d,
                                radius,
                                parameters.nextInt(4),
                                parameters.nextDouble() * 0.6,
                                seed % 3 == 0);
                int n = 100 + parameters.nextInt(500);
                List<double[]> window = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    window.add(stream.next());
                }
                List<String> expected = HotspotsReference.hotspots(window, radius, minimumPoints);
                assertThat(HotspotsReference.describe(detect(window, radius, minimumPoints)))
                        .as(
                                "d=%d seed=%d radius=%s minimumPoints=%d",
                                d, seed, radius, minimumPoints)
                        .isEqualTo(expected);
                windows++;
                hotspots += expected.size();
                multiple += expected.size() > 1 ? 1 : 0;
            }
        }
        assertThat(windows).isEqualTo(120);
        // the comparison is meaningful: many windows have hotspots, several have more than one
        assertThat(hotspots).isGreaterThan(100);
        assertThat(multiple).isGreaterThan(20);
    }

    @Test
    void coordinatesTooLargeForTheGridAreComparedPairwise() {
        RandomPoints stream = new RandomPoints(7, 2, 0.5, 2, 0.5, false);
        List<double[]> window = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double[] p = stream.next();
            window.add(new double[] {p[0] + 1e12, p[1]});
        }
        List<String> expected = HotspotsReference.hotspots(window, 0.5, 10);
        assertThat(expected).isNotEmpty();
        assertThat(HotspotsReference.describe(detect(window, 0.5, 10))).isEqualTo(expected);
    }

    @Test
    void twoPlantedClustersAreTwoHotspotsWithTheirBounds() {
        Random random = new Random(12);
        List<double[]> window = new ArrayList<>();
        double[][] boxA = {{2.0, 3.0}, {2.6, 3.5}};
        double[][] boxB = {{7.0, 6.0}, {7.4, 6.8}};
        plant(window, boxA, 150, random);
        plant(window, boxB, 100, random);
        while (window.size() < 1000) {
            double[] noise = {10 * random.nextDouble(), 10 * random.nextDouble()};
            if (!near(noise, boxA, 0.5) && !near(noise, boxB, 0.5)) {
                window.add(noise);
            }
        }
        java.util.Collections.shuffle(window, random);

        // the developer guide's parameters
        List<Hotspot> found = detect(window, 0.2, 17).hotspots();

        assertThat(found).hasSize(2);
        assertThat(found.get(0).minValues()).containsExactly(boxA[0]);
        assertThat(found.get(0).maxValues()).containsExactly(boxA[1]);
        assertThat(found.get(0).count()).isEqualTo(154);
        assertThat(found.get(0).density()).isCloseTo(154 / (0.6 * 0.5), within(1e-9));
        assertThat(found.get(1).minValues()).containsExactly(boxB[0]);
        assertThat(found.get(1).maxValues()).containsExactly(boxB[1]);
        assertThat(found.get(1).count()).isEqualTo(104);
        assertThat(found.get(1).density()).isCloseTo(104 / (0.4 * 0.8), within(1e-9));
    }

    @Test
    void uniformNoiseHasNoHotspot() {
        Random random = new Random(5);
        List<double[]> window = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            window.add(new double[] {10 * random.nextDouble(), 10 * random.nextDouble()});
        }
        assertThat(detect(window, 0.2, 17).hotspots()).isEmpty();
        assertThat(detect(window, 0.2, 17).toJson()).isEqualTo("{\"hotspots\":[]}");
    }

    @Test
    void jsonIsKdasShapeWithDeterministicNumbers() {
        List<double[]> window =
                List.of(new double[] {0, 0}, new double[] {0.5, 0}, new double[] {10, 10});
        // side 0.5 and side 0 (floored to the radius 1): size 1 x 1, two points
        assertThat(detect(window, 1, 2).toJson())
                .isEqualTo(
                        "{\"hotspots\":[{\"density\":2.0,\"minValues\":[0.0,0.0],\"maxValues\":[0.5,0.0]}]}");
    }

    @Test
    void aBorderPointBetweenTwoHotspotsCountsInBoth() {
        List<double[]> window = new ArrayList<>();
        for (double x : new double[] {-1.9, -1.6, -1.3, -1.0, 0.0, 1.0, 1.3, 1.6, 1.9}) {
            window.add(new double[] {x});
        }
        List<Hotspot> found = detect(window, 1, 4).hotspots();
        assertThat(found).hasSize(2);
        assertThat(found.get(0).count()).isEqualTo(5);
        assertThat(found.get(0).minValues()).containsExactly(-1.9);
        assertThat(found.get(0).maxValues()).containsExactly(0.0);
        assertThat(found.get(1).count()).isEqualTo(5);
        assertThat(found.get(1).minValues()).containsExactly(0.0);
        assertThat(found.get(1).maxValues()).containsExactly(1.9);
    }

    @Test
    void pointsOfDifferentDimensionsAreRejected() {
        List<double[]> window = List.of(new double[] {1, 2}, new double[] {1});
        assertThatThrownBy(() -> detect(window, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same number of numeric columns");
    }

    /** {@code count} points uniform in the box, its two corners among them. */
    private static void plant(List<double[]> window, double[][] box, int count, Random random) {
        window.add(box[0].clone());
        window.add(box[1].clone());
        window.add(new double[] {box[0][0], box[1][1]});
        window.add(new double[] {box[1][0], box[0][1]});
        for (int i = 4; i < count + 4; i++) {
            double[] p = new double[2];
            for (int k = 0; k < 2; k++) {
                p[k] = box[0][k] + random.nextDouble() * (box[1][k] - box[0][k]);
            }
            window.add(p);
        }
    }

    private static boolean near(double[] p, double[][] box, double margin) {
        for (int k = 0; k < p.length; k++) {
            if (p[k] < box[0][k] - margin || p[k] > box[1][k] + margin) {
                return false;
            }
        }
        return true;
    }
}
