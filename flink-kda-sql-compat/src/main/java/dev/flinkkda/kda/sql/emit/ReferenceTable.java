package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.options.ReferenceSpec;
import dev.flinkkda.kda.reference.ReferenceSource;
import dev.flinkkda.kda.reference.ReferenceTables;
import dev.flinkkda.kda.schema.KdaColumn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;

/**
 * A reference table in a SQL-client script: flink-kda's {@code kda-reference-file} lookup connector
 * over a local file (its options as {@link ReferenceTables#descriptor} makes them), read once when
 * the job starts as KDA reads its S3 object. Flink's own filesystem connector offers no lookup.
 */
final class ReferenceTable {

    private ReferenceTable() {}

    /** The table's {@code CREATE TABLE}; a spec without a file names a placeholder path. */
    static String render(ReferenceSpec reference) {

        ReferenceSource source =
                reference.source() != null
                        ? reference.source()
                        : ReferenceSource.file(
                                Path.of("/path/to/" + reference.tableName() + ".csv"));
        Map<String, String> options =
                new LinkedHashMap<>(
                        ReferenceTables.descriptor(reference.schema(), source, reference.format())
                                .getOptions());
        List<String> columns = new ArrayList<>();
        for (KdaColumn column : reference.schema().columns()) {
            columns.add(name(column.name()) + " " + FlinkSqlEmitter.type(column.dataType()));
        }
        return new TableDdl(
                        reference.tableName(),
                        List.of(
                                "reference table "
                                        + name(reference.tableName())
                                        + ": read once when the job starts, as KDA does"
                                        + " (flink-kda's connector)"),
                        columns,
                        Optional.empty(),
                        List.of(),
                        options)
                .render();
    }
}
