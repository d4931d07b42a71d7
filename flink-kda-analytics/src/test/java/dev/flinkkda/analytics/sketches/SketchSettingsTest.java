package dev.flinkkda.analytics.sketches;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KDA's ranges: {@code 1 <= K <= 100000}, {@code 1 <= windowSize <= 3600} seconds. */
class SketchSettingsTest {

    @Test
    void kRange() {
        assertThat(SketchSettings.checkK(1)).isEqualTo(1);
        assertThat(SketchSettings.checkK(100_000)).isEqualTo(100_000);
        assertThatThrownBy(() -> SketchSettings.checkK(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("K must be between 1 and 100000, was 0");
        assertThatThrownBy(() -> TopKItems.<String, String>of(s -> s, Types.STRING, 100_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("K must be between 1 and 100000, was 100001");
    }

    @Test
    void windowSizeRange() {
        assertThat(SketchSettings.windowSize(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SketchSettings.windowSize(3600)).isEqualTo(Duration.ofHours(1));
        assertThat(SketchSettings.tumblingWindows(60))
                .hasToString("TumblingEventTimeWindows(60000)");
        assertThat(SketchSettings.tumblingWindows(60)).isInstanceOf(TumblingEventTimeWindows.class);
        assertThatThrownBy(() -> SketchSettings.windowSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowSize must be between 1 and 3600 seconds, was 0");
        assertThatThrownBy(() -> SketchSettings.tumblingWindows(3601))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("windowSize must be between 1 and 3600 seconds, was 3601");
    }

    @Test
    void exactLimitAndSketchSizeFollowK() {
        TopKItems<String, String> small = TopKItems.of(s -> s, Types.STRING, 10);
        assertThat(small.exactLimit()).isEqualTo(10_000);
        assertThat(small.maxMapSize()).isEqualTo(32_768);
        TopKItems<String, String> large = TopKItems.of(s -> s, Types.STRING, 100_000);
        assertThat(large.exactLimit()).isEqualTo(100_000);
        assertThat(large.maxMapSize()).isEqualTo(262_144);
    }
}
