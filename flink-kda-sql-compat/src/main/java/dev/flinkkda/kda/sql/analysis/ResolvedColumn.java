package dev.flinkkda.kda.sql.analysis;

import java.util.Objects;

/** What a column reference names: a column (or {@code ROWTIME}) of one relation of the FROM. */
public record ResolvedColumn(RelationBinding relation, String column) {
    public ResolvedColumn {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(column, "column");
    }

    public boolean isRowtime() {
        return column.equals(StreamDefinition.ROWTIME);
    }
}
