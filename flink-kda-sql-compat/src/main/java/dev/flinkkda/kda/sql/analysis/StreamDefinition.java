package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.table.api.DataTypes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream or reference table the application can read or write.
 *
 * @param name the normalised name
 * @param definedAt the {@code CREATE STREAM}, empty for inputs and reference tables
 */
public record StreamDefinition(
        String name,
        StreamKind kind,
        List<StreamColumn> columns,
        Optional<SourcePosition> definedAt) {

    /** The system column every stream row has. */
    public static final String ROWTIME = "ROWTIME";

    public StreamDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
        Objects.requireNonNull(definedAt, "definedAt");
    }

    /** An input stream with the given columns. */
    public static StreamDefinition input(String name, List<StreamColumn> columns) {
        return new StreamDefinition(name, StreamKind.INPUT, columns, Optional.empty());
    }

    /** A reference table with the given columns. */
    public static StreamDefinition referenceTable(String name, List<StreamColumn> columns) {
        return new StreamDefinition(name, StreamKind.REFERENCE_TABLE, columns, Optional.empty());
    }

    /** The column of that name, if any; {@code ROWTIME} is not among {@link #columns()}. */
    public Optional<StreamColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /**
     * The columns a query can read, with their Flink types: the declared ones, and {@code ROWTIME}
     * for streams.
     */
    public List<RelationColumn> readableColumns() {
        List<RelationColumn> readable = new java.util.ArrayList<>();
        columns.forEach(
                c -> readable.add(new RelationColumn(c.name(), KdaTypes.toFlink(c.type()))));
        if (kind.hasRowtime()) {
            readable.add(new RelationColumn(ROWTIME, DataTypes.TIMESTAMP(3)));
        }
        return readable;
    }

    /** The names a query can read: the columns, and {@code ROWTIME} for streams. */
    public List<String> readableNames() {
        List<String> names = new java.util.ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        if (kind.hasRowtime()) {
            names.add(ROWTIME);
        }
        return names;
    }
}
