package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.CreatePump;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pump whose query is analysed and checked against its target stream.
 *
 * @param sourceName the application's file, for error messages
 * @param targetColumns the target stream's columns the select items go to, in order
 * @param branch for a pump whose query is a {@code UNION ALL}, which of its SELECTs this is, from
 *     1; 0 for a pump of one SELECT
 */
public record AnalyzedPump(
        String sourceName,
        CreatePump pump,
        StreamDefinition target,
        List<StreamColumn> targetColumns,
        AnalyzedQuery query,
        int branch) {

    public AnalyzedPump {
        Objects.requireNonNull(pump, "pump");
        Objects.requireNonNull(target, "target");
        targetColumns = List.copyOf(targetColumns);
        Objects.requireNonNull(query, "query");
    }

    /** The pump's name. */
    public String name() {
        return pump.name().name();
    }

    /** A name for the plan's views of this pump (of this branch of its UNION ALL). */
    public String viewName() {
        return branch == 0 ? name() : name() + "_" + branch;
    }

    public PumpShape shape() {
        return query.shape();
    }

    /** The streams this pump reads, nested queries included (not reference tables). */
    public List<String> inputStreams() {
        List<String> streams = new ArrayList<>();
        collectStreams(query.from(), streams);
        return streams;
    }

    private static void collectStreams(AnalyzedRelation relation, List<String> streams) {
        for (AnalyzedRelation.Leaf leaf : relation.leaves()) {
            if (leaf instanceof AnalyzedRelation.StreamRelation stream) {
                if (stream.stream().kind() != StreamKind.REFERENCE_TABLE) {
                    streams.add(stream.stream().name());
                }
            } else if (leaf instanceof AnalyzedRelation.DerivedRelation derived) {
                collectStreams(derived.query().from(), streams);
            } else if (leaf instanceof AnalyzedRelation.TableFunctionRelation function) {
                collectStreams(function.cursor().query().from(), streams);
            }
        }
    }
}
