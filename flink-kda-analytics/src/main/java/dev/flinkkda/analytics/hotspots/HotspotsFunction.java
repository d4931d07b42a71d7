package dev.flinkkda.analytics.hotspots;

import dev.flinkkda.analytics.PointExtractor;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Map;

/**
 * KDA's {@code HOTSPOTS} per key: for every element, the hotspots among the key's last {@code
 * windowSize} points (the element's own point included), emitted with the element.
 *
 * <pre>{@code
 * rides.keyBy(Ride::city)
 *     .process(new HotspotsFunction<>(HotspotsSettings.of(1000, 0.2, 17), extractor, combiner), type);
 * }</pre>
 *
 * <p>State per key, in Flink's keyed state and so in checkpoints: a ring of at most {@code
 * windowSize} points, a {@code MapState<Integer, double[]>} from slot ({@code seen % windowSize})
 * to point, and a {@code ValueState<Long>} counting the points seen. Per element one slot is
 * written (d doubles) and the counter updated; the window is read back whole (with RocksDB that
 * deserializes up to {@code windowSize} points per element). The hotspots themselves are not state:
 * they are computed from the window, so a restored job emits exactly what the uninterrupted one
 * would have.
 *
 * <p>An element whose point is {@code null} or has a non-finite coordinate (a SQL {@code NULL} in a
 * numeric column) does not enter the window; it is still emitted, with the hotspots of the window
 * as it stands. A point whose dimension differs from the window's fails the job with an {@link
 * IllegalArgumentException}. {@code windowSize} must stay the same across a restore (the ring's
 * slots depend on it); a smaller one fails with an {@link IllegalStateException}.
 */
@PublicEvolving
public class HotspotsFunction<K, T, R> extends KeyedProcessFunction<K, T, R> {

    private static final long serialVersionUID = 1L;

    private final HotspotsSettings settings;
    private final PointExtractor<T> extractor;
    private final HotspotsResultFunction<T, R> resultFunction;

    private transient MapState<Integer, double[]> window;
    private transient ValueState<Long> seen;

    public HotspotsFunction(
            HotspotsSettings settings,
            PointExtractor<T> extractor,
            HotspotsResultFunction<T, R> resultFunction) {
        if (settings == null || extractor == null || resultFunction == null) {
            throw new NullPointerException("settings, extractor and resultFunction are required");
        }
        this.settings = settings;
        this.extractor = extractor;
        this.resultFunction = resultFunction;
    }

    @Override
    public void open(Configuration parameters) {
        window =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hotspots-window",
                                        Types.INT,
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        seen =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("hotspots-seen", Types.LONG));
    }

    @Override
    public void processElement(T element, Context ctx, Collector<R> out) throws Exception {
        int windowSize = settings.windowSize();
        double[][] slots = new double[windowSize][];
        int dimension = -1;
        for (Map.Entry<Integer, double[]> entry : window.entries()) {
            if (entry.getKey() >= windowSize) {
                throw new IllegalStateException(
                        "HOTSPOTS state holds a window larger than windowSize "
                                + windowSize
                                + "; windowSize cannot change across a restore");
            }
            slots[entry.getKey()] = entry.getValue();
            dimension = entry.getValue().length;
        }

        double[] point = validPoint(extractor.extract(element));
        if (point != null) {
            if (dimension >= 0 && point.length != dimension) {
                throw new IllegalArgumentException(
                        "HOTSPOTS points must keep their number of numeric columns: the window has "
                                + dimension
                                + ", the element "
                                + point.length);
            }
            Long before = seen.value();
            long count = before == null ? 0 : before;
            int slot = (int) (count % windowSize);
            slots[slot] = point;
            window.put(slot, point);
            seen.update(count + 1);
        }

        double[][] points = new double[windowSize][];
        int n = 0;
        for (double[] slotPoint : slots) {
            if (slotPoint != null) {
                points[n++] = slotPoint;
            }
        }
        HotspotsResult result =
                HotspotsDetector.detect(points, n, settings.scanRadius(), settings.minimumPoints());
        out.collect(resultFunction.apply(element, result));
    }

    /** A copy of the point, or null when it is missing, empty or has a non-finite coordinate. */
    private static double[] validPoint(double[] point) {
        if (point == null) {
            return null;
        }
        if (point.length == 0) {
            throw new IllegalArgumentException(
                    "HOTSPOTS needs at least one numeric column; the point extractor returned none");
        }
        for (double coordinate : point) {
            if (!Double.isFinite(coordinate)) {
                return null;
            }
        }
        return point.clone();
    }
}
