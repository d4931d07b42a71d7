package dev.flinkkda.kda.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * A parsed KDA application: its statements in source order.
 *
 * @param sourceName the name error messages give the source, e.g. its file name
 */
public record KdaScript(String sourceName, List<Statement> statements) {

    public KdaScript {
        Objects.requireNonNull(sourceName, "sourceName");
        statements = List.copyOf(statements);
    }

    /** The {@code CREATE STREAM} statements, in source order. */
    public List<CreateStream> streams() {
        return statements.stream()
                .filter(CreateStream.class::isInstance)
                .map(CreateStream.class::cast)
                .toList();
    }

    /** The {@code CREATE PUMP} statements, in source order. */
    public List<CreatePump> pumps() {
        return statements.stream()
                .filter(CreatePump.class::isInstance)
                .map(CreatePump.class::cast)
                .toList();
    }
}
