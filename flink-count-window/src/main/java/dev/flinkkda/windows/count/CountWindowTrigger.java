package dev.flinkkda.windows.count;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;

/**
 * Fires a {@link GlobalWindow} when its key's element count {@code n} completes a window of {@link
 * CountWindows}: {@code n % stride == 0} and {@code n >= size} (or any {@code n % stride == 0} when
 * firing partial windows). It never purges: {@link CountWindowEvictor} decides what the window
 * function sees and what is kept. The count is keyed state and survives a restore.
 *
 * <pre>
 *   CountWindows.of(5, 2):  n = 1 2 3 4 5 6 7 8 9 10
 *                           fires         ● ●  ●   at n = 6, 8, 10, …
 * </pre>
 */
@PublicEvolving
public final class CountWindowTrigger extends Trigger<Object, GlobalWindow> {

    private static final long serialVersionUID = 1L;

    private final CountWindows windows;
    private final ValueStateDescriptor<Long> countDescriptor =
            new ValueStateDescriptor<>("count-window-n", Types.LONG);

    CountWindowTrigger(CountWindows windows) {
        this.windows = windows;
    }

    @Override
    public TriggerResult onElement(
            Object element, long timestamp, GlobalWindow window, TriggerContext ctx)
            throws Exception {
        ValueState<Long> count = ctx.getPartitionedState(countDescriptor);
        Long previous = count.value();
        long n = previous == null ? 1 : previous + 1;
        count.update(n);
        return windows.firesAt(n) ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(GlobalWindow window, TriggerContext ctx) {
        ctx.getPartitionedState(countDescriptor).clear();
    }

    @Override
    public String toString() {
        return "CountWindowTrigger(" + windows + ")";
    }
}
