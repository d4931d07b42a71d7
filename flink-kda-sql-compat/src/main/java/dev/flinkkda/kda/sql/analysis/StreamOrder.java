package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which an application's in-application streams can be built: every stream after the
 * streams its pumps read. A stream fed by its own rows, and a pump reading a stream no pump writes,
 * are errors.
 */
final class StreamOrder {

    private final String sourceName;
    private final Map<String, StreamDefinition> streams;
    private final List<AnalyzedPump> pumps;
    private final Set<String> done = new LinkedHashSet<>();
    private final Map<String, SourcePosition> visiting = new LinkedHashMap<>();

    private StreamOrder(
            String sourceName, Map<String, StreamDefinition> streams, List<AnalyzedPump> pumps) {
        this.sourceName = sourceName;
        this.streams = streams;
        this.pumps = pumps;
    }

    /**
     * @throws KdaSemanticException for a cycle of streams or a stream read but never written
     */
    static List<String> of(
            String sourceName, Map<String, StreamDefinition> streams, List<AnalyzedPump> pumps) {
        StreamOrder order = new StreamOrder(sourceName, streams, pumps);
        for (StreamDefinition stream : streams.values()) {
            if (stream.kind() == StreamKind.IN_APPLICATION) {
                order.visit(stream);
            }
        }
        return new ArrayList<>(order.done);
    }

    /** Orders the streams {@code stream}'s pumps read first (depth first). */
    private void visit(StreamDefinition stream) {
        if (done.contains(stream.name())) {
            return;
        }
        SourcePosition position = stream.definedAt().orElseThrow();
        if (visiting.putIfAbsent(stream.name(), position) != null) {
            throw new KdaSemanticException(
                    sourceName,
                    position,
                    "stream \""
                            + stream.name()
                            + "\" is fed, through pumps, by its own rows: "
                            + String.join(" → ", visiting.keySet())
                            + " → "
                            + stream.name());
        }
        for (AnalyzedPump pump : pumps) {
            if (!pump.target().name().equals(stream.name())) {
                continue;
            }
            for (String input : pump.inputStreams()) {
                StreamDefinition read = streams.get(input);
                if (read.kind() != StreamKind.IN_APPLICATION) {
                    continue;
                }
                if (pumps.stream().noneMatch(p -> p.target().name().equals(input))) {
                    throw new KdaSemanticException(
                            sourceName,
                            pump.pump().position(),
                            "pump \""
                                    + pump.name()
                                    + "\" reads \""
                                    + input
                                    + "\", which no pump writes");
                }
                visit(read);
            }
        }
        visiting.remove(stream.name());
        done.add(stream.name());
    }
}
