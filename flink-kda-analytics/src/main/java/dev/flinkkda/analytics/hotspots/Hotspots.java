package dev.flinkkda.analytics.hotspots;

import dev.flinkkda.analytics.PointExtractor;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Kinesis Data Analytics' {@code HOTSPOTS} table function as a Flink operator: for every element,
 * the dense regions among the last {@code windowSize} points, as KDA's {@code HOTSPOTS_RESULT}
 * JSON.
 *
 * <pre>{@code
 * // KDA: HOTSPOTS(CURSOR(SELECT STREAM "x", "y", "is_hot" FROM "SOURCE_SQL_STREAM_001"), 1000, 0.2, 17)
 * DataStream<String> out = Hotspots.detectAll(
 *     points, HotspotsSettings.of(1000, 0.2, 17),
 *     p -> new double[] {p.x, p.y},
 *     (p, result) -> p.x + "," + p.y + "," + p.isHot + "," + result.toJson(),
 *     Types.STRING);
 * // one output per input, e.g. {"hotspots":[{"density":5.8,"minValues":[3.1,4.0],"maxValues":[4.0,5.1]}]}
 * }</pre>
 *
 * <p>What KDA's SQL reference fixes: {@code windowSize} 100..1000 rows, {@code scanRadius} &gt; 0
 * and "analogous to the ε value in DBSCAN", {@code minimumNumberOfPointsInAHotspot} 2..{@code
 * windowSize}; only numeric columns are analyzed; {@code density} is "the number of records in the
 * hotspot divided by the hotspot size"; {@code minValues} and {@code maxValues} are per column the
 * extremes of the hotspot's records. What this project chooses where the reference is silent
 * (documented on {@link HotspotsDetector} and {@link Hotspot}): DBSCAN clusters with Euclidean
 * distance on the raw values, border points counted in every hotspot they reach, the size being the
 * bounding box volume with every side at least {@code scanRadius}, hotspots ordered by density
 * descending. KDA's own algorithm is not published, so results may differ from KDA's.
 *
 * <p>KDA computes one window for the whole stream: {@link #detectAll} keys by a constant and runs
 * at parallelism 1. {@link #detect} keeps one window per key, which KDA lacks ({@code PARTITION
 * BY}-like), and scales out.
 */
@PublicEvolving
public final class Hotspots {

    private Hotspots() {}

    /**
     * One hotspot window per key.
     *
     * @param input the keyed stream
     * @param settings KDA's three parameters
     * @param points the element's numeric columns as a point
     * @param result combines the element and its hotspots into the output
     * @param resultType the type of the output
     */
    public static <T, K, R> SingleOutputStreamOperator<R> detect(
            KeyedStream<T, K> input,
            HotspotsSettings settings,
            PointExtractor<T> points,
            HotspotsResultFunction<T, R> result,
            TypeInformation<R> resultType) {
        return input.process(new HotspotsFunction<K, T, R>(settings, points, result), resultType)
                .name(settings.toString())
                .uid("hotspots");
    }

    /**
     * One hotspot window for the whole stream, as KDA computes it: keyed by a constant, at
     * parallelism 1.
     */
    public static <T, R> SingleOutputStreamOperator<R> detectAll(
            DataStream<T> input,
            HotspotsSettings settings,
            PointExtractor<T> points,
            HotspotsResultFunction<T, R> result,
            TypeInformation<R> resultType) {
        return detect(
                        input.keyBy(new WholeStream<>(), Types.INT),
                        settings,
                        points,
                        result,
                        resultType)
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /** The key of {@link #detectAll}: one for every element. */
    private static final class WholeStream<T> implements KeySelector<T, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(T value) {
            return 0;
        }
    }
}
