package dev.flinkkda.analytics.hotspots;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.Function;

import java.io.Serializable;

/**
 * Combines an input element with the hotspots found for it into the output row, as KDA appends the
 * column {@code HOTSPOTS_RESULT} to the input row.
 *
 * <pre>{@code
 * HotspotsResultFunction<Ride, RideWithHotspots> out =
 *     (ride, result) -> new RideWithHotspots(ride, result.toJson());
 * }</pre>
 */
@PublicEvolving
@FunctionalInterface
public interface HotspotsResultFunction<T, R> extends Function, Serializable {

    /** The output for {@code element}; {@code result} holds the hotspots of the current window. */
    R apply(T element, HotspotsResult result) throws Exception;
}
