package dev.flinkkda.analytics.hotspots;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.Function;

import java.io.Serializable;

/**
 * The numeric columns of an element as a point, one coordinate per column, in a fixed column order.
 *
 * <pre>{@code
 * PointExtractor<Ride> extractor = ride -> new double[] {ride.x(), ride.y()};
 * }</pre>
 *
 * <p>A SQL {@code NULL} in a numeric column is written as {@link Double#NaN}; an element without a
 * point at all may return {@code null}. Such elements do not enter the window (see {@link
 * Hotspots}). Every point of a stream key must have the same number of coordinates, at least one.
 */
@PublicEvolving
@FunctionalInterface
public interface PointExtractor<T> extends Function, Serializable {

    /** The element's point; {@code null} or any non-finite coordinate leaves the element out. */
    double[] extract(T element) throws Exception;
}
