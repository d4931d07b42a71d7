package dev.flinkkda.kda.sql.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * The frame of a window: {@code RANGE INTERVAL '1' MINUTE PRECEDING}, {@code ROWS 10 PRECEDING},
 * {@code ROWS BETWEEN 2 PRECEDING AND CURRENT ROW}.
 *
 * @param end the bound after {@code AND} in the {@code BETWEEN} form; empty in the short form,
 *     whose frame ends at the current row
 */
public record WindowFrame(
        SourcePosition position, Unit unit, FrameBound start, Optional<FrameBound> end)
        implements Node {

    /** How the frame is measured. */
    public enum Unit {
        /** By the ordering value (in KDA, {@code ROWTIME}): a time interval. */
        RANGE,
        /** By counting rows. */
        ROWS
    }

    public WindowFrame {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
