package dev.flinkkda.analytics.rcf;

import dev.flinkkda.analytics.PointExtractor;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.util.List;

/**
 * Random Cut Forest anomaly scores for a keyed stream, one forest per key: Kinesis Data Analytics'
 * {@code RANDOM_CUT_FOREST} and {@code RANDOM_CUT_FOREST_WITH_EXPLANATION}, on Amazon's library.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ScoredRide> scored =
 *     RandomCutForests.score(
 *         rides.keyBy(Ride::city),
 *         RandomCutForestSettings.defaults().withRandomSeed(42L),
 *         ride -> new double[] {ride.distance(), ride.fare()},
 *         (ride, score, explanation) -> new ScoredRide(ride, score),
 *         TypeInformation.of(ScoredRide.class));
 * }</pre>
 *
 * <p>Per element, in arrival order per key: the element's point is scored by its key's forest, then
 * added to it, and the element leaves with its score. The score is 0 for the first {@code
 * subSampleSize} points of a key (the forest learns), as in KDA. A point with a missing value
 * ({@link Double#NaN}, e.g. from a SQL {@code NULL}; or an infinite one) scores 0 with an all-zero
 * explanation and is not learned: it neither counts toward the learning phase nor enters a shingle.
 *
 * <p>KDA keeps one forest for the whole stream: key by a constant ({@link #wholeStream}), which
 * runs on one subtask. Keying by a column instead (a {@code PARTITION BY}) gives each key its own
 * forest, spread over the parallel subtasks.
 *
 * <p>Checkpoints: the forests live in the operator's memory and are never serialized per element;
 * at a checkpoint each forest updated since the previous one is saved with the library's state
 * mapper, with tree state, into keyed state, and after a restore the scores continue exactly as
 * without the failure. Scores are randomized, as in KDA: only runs with a {@linkplain
 * RandomCutForestSettings#withRandomSeed seed} repeat.
 */
@PublicEvolving
public final class RandomCutForests {

    private RandomCutForests() {}

    /**
     * Scores each element with its key's forest ({@code RANDOM_CUT_FOREST}).
     *
     * @param input the keyed stream; one forest per key
     * @param settings the forests' parameters
     * @param points the element's numeric columns (1..30, the same number for every element)
     * @param result the output element from the input element and its score (the explanation is
     *     null)
     * @param type the output's type
     */
    public static <T, K, R> SingleOutputStreamOperator<R> score(
            KeyedStream<T, K> input,
            RandomCutForestSettings settings,
            PointExtractor<T> points,
            ScoreFunction<T, R> result,
            TypeInformation<R> type) {
        return input.transform(
                "RandomCutForest",
                type,
                new RandomCutForestOperator<K, T, R>(settings, points, null, result));
    }

    /**
     * Scores each element and explains the score per column ({@code
     * RANDOM_CUT_FOREST_WITH_EXPLANATION}): see {@link AnomalyExplanation}.
     *
     * @param columns the names of the point's values, in the order {@code points} gives them
     */
    public static <T, K, R> SingleOutputStreamOperator<R> scoreWithExplanation(
            KeyedStream<T, K> input,
            RandomCutForestSettings settings,
            PointExtractor<T> points,
            List<String> columns,
            ScoreFunction<T, R> result,
            TypeInformation<R> type) {
        return input.transform(
                "RandomCutForestWithExplanation",
                type,
                new RandomCutForestOperator<K, T, R>(settings, points, columns, result));
    }

    /** The stream keyed by a constant: one forest for all of it, as KDA keeps (one subtask). */
    public static <T> KeyedStream<T, Integer> wholeStream(DataStream<T> input) {
        return input.keyBy(new ConstantKey<>());
    }

    private static final class ConstantKey<T> implements KeySelector<T, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(T value) {
            return 0;
        }
    }
}
