package dev.flinkkda.analytics.rcf;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.Function;

import javax.annotation.Nullable;

/**
 * Makes the output element from an input element and its anomaly score.
 *
 * <pre>{@code
 * ScoreFunction<Ride, ScoredRide> result = (ride, score, explanation) -> new ScoredRide(ride, score);
 * }</pre>
 */
@PublicEvolving
@FunctionalInterface
public interface ScoreFunction<T, R> extends Function {

    /**
     * @param element the input element
     * @param score its anomaly score, 0 while its forest learns
     * @param explanation the score's attribution to the columns, or null unless asked for ({@link
     *     RandomCutForests#scoreWithExplanation})
     */
    R apply(T element, double score, @Nullable AnomalyExplanation explanation) throws Exception;
}
