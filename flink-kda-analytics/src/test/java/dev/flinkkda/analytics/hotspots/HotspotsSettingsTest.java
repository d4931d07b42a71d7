package dev.flinkkda.analytics.hotspots;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotspotsSettingsTest {

    @Test
    void kdasRangesAreAccepted() {
        assertThat(HotspotsSettings.of(100, 1e-9, 2).windowSize()).isEqualTo(100);
        HotspotsSettings settings = HotspotsSettings.of(1000, 0.2, 1000);
        assertThat(settings.scanRadius()).isEqualTo(0.2);
        assertThat(settings.minimumPoints()).isEqualTo(1000);
        assertThat(settings)
                .hasToString(
                        "HOTSPOTS(windowSize=1000, scanRadius=0.2, minimumNumberOfPointsInAHotspot=1000)");
    }

    @Test
    void windowSizeOutOfRange() {
        for (int windowSize : new int[] {99, 1001, 0, -5}) {
            assertThatThrownBy(() -> HotspotsSettings.of(windowSize, 0.2, 17))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "HOTSPOTS windowSize must be between 100 and 1000 inclusive, was "
                                    + windowSize);
        }
    }

    @Test
    void scanRadiusNotPositiveOrNotFinite() {
        for (double radius : new double[] {0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> HotspotsSettings.of(100, radius, 17))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "HOTSPOTS scanRadius must be a finite number greater than zero");
        }
    }

    @Test
    void minimumPointsOutOfRange() {
        assertThatThrownBy(() -> HotspotsSettings.of(100, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "HOTSPOTS minimumNumberOfPointsInAHotspot must be between 2 and windowSize (100) inclusive, was 1");
        assertThatThrownBy(() -> HotspotsSettings.of(100, 0.2, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumNumberOfPointsInAHotspot")
                .hasMessageContaining("was 101");
    }
}
