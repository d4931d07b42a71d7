package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.io.FirehoseSinks;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.plan.PlanColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.flinkkda.kda.sql.emit.FlinkSqlEmitter.name;

/**
 * An output as Flink SQL: a sink table with the stream's columns, {@code ROWTIME} first as {@code
 * flink-kda run} writes them, and the {@code INSERT} that fills it from the stream's view.
 *
 * <p>Locations: a Kinesis stream ({@code 'connector' = 'kinesis'}), a file (Flink's {@code
 * filesystem} connector, which writes a directory of part files at that path, committed at
 * checkpoints or when a bounded input ends), or stdout (Flink's {@code print} connector: the
 * TaskManagers' stdout). Records are JSON or CSV as the output's {@code RecordFormatType} says.
 *
 * @param ddl the sink table's statement
 * @param insert the {@code INSERT INTO … SELECT … FROM view} of the statement set, without {@code
 *     ;}
 */
record OutputTable(String ddl, String insert) {

    /** The sink table of the {@code index}-th output (from 1) of {@code output}'s stream. */
    static OutputTable of(
            OutputSpec output, List<PlanColumn> viewColumns, boolean eventTime, int index) {
        String table = output.streamName() + "__OUTPUT" + (index == 1 ? "" : "_" + index);
        List<String> columns = new ArrayList<>();
        List<String> items = new ArrayList<>();
        columns.add(name(StreamDefinition.ROWTIME) + " TIMESTAMP(3)");
        items.add(
                eventTime
                        ? name(StreamDefinition.ROWTIME)
                        : "CAST(" + name(StreamDefinition.ROWTIME) + " AS TIMESTAMP(3))");
        for (PlanColumn column : viewColumns) {
            if (!column.name().equals(StreamDefinition.ROWTIME)) {
                columns.add(name(column.name()) + " " + FlinkSqlEmitter.type(column.type()));
                items.add(name(column.name()));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("output " + output.label() + ", " + output.format());
        Map<String, String> options = new LinkedHashMap<>();
        List<String> partitionedBy = new ArrayList<>();
        StreamLocation location = output.location();
        if (location instanceof StreamLocation.Kinesis kinesis) {
            KinesisTableOptions kinesisOptions = KinesisTableOptions.of(kinesis, false);
            options.putAll(kinesisOptions.options());
            notes.addAll(kinesisOptions.notes());
            kinesis.settings().partitionKey().ifPresent(partitionedBy::add);
        } else if (location instanceof StreamLocation.Firehose firehose) {
            options.putAll(FirehoseSinks.tableOptions(firehose));
            notes.add(
                    "Flink's firehose connector (flink-connector-aws-kinesis-firehose"
                            + " 4.3.0-1.19): one record per row, records Firehose refuses retried");
        } else if (location instanceof StreamLocation.File file) {
            options.put("connector", "filesystem");
            options.put("path", file.path().toAbsolutePath().normalize().toString());
            notes.add(
                    "Flink's filesystem sink writes a directory of part files at this path,"
                            + " committed at each checkpoint (SET 'execution.checkpointing.interval')"
                            + " or when a bounded input ends");
        } else {
            options.put("connector", "print");
            notes.add("stdout: Flink's print connector, on the TaskManagers' stdout (+I[…] rows)");
        }
        if (!(location instanceof StreamLocation.Stdout)) {
            options.put("format", output.format() == RecordFormatType.CSV ? "csv" : "json");
        }
        String ddl =
                new TableDdl(
                                table,
                                notes,
                                columns,
                                java.util.Optional.empty(),
                                partitionedBy,
                                options)
                        .render();
        String insert =
                "INSERT INTO "
                        + name(table)
                        + "\nSELECT "
                        + String.join(", ", items)
                        + " FROM "
                        + name(output.streamName());
        return new OutputTable(ddl, insert);
    }
}
