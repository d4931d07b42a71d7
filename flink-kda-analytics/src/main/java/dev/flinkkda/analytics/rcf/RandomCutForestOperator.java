package dev.flinkkda.analytics.rcf;

import dev.flinkkda.analytics.PointExtractor;

import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores each element with its key's Random Cut Forest, then adds it to the forest: the operator
 * behind {@link RandomCutForests}.
 *
 * <p>The forests live in a {@link HashMap} per key and are never serialized per element. At a
 * checkpoint, every forest updated since the previous one is saved ({@link ForestCodec}) into the
 * keyed state {@value #STATE_NAME} of its key; after a restore a key's forest is read back from
 * there when its first element arrives. Saved with tree state, a forest continues exactly: the
 * scores after a restore equal those of a run without the failure.
 */
final class RandomCutForestOperator<K, T, R> extends AbstractStreamOperator<R>
        implements OneInputStreamOperator<T, R> {

    private static final long serialVersionUID = 1L;

    static final String STATE_NAME = "random-cut-forest";

    private final RandomCutForestSettings settings;
    private final PointExtractor<T> points;
    @Nullable private final List<String> explainedColumns;
    private final ScoreFunction<T, R> result;

    private transient ValueState<byte[]> savedForest;
    private transient Map<K, RandomCutForest> forests;
    private transient Set<K> updatedSinceCheckpoint;

    /**
     * @param explainedColumns the names of the point's values, to explain scores; null: no
     *     explanation
     */
    RandomCutForestOperator(
            RandomCutForestSettings settings,
            PointExtractor<T> points,
            @Nullable List<String> explainedColumns,
            ScoreFunction<T, R> result) {
        this.settings = settings;
        this.points = points;
        if (explainedColumns != null) {
            settings.dimensions(explainedColumns.size());
            this.explainedColumns = Collections.unmodifiableList(new ArrayList<>(explainedColumns));
        } else {
            this.explainedColumns = null;
        }
        this.result = result;
    }

    @Override
    public void open() throws Exception {
        super.open();
        savedForest =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE_NAME,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        forests = new HashMap<>();
        updatedSinceCheckpoint = new HashSet<>();
        for (Function function : new Function[] {points, result}) {
            FunctionUtils.setFunctionRuntimeContext(function, getRuntimeContext());
            FunctionUtils.openFunction(function, DefaultOpenContext.INSTANCE);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(StreamRecord<T> element) throws Exception {
        T value = element.getValue();
        double[] point = points.extract(value);
        if (point == null) {
            // no point at all: passed on unscored and unlearned, like a row with a NULL value
            output.collect(
                    element.replace(
                            result.apply(
                                    value,
                                    0.0,
                                    explainedColumns == null
                                            ? null
                                            : AnomalyExplanation.learning(
                                                    explainedColumns,
                                                    settings.withDirectionality()))));
            return;
        }
        K key = (K) getCurrentKey();
        RandomCutForest forest = forestOf(key, point.length);
        if (point.length * settings.shingleSize() != forest.getDimensions()) {
            throw new IllegalArgumentException(
                    "Key "
                            + key
                            + " gave a point of "
                            + point.length
                            + " values; its forest takes "
                            + forest.getDimensions() / settings.shingleSize());
        }
        double score = 0.0;
        AnomalyExplanation explanation = null;
        boolean complete = isComplete(point);
        // The forest keeps 32-bit floats (the library's default precision): give it those.
        float[] values = complete ? toFloats(point) : null;
        if (complete && forest.getTotalUpdates() >= settings.subSampleSize()) {
            score = forest.getAnomalyScore(values);
            if (explainedColumns != null) {
                explanation = explain(forest.getAnomalyAttribution(values), score);
            }
        } else if (explainedColumns != null) {
            explanation =
                    AnomalyExplanation.learning(explainedColumns, settings.withDirectionality());
        }
        if (complete) {
            forest.update(values);
            updatedSinceCheckpoint.add(key);
        }
        output.collect(element.replace(result.apply(value, score, explanation)));
    }

    /** The attribution, scaled to sum to the score exactly (they differ by float rounding). */
    private AnomalyExplanation explain(DiVector attribution, double score) {
        double sum = attribution.getHighLowSum();
        if (sum > 0) {
            attribution.renormalize(score);
        }
        return AnomalyExplanation.ofDimensions(
                explainedColumns, attribution.high, attribution.low, settings.withDirectionality());
    }

    private static float[] toFloats(double[] point) {
        float[] values = new float[point.length];
        for (int i = 0; i < point.length; i++) {
            values[i] = (float) point[i];
        }
        return values;
    }

    private static boolean isComplete(double[] point) {
        for (double v : point) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private RandomCutForest forestOf(K key, int numericColumns) throws Exception {
        RandomCutForest forest = forests.get(key);
        if (forest == null) {
            byte[] saved = savedForest.value();
            forest = saved != null ? ForestCodec.fromBytes(saved) : newForest(key, numericColumns);
            forests.put(key, forest);
        }
        return forest;
    }

    private RandomCutForest newForest(K key, int numericColumns) {
        int columns = explainedColumns != null ? explainedColumns.size() : numericColumns;
        RandomCutForest.Builder<?> builder =
                RandomCutForest.builder()
                        .dimensions(settings.dimensions(columns))
                        .shingleSize(settings.shingleSize())
                        .internalShinglingEnabled(true)
                        .numberOfTrees(settings.numberOfTrees())
                        .sampleSize(settings.subSampleSize())
                        .outputAfter(settings.subSampleSize())
                        .timeDecay(1.0 / settings.timeDecay())
                        .parallelExecutionEnabled(false);
        if (settings.randomSeed().isPresent()) {
            builder.randomSeed(
                    RandomCutForestSettings.keySeed(settings.randomSeed().getAsLong(), key));
        }
        return builder.build();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (updatedSinceCheckpoint.isEmpty()) {
            return;
        }
        Object current = getCurrentKey();
        for (K key : updatedSinceCheckpoint) {
            setCurrentKey(key);
            savedForest.update(ForestCodec.toBytes(forests.get(key)));
        }
        updatedSinceCheckpoint.clear();
        if (current != null) {
            setCurrentKey(current);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            FunctionUtils.closeFunction(points);
            FunctionUtils.closeFunction(result);
        } finally {
            super.close();
        }
    }
}
