package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.ColumnReference;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.Select;
import dev.flinkkda.kda.sql.ast.SelectExpression;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pump whose names are resolved and whose query shape is known.
 *
 * @param sourceName the application's file, for error messages
 * @param targetColumns the target stream's columns the select items go to, in order
 * @param items the select items with {@code *} expanded, one per target column
 * @param relations the FROM's streams and tables, the input stream first
 * @param resolved what each column reference of the query names (by identity)
 * @param tumbling the time window of a {@link PumpShape#TUMBLING_WINDOW} pump
 */
public record AnalyzedPump(
        String sourceName,
        CreatePump pump,
        StreamDefinition target,
        List<StreamColumn> targetColumns,
        Select select,
        List<SelectExpression> items,
        List<RelationBinding> relations,
        Map<ColumnReference, ResolvedColumn> resolved,
        PumpShape shape,
        Optional<TumblingWindow> tumbling) {

    public AnalyzedPump {
        Objects.requireNonNull(pump, "pump");
        targetColumns = List.copyOf(targetColumns);
        items = List.copyOf(items);
        relations = List.copyOf(relations);
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(tumbling, "tumbling");
    }

    /** The pump's name. */
    public String name() {
        return pump.name().name();
    }

    /** What a column reference of this pump's query names. */
    public ResolvedColumn resolve(ColumnReference reference) {
        ResolvedColumn column = resolved.get(reference);
        if (column == null) {
            throw new IllegalStateException("unresolved column " + reference);
        }
        return column;
    }

    /** The streams this pump reads (not reference tables). */
    public List<String> inputStreams() {
        return relations.stream()
                .filter(r -> r.stream().kind() != StreamKind.REFERENCE_TABLE)
                .map(r -> r.stream().name())
                .toList();
    }
}
