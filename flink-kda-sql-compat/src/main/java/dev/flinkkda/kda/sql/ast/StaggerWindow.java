package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * {@code WINDOWED BY STAGGER (PARTITION BY keys RANGE INTERVAL ...)}: per partition key, a window
 * opens with the key's first row and closes {@code range} later.
 */
public record StaggerWindow(
        SourcePosition position, List<Expression> partitionBy, IntervalLiteral range)
        implements Node {

    public StaggerWindow {
        Objects.requireNonNull(position, "position");
        partitionBy = List.copyOf(partitionBy);
        Objects.requireNonNull(range, "range");
    }
}
