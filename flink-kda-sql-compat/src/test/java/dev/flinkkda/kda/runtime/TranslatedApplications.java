package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.reference.ReferenceTables;
import dev.flinkkda.kda.sql.analysis.AnalyzedApplication;
import dev.flinkkda.kda.sql.analysis.Analyzer;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;
import dev.flinkkda.kda.sql.plan.Planner;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a KDA application, translated, on the test's MiniCluster over rows given in the test: the
 * input stream's columns are declared in KDA's syntax, each row ends with its {@code ROWTIME} and,
 * optionally, its {@code APPROXIMATE_ARRIVAL_TIME} (by default the {@code ROWTIME}, as for a file
 * without the field) unless the columns declare it.
 */
public final class TranslatedApplications {

    private TranslatedApplications() {}

    /**
     * A reference table the application joins, registered from its file before the plan runs.
     *
     * @param name the name the application uses, e.g. {@code CompanyName}
     * @param columns in KDA's syntax, e.g. {@code "Ticker" VARCHAR(4), "Company" VARCHAR(64)}
     */
    public record ReferenceTable(String name, String columns, Path file, ReferenceFormat format) {}

    /**
     * @param inputColumns e.g. {@code "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP"}
     * @param rows values in column order, then {@code ROWTIME}, then optionally {@code
     *     APPROXIMATE_ARRIVAL_TIME}, in arrival order
     * @param output the stream to read, e.g. {@code DESTINATION_SQL_STREAM}
     * @return the output stream's rows: its columns, then {@code ROWTIME}
     */
    static List<Row> run(
            String applicationSql, String inputColumns, List<Object[]> rows, String output)
            throws Exception {
        return run(applicationSql, inputColumns, rows, output, List.of());
    }

    /** {@link #run(String, String, List, String)} with reference tables. */
    public static List<Row> run(
            String applicationSql,
            String inputColumns,
            List<Object[]> rows,
            String output,
            List<ReferenceTable> referenceTables)
            throws Exception {
        List<StreamColumn> columns = columns(inputColumns);
        List<StreamDefinition> references = new ArrayList<>();
        for (ReferenceTable table : referenceTables) {
            references.add(StreamDefinition.referenceTable(table.name(), columns(table.columns())));
        }
        StreamDefinition inputStream = StreamDefinition.input("SOURCE_SQL_STREAM_001", columns);
        AnalyzedApplication application =
                Analyzer.analyze(
                        KdaSqlParser.parse(applicationSql, "app.sql"),
                        List.of(inputStream),
                        references);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);

        List<DataTypes.Field> fields = new ArrayList<>();
        Schema.Builder schema = Schema.newBuilder();
        for (StreamColumn column : columns) {
            DataType type =
                    TypeConversions.fromLogicalToDataType(
                            LogicalTypeParser.parse(
                                    FlinkSqlEmitter.type(KdaTypes.toFlink(column.type())),
                                    TranslatedApplications.class.getClassLoader()));
            fields.add(DataTypes.FIELD(column.name(), type));
            schema.column(column.name(), type);
        }
        boolean systemArrival =
                inputStream.isSystemColumn(StreamDefinition.APPROXIMATE_ARRIVAL_TIME);
        if (systemArrival) {
            fields.add(
                    DataTypes.FIELD(
                            StreamDefinition.APPROXIMATE_ARRIVAL_TIME, DataTypes.TIMESTAMP(3)));
            schema.column(StreamDefinition.APPROXIMATE_ARRIVAL_TIME, DataTypes.TIMESTAMP(3));
        }
        fields.add(DataTypes.FIELD(StreamDefinition.ROWTIME, DataTypes.TIMESTAMP(3)));
        schema.column(StreamDefinition.ROWTIME, DataTypes.TIMESTAMP(3));
        schema.watermark(StreamDefinition.ROWTIME, "SOURCE_WATERMARK()");
        int n = columns.size();
        int rowtime = fields.size() - 1;
        List<Row> input = new ArrayList<>();
        for (Object[] values : rows) {
            Row row = new Row(fields.size());
            for (int i = 0; i < n; i++) {
                row.setField(i, values[i]);
            }
            row.setField(rowtime, values[n]);
            if (systemArrival) {
                row.setField(n, values.length > n + 1 ? values[n + 1] : values[n]);
            }
            input.add(row);
        }
        var stream =
                env.fromData(
                                input,
                                ExternalTypeInfo.of(
                                        DataTypes.ROW(fields.toArray(new DataTypes.Field[0]))
                                                .bridgedTo(Row.class)))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Row>forBoundedOutOfOrderness(Duration.ZERO)
                                        .withTimestampAssigner(
                                                (row, previous) ->
                                                        ((LocalDateTime) row.getField(rowtime))
                                                                .toInstant(ZoneOffset.UTC)
                                                                .toEpochMilli()));
        tables.createTemporaryView(
                FlinkSqlEmitter.name("SOURCE_SQL_STREAM_001"),
                tables.fromDataStream(stream, schema.build()));
        for (int i = 0; i < references.size(); i++) {
            ReferenceTable table = referenceTables.get(i);
            ReferenceTables.register(tables, references.get(i), table.file(), table.format());
        }
        PlanExecutor.execute(Planner.plan(application), tables, true);

        List<Row> result = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tables.from(FlinkSqlEmitter.name(output)).execute().collect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    /** The columns of a KDA column list, e.g. {@code TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE}. */
    private static List<StreamColumn> columns(String columnList) {
        CreateStream declaration =
                KdaSqlParser.parse("CREATE STREAM input (" + columnList + ");", "input")
                        .streams()
                        .get(0);
        List<StreamColumn> columns = new ArrayList<>();
        declaration
                .columns()
                .forEach(c -> columns.add(new StreamColumn(c.name().name(), c.type())));
        return columns;
    }

    /** A time of 2018-08-01 (seed 001's day), e.g. {@code 11:00:20} or {@code 10:00:00.200}. */
    static LocalDateTime at(String time) {
        return LocalDateTime.parse(time.contains("T") ? time : "2018-08-01T" + time);
    }
}
