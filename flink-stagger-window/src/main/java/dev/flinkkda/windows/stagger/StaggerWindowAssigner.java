package dev.flinkkda.windows.stagger;

import dev.flinkkda.windows.core.WindowArguments;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.MergingWindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.Collection;

/**
 * What the event-time and processing-time stagger assigners share: the window size, {@link
 * TimeWindow}s, and the merge rule of {@link StaggerWindowMerging} (an element's candidate window
 * {@code [t, t + size)} joins the existing window that contains {@code t}, and existing windows
 * never change).
 */
@PublicEvolving
public abstract class StaggerWindowAssigner extends MergingWindowAssigner<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final long size;

    StaggerWindowAssigner(Duration size) {
        this.size = WindowArguments.positiveMillis(size, "stagger window size");
    }

    /** The window length in milliseconds. */
    public long getSize() {
        return size;
    }

    @Override
    public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
        StaggerWindowMerging.mergeWindows(windows, callback);
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    /**
     * @deprecated Flink calls {@link #getDefaultTrigger()}.
     */
    @Deprecated
    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger(StreamExecutionEnvironment env) {
        return getDefaultTrigger();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + size + ")";
    }
}
