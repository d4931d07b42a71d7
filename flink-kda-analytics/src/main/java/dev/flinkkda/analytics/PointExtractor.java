package dev.flinkkda.analytics;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.Function;

/**
 * The numeric columns of an element as a point, one coordinate per column in a fixed order: what a
 * Random Cut Forest scores and what hotspots are made of.
 *
 * <pre>{@code
 * PointExtractor<Ride> points = ride -> new double[] {ride.distance(), ride.fare()};
 * }</pre>
 *
 * <p>Every point of a key has the same number of coordinates, at least one. A missing value (SQL
 * {@code NULL}) is given as {@link Double#NaN}, and an element without a point at all as {@code
 * null}: the operators pass such an element on without learning from it (a score of 0; the current
 * hotspots).
 */
@PublicEvolving
@FunctionalInterface
public interface PointExtractor<T> extends Function {

    /** The element's point; {@code null} or any non-finite coordinate marks it missing. */
    double[] extract(T element) throws Exception;
}
