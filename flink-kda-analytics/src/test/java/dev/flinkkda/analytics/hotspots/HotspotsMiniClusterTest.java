package dev.flinkkda.analytics.hotspots;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Hotspots#detectAll} on embedded Flink: one window for the whole stream, as in KDA. */
class HotspotsMiniClusterTest {

    @Test
    void detectAllKeepsOneWindowForTheWholeStream() throws Exception {
        RandomPoints points = new RandomPoints(3, 2, 0.2, 2, 0.3, false);
        List<Double[]> rows = new ArrayList<>();
        List<double[]> plain = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double[] p = points.next();
            rows.add(new Double[] {p[0], p[1]});
            plain.add(p);
        }
        HotspotsSettings settings = HotspotsSettings.of(200, 0.2, 10);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Double[]> input = env.fromData(rows).setParallelism(1);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> results =
                Hotspots.detectAll(
                                input,
                                settings,
                                row -> new double[] {row[0], row[1]},
                                (row, result) -> result.toJson(),
                                Types.STRING)
                        .executeAndCollect()) {
            results.forEachRemaining(out::add);
        }

        assertThat(out).hasSize(400);
        HotspotsResult last =
                HotspotsDetector.detect(
                        plain.subList(200, 400).toArray(new double[0][]), 200, 0.2, 10);
        assertThat(last.hotspots()).isNotEmpty();
        assertThat(out.get(399))
                .isEqualTo(last.toJson())
                .startsWith("{\"hotspots\":[{\"density\":");
    }
}
