package dev.flinkkda.e2e;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Emits a window's count as the JSON output record, with the stagger window's start and end (the
 * end is KDA's output {@code ROWTIME}).
 */
public class WindowCountToJson
        extends ProcessWindowFunction<Long, String, TickerMinute, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(
            TickerMinute key, Context context, Iterable<Long> counts, Collector<String> out) {
        TimeWindow window = context.window();
        for (Long count : counts) {
            out.collect(TickerJson.windowCount(key, window.getStart(), window.getEnd(), count));
        }
    }
}
