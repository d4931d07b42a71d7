package dev.flinkkda.analytics.rcf;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RandomCutForestsMiniClusterTest {

    @Test
    void wholeStreamWithExplanationRunsAsAJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Random random = new Random(8);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            values.add(10 + random.nextGaussian());
        }
        RandomCutForestSettings settings =
                RandomCutForestSettings.of(20, 50, 1000, 1)
                        .withDirectionality(true)
                        .withRandomSeed(8L);
        List<Tuple2<Double, String>> out = new ArrayList<>();
        RandomCutForests.scoreWithExplanation(
                        RandomCutForests.wholeStream(env.fromData(values).setParallelism(1)),
                        settings,
                        v -> new double[] {v},
                        Arrays.asList("v"),
                        (v, score, explanation) -> Tuple2.of(score, explanation.toJson()),
                        Types.TUPLE(Types.DOUBLE, Types.STRING))
                .executeAndCollect()
                .forEachRemaining(out::add);
        assertThat(out).hasSize(100);
        assertThat(out.stream().filter(t -> t.f0 == 0.0).count()).isEqualTo(50);
        assertThat(out.get(99).f1).startsWith("{\"v\":{\"DIRECTION\":");
    }
}
