package dev.flinkkda.analytics.hotspots;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hotspots of one window, in {@link Hotspot#OUTPUT_ORDER}; {@link #toJson()} is KDA's {@code
 * HOTSPOTS_RESULT} column.
 *
 * <pre>{@code
 * {"hotspots":[{"density":400.0,"minValues":[1.0,1.0],"maxValues":[1.5,1.5]}]}
 * {"hotspots":[]}   // no hotspot in the window
 * }</pre>
 */
@PublicEvolving
public final class HotspotsResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final HotspotsResult NONE = new HotspotsResult(Collections.emptyList());

    private final List<Hotspot> hotspots;

    private HotspotsResult(List<Hotspot> hotspots) {
        this.hotspots = hotspots;
    }

    /** No hotspot. */
    public static HotspotsResult none() {
        return NONE;
    }

    /** The given hotspots, sorted into {@link Hotspot#OUTPUT_ORDER}. */
    public static HotspotsResult of(List<Hotspot> hotspots) {
        List<Hotspot> sorted = new ArrayList<>(hotspots);
        sorted.sort(Hotspot.OUTPUT_ORDER);
        return new HotspotsResult(Collections.unmodifiableList(sorted));
    }

    /** The hotspots, densest first. */
    public List<Hotspot> hotspots() {
        return hotspots;
    }

    /** KDA's {@code HOTSPOTS_RESULT}: {@code {"hotspots":[{"density":…,…},…]}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"hotspots\":[");
        for (int i = 0; i < hotspots.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            hotspots.get(i).appendJson(json);
        }
        return json.append("]}").toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HotspotsResult
                && hotspots.equals(((HotspotsResult) other).hotspots);
    }

    @Override
    public int hashCode() {
        return hotspots.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
