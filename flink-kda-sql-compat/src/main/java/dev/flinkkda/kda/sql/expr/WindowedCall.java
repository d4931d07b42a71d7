package dev.flinkkda.kda.sql.expr;

import org.apache.flink.table.types.DataType;

import java.util.Objects;

/** An analytic call: an aggregate over a sliding window, {@code AVG(price) OVER w}. */
public record WindowedCall(Call call, SlidingWindow window) implements TypedExpression {
    public WindowedCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(window, "window");
    }

    @Override
    public DataType type() {
        return call.type();
    }
}
