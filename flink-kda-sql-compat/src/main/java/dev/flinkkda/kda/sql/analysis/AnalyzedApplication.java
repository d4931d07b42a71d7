package dev.flinkkda.kda.sql.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A KDA application after analysis: every stream and table by name, and its pumps.
 *
 * @param streams inputs, reference tables and in-application streams, in definition order
 * @param streamOrder the in-application streams, each after the streams its pumps read
 */
public record AnalyzedApplication(
        String sourceName,
        Map<String, StreamDefinition> streams,
        List<AnalyzedPump> pumps,
        List<String> streamOrder) {
    public AnalyzedApplication {
        Objects.requireNonNull(sourceName, "sourceName");
        streams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(streams));
        pumps = List.copyOf(pumps);
        streamOrder = List.copyOf(streamOrder);
    }

    /** The pumps that write {@code stream}, in source order. */
    public List<AnalyzedPump> pumpsInto(String stream) {
        return pumps.stream().filter(p -> p.target().name().equals(stream)).toList();
    }
}
