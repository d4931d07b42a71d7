package dev.flinkkda.analytics.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ForestCodecTest {

    @Test
    void aSavedDefaultForestScoresExactlyAsTheOriginal() throws Exception {
        RandomCutForest forest =
                RandomCutForest.builder()
                        .dimensions(2)
                        .numberOfTrees(100)
                        .sampleSize(256)
                        .outputAfter(256)
                        .timeDecay(1.0 / 100_000)
                        .randomSeed(17L)
                        .build();
        Random random = new Random(17);
        for (int i = 0; i < 1000; i++) {
            forest.update(
                    new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()});
        }
        long start = System.nanoTime();
        byte[] bytes = ForestCodec.toBytes(forest);
        long saved = System.nanoTime();
        RandomCutForest copy = ForestCodec.fromBytes(bytes);
        long restored = System.nanoTime();
        System.out.printf(
                "default forest, 2 columns: %d bytes, saved in %.1f ms, restored in %.1f ms%n",
                bytes.length, (saved - start) / 1e6, (restored - saved) / 1e6);
        for (int i = 0; i < 500; i++) {
            float[] point = {(float) random.nextGaussian(), (float) random.nextGaussian()};
            assertThat(copy.getAnomalyScore(point)).isEqualTo(forest.getAnomalyScore(point));
            forest.update(point);
            copy.update(point);
        }
    }
}
