package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.DataType;

import java.util.Objects;

/**
 * A column of a stream or reference table.
 *
 * @param name the normalised (KDA-folded) name
 * @param type the declared KDA type
 */
public record StreamColumn(String name, DataType type) {
    public StreamColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
