package dev.flinkkda.analytics.rcf;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomCutForestSettingsTest {

    @Test
    void defaultsAreKdas() {
        RandomCutForestSettings settings = RandomCutForestSettings.defaults();
        assertThat(settings.numberOfTrees()).isEqualTo(100);
        assertThat(settings.subSampleSize()).isEqualTo(256);
        assertThat(settings.timeDecay()).isEqualTo(100_000);
        assertThat(settings.shingleSize()).isEqualTo(1);
        assertThat(settings.withDirectionality()).isFalse();
        assertThat(settings.randomSeed()).isEmpty();
        assertThat(RandomCutForestSettings.of(100, 256, 100_000, 1)).isEqualTo(settings);
        assertThat(settings.withShingleSize(4).dimensions(3)).isEqualTo(12);
    }

    @Test
    void rangesAreChecked() {
        RandomCutForestSettings d = RandomCutForestSettings.defaults();
        assertThatThrownBy(() -> d.withNumberOfTrees(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numberOfTrees must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> d.withNumberOfTrees(1001)).hasMessageContaining("numberOfTrees");
        assertThatThrownBy(() -> d.withSubSampleSize(9))
                .hasMessage("subSampleSize must be between 10 and 1000, was 9");
        assertThatThrownBy(() -> d.withSubSampleSize(1001)).hasMessageContaining("subSampleSize");
        assertThatThrownBy(() -> d.withTimeDecay(0))
                .hasMessage("timeDecay must be between 1 and 2147483647, was 0");
        assertThatThrownBy(() -> d.withTimeDecay(256))
                .hasMessage("subSampleSize (256) must be less than timeDecay (256)");
        assertThatThrownBy(() -> RandomCutForestSettings.of(10, 100, 50, 1))
                .hasMessage("subSampleSize (100) must be less than timeDecay (50)");
        assertThatThrownBy(() -> d.withShingleSize(0)).hasMessageContaining("shingleSize");
        assertThatThrownBy(() -> d.withShingleSize(31))
                .hasMessage("shingleSize must be between 1 and 30, was 31");
        assertThatThrownBy(() -> d.dimensions(31))
                .hasMessage("numeric columns must be between 1 and 30, was 31");
        assertThatThrownBy(() -> d.dimensions(0)).hasMessageContaining("numeric columns");
        assertThat(d.withSubSampleSize(10).withTimeDecay(11).timeDecay()).isEqualTo(11);
        assertThat(d.withTimeDecay(Integer.MAX_VALUE).timeDecay()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void explanationWithoutColumnsIsRejected() {
        assertThatThrownBy(
                        () ->
                                new RandomCutForestOperator<String, double[], Double>(
                                        RandomCutForestSettings.defaults(),
                                        p -> p,
                                        Collections.emptyList(),
                                        (p, s, e) -> s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numeric columns");
    }
}
