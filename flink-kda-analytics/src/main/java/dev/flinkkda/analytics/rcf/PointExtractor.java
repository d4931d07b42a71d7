package dev.flinkkda.analytics.rcf;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.Function;

/**
 * The numeric columns of an element, as the point a Random Cut Forest scores.
 *
 * <pre>{@code
 * PointExtractor<Ride> points = ride -> new double[] {ride.distance(), ride.fare()};
 * }</pre>
 *
 * <p>Every element of a key must give the same number of values (1..30). A missing value (SQL
 * {@code NULL}) is given as {@link Double#NaN}: such a row is not scored and not learned (see
 * {@link RandomCutForests}).
 */
@PublicEvolving
@FunctionalInterface
public interface PointExtractor<T> extends Function {

    double[] extract(T element) throws Exception;
}
