package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code SELECT [STREAM] [DISTINCT | ALL] items FROM relation [WHERE ...] [GROUP BY ... | WINDOWED
 * BY STAGGER (...)] [HAVING ...] [WINDOW ...] [ORDER BY ...]}.
 *
 * @param stream whether {@code STREAM} was written (KDA requires it for a continuous query; some
 *     AWS samples leave it out inside {@code FROM TABLE(...)} pumps)
 * @param from the {@code FROM} relation; a comma-separated list is a {@link Join} of type {@link
 *     JoinType#IMPLICIT}
 * @param groupBy the {@code GROUP BY} expressions, empty without {@code GROUP BY}
 * @param staggerWindow the {@code WINDOWED BY STAGGER} clause, which KDA uses instead of {@code
 *     GROUP BY}
 * @param windows the {@code WINDOW name AS (...)} definitions
 */
public record Select(
        SourcePosition position,
        boolean stream,
        boolean distinct,
        List<SelectItem> selectItems,
        Relation from,
        Optional<Expression> where,
        List<Expression> groupBy,
        Optional<StaggerWindow> staggerWindow,
        Optional<Expression> having,
        List<NamedWindow> windows,
        List<SortItem> orderBy)
        implements Query {

    public Select {
        Objects.requireNonNull(position, "position");
        selectItems = List.copyOf(selectItems);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(where, "where");
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(staggerWindow, "staggerWindow");
        Objects.requireNonNull(having, "having");
        windows = List.copyOf(windows);
        orderBy = List.copyOf(orderBy);
    }
}
