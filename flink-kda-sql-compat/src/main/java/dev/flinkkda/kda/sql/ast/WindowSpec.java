package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A window specification, {@code ([PARTITION BY ...] [ORDER BY ...] [RANGE | ROWS frame])}: of
 * {@code OVER (...)}, of a {@code WINDOW} clause entry, or of a windowed join's stream ({@code JOIN
 * s OVER (RANGE INTERVAL '1' MINUTE PRECEDING)}). Its position is that of its opening parenthesis.
 */
public record WindowSpec(
        SourcePosition position,
        List<Expression> partitionBy,
        List<SortItem> orderBy,
        Optional<WindowFrame> frame)
        implements Over {

    public WindowSpec {
        Objects.requireNonNull(position, "position");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(frame, "frame");
    }
}
