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

    /**
     * The system column every input stream row has: the Kinesis record's {@code
     * ApproximateArrivalTimestamp}. In-application streams do not have it (a pump copies it only as
     * an ordinary, declared column); an input's schema may declare it, as a {@code TIMESTAMP}.
     */
    public static final String APPROXIMATE_ARRIVAL_TIME = "APPROXIMATE_ARRIVAL_TIME";

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
     * The columns a query can read, with their Flink types: the declared ones, then for an input
     * stream {@code APPROXIMATE_ARRIVAL_TIME} (unless declared), and {@code ROWTIME} for streams.
     * The table of an input has these columns in this order.
     */
    public List<RelationColumn> readableColumns() {
        List<RelationColumn> readable = new java.util.ArrayList<>();
        columns.forEach(
                c -> readable.add(new RelationColumn(c.name(), KdaTypes.toFlink(c.type()))));
        if (hasSystemArrivalTime()) {
            readable.add(new RelationColumn(APPROXIMATE_ARRIVAL_TIME, DataTypes.TIMESTAMP(3)));
        }
        if (kind.hasRowtime()) {
            readable.add(new RelationColumn(ROWTIME, DataTypes.TIMESTAMP(3)));
        }
        return readable;
    }

    /** The names a query can read, as {@link #readableColumns()}. */
    public List<String> readableNames() {
        return readableColumns().stream().map(RelationColumn::name).toList();
    }

    /**
     * Whether {@code columnName} is a system column of this stream, one a query can read by name
     * but {@code SELECT *} leaves out: {@code ROWTIME}, and an input's undeclared {@code
     * APPROXIMATE_ARRIVAL_TIME}.
     */
    public boolean isSystemColumn(String columnName) {
        return (kind.hasRowtime() && columnName.equals(ROWTIME))
                || (columnName.equals(APPROXIMATE_ARRIVAL_TIME) && hasSystemArrivalTime());
    }

    /** An input stream whose schema does not declare {@code APPROXIMATE_ARRIVAL_TIME}. */
    private boolean hasSystemArrivalTime() {
        return kind == StreamKind.INPUT && column(APPROXIMATE_ARRIVAL_TIME).isEmpty();
    }
}
