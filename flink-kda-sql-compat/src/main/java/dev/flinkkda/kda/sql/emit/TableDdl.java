package dev.flinkkda.kda.sql.emit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;
import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.string;

/**
 * One {@code CREATE TABLE} statement of a script: notes above it, its columns (physical, metadata
 * or computed, each already written), a watermark, partition keys and connector options.
 *
 * @param notes comment lines written above the statement, without {@code --}
 * @param columns each column's definition, e.g. {@code `PRICE` DOUBLE}
 * @param partitionedBy column names of {@code PARTITIONED BY}, e.g. a Kinesis sink's partition key
 */
record TableDdl(
        String tableName,
        List<String> notes,
        List<String> columns,
        Optional<String> watermark,
        List<String> partitionedBy,
        Map<String, String> options) {

    TableDdl {
        Objects.requireNonNull(tableName, "tableName");
        notes = List.copyOf(notes);
        columns = List.copyOf(columns);
        Objects.requireNonNull(watermark, "watermark");
        partitionedBy = List.copyOf(partitionedBy);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table has at least one column");
        }
    }

    /** The statement, ending in {@code ;} and a line break. */
    String render() {
        StringBuilder sql = new StringBuilder();
        notes.forEach(n -> sql.append("-- ").append(n).append('\n'));
        List<String> lines = new ArrayList<>(columns);
        watermark.ifPresent(w -> lines.add(w));
        sql.append("CREATE TABLE ").append(name(tableName)).append(" (\n  ");
        sql.append(String.join(",\n  ", lines)).append("\n)");
        if (!partitionedBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            partitionedBy.forEach(k -> keys.add(name(k)));
            sql.append(" PARTITIONED BY (").append(String.join(", ", keys)).append(')');
        }
        List<String> pairs = new ArrayList<>();
        options.forEach((k, v) -> pairs.add(string(k) + " = " + string(v)));
        sql.append(" WITH (\n  ").append(String.join(",\n  ", pairs)).append("\n);\n");
        return sql.toString();
    }
}
