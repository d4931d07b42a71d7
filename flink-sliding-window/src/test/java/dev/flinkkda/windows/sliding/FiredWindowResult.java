package dev.flinkkda.windows.sliding;

import dev.flinkkda.windows.testing.WindowResult;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * A per-event window's {@link WindowResult} with the element that fired it (its timestamp and
 * value), as a {@link PerEventResultFunction} gives it: {@link #of} is that function for {@link
 * dev.flinkkda.windows.testing.WindowTestFunctions.CountSumValues}.
 */
public class FiredWindowResult extends WindowResult {

    /** The accumulator type of {@code CountSumValues}. */
    static final TypeInformation<Tuple3<Long, Long, String>> COUNT_SUM_VALUES =
            Types.TUPLE(Types.LONG, Types.LONG, Types.STRING);

    static final TypeInformation<WindowResult> TYPE = TypeInformation.of(WindowResult.class);

    /** The firing element's timestamp field (f1) and value (f2). */
    public long firedAt;

    public long firedBy;

    public FiredWindowResult() {}

    /** The result function: the window's count, sum and values, and the element. */
    static WindowResult of(
            Tuple3<String, Long, Long> element,
            Tuple3<Long, Long, String> aggregate,
            TimeWindow window) {
        FiredWindowResult result = new FiredWindowResult();
        result.key = element.f0;
        result.start = window.getStart();
        result.end = window.getEnd();
        result.count = aggregate.f0;
        result.sum = aggregate.f1;
        result.values = aggregate.f2;
        result.firedAt = element.f1;
        result.firedBy = element.f2;
        return result;
    }

    @Override
    public String toString() {
        return super.toString() + " fired by (" + firedAt + ", " + firedBy + ")";
    }
}
