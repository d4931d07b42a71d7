package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.errorstream.KdaError;
import dev.flinkkda.kda.functions.KdaFunctionCatalog;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;
import dev.flinkkda.windows.sliding.EventTimePerEventSlidingWindows;
import dev.flinkkda.windows.sliding.PerEventResultFunction;
import dev.flinkkda.windows.sliding.PerEventSlidingWindows;
import dev.flinkkda.windows.sliding.ProcessingTimePerEventSlidingWindows;
import dev.flinkkda.windows.stagger.EventTimeStaggerWindows;
import dev.flinkkda.windows.stagger.ProcessingTimeStaggerWindows;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a translated application's steps in a {@link StreamTableEnvironment} whose input streams are
 * already registered as tables: each step becomes a temporary view, so that the in-application
 * streams can be read by name afterwards ({@code
 * tableEnvironment.from("`DESTINATION_SQL_STREAM`")}).
 */
public final class PlanExecutor {

    private PlanExecutor() {}

    /**
     * @param eventTime whether {@code ROWTIME} is an event-time attribute (else processing time)
     * @return the rows the pumps' checks sent to {@code error_stream} ({@link PlanStep.RowErrors}),
     *     one stream per check
     * @throws TranslationRejectedException when Flink's planner rejects a step, naming its pump
     */
    public static List<DataStream<KdaError>> execute(
            ApplicationPlan plan, StreamTableEnvironment tableEnvironment, boolean eventTime) {
        KdaFunctionCatalog.register(tableEnvironment);
        List<DataStream<KdaError>> errors = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            try {
                executeStep(step, tableEnvironment, eventTime, errors);
            } catch (RuntimeException | Error e) {
                // Flink's parser throws Errors too (TokenMgrError)
                throw TranslationRejectedException.of(plan, step.name(), e);
            }
        }
        return errors;
    }

    /**
     * The rows of a checked input without error, as a table with the input's columns and time
     * attribute; the rows with one go to {@code errors}.
     */
    private static Table checkRows(
            PlanStep.RowErrors step,
            StreamTableEnvironment tableEnvironment,
            List<DataStream<KdaError>> errors) {
        Table checked = tableEnvironment.sqlQuery(FlinkSqlEmitter.query(step.query()));
        List<Column> columns = checked.getResolvedSchema().getColumns();
        List<Integer> kept = new ArrayList<>();
        List<Integer> data = new ArrayList<>();
        List<String> dataNames = new ArrayList<>();
        List<DataTypes.Field> keptFields = new ArrayList<>();
        Schema.Builder schema = Schema.newBuilder();
        int errorField = -1;
        int rowtimeField = -1;
        boolean rowtimeAttribute = false;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String name = column.getName();
            LogicalType type = column.getDataType().getLogicalType();
            if (name.equals(step.errorColumn())) {
                errorField = i;
                continue;
            }
            if (name.equals(StreamDefinition.ROWTIME)) {
                rowtimeField = i;
            } else {
                data.add(i);
                dataNames.add(name);
            }
            if (LogicalTypeChecks.isProctimeAttribute(type)) {
                // computed again downstream: the clock when a row is read there
                schema.columnByExpression(name, "PROCTIME()");
                continue;
            }
            DataType plain =
                    LogicalTypeChecks.isRowtimeAttribute(type)
                            ? DataTypes.TIMESTAMP(LogicalTypeChecks.getPrecision(type))
                            : column.getDataType();
            rowtimeAttribute |= LogicalTypeChecks.isRowtimeAttribute(type);
            kept.add(i);
            keptFields.add(DataTypes.FIELD(name, plain));
            schema.column(name, plain);
        }
        if (rowtimeAttribute) {
            schema.watermark(StreamDefinition.ROWTIME, "SOURCE_WATERMARK()");
        }
        SingleOutputStreamOperator<Row> rows =
                tableEnvironment
                        .toDataStream(checked)
                        .process(
                                new RowErrorSplit(
                                        errorField,
                                        rowtimeField,
                                        kept.stream().mapToInt(Integer::intValue).toArray(),
                                        data.stream().mapToInt(Integer::intValue).toArray(),
                                        dataNames,
                                        step.pump()))
                        .returns(
                                ExternalTypeInfo.of(
                                        DataTypes.ROW(keptFields.toArray(new DataTypes.Field[0]))
                                                .bridgedTo(Row.class)))
                        .name("error_stream check " + step.name())
                        .uid("flink-kda-step-" + step.name() + "-error-check");
        errors.add(rows.getSideOutput(RowErrorSplit.ERRORS));
        return tableEnvironment.fromDataStream(rows, schema.build());
    }

    private static void executeStep(
            PlanStep step,
            StreamTableEnvironment tableEnvironment,
            boolean eventTime,
            List<DataStream<KdaError>> errors) {
        Table view;
        if (step instanceof PlanStep.View sql) {
            view = tableEnvironment.sqlQuery(FlinkSqlEmitter.query(sql.query()));
        } else if (step instanceof PlanStep.RowtimeView rowtime) {
            Table table = tableEnvironment.sqlQuery(FlinkSqlEmitter.query(rowtime.query()));
            view =
                    eventTime
                            ? withTimeAttribute(
                                    tableEnvironment,
                                    tableEnvironment.toDataStream(table),
                                    table.getResolvedSchema(),
                                    rowtime.timeAttribute(),
                                    rowtime.outOfOrderMillis())
                            : table;
        } else if (step instanceof PlanStep.PerEventAggregation range) {
            view = perEvent(range, tableEnvironment, eventTime);
        } else if (step instanceof PlanStep.TableFunction function) {
            view = TableFunctions.run(function, tableEnvironment, eventTime);
        } else if (step instanceof PlanStep.RowErrors checked) {
            view = checkRows(checked, tableEnvironment, errors);
        } else {
            view = stagger((PlanStep.StaggerAggregation) step, tableEnvironment, eventTime);
        }
        tableEnvironment.createTemporaryView(FlinkSqlEmitter.name(step.name()), view);
    }

    /**
     * A table of {@code rows} whose {@code ROWTIME} column is the event-time attribute, with the
     * watermarks the stream already carries.
     */
    static Table withRowtimeAttribute(
            StreamTableEnvironment tableEnvironment, DataStream<Row> rows, ResolvedSchema schema) {
        return withTimeAttribute(tableEnvironment, rows, schema, StreamDefinition.ROWTIME, 0);
    }

    /**
     * A table of {@code rows} whose {@code attribute} column is the event-time attribute: with the
     * stream's watermarks, or for rows out of order by up to {@code outOfOrderMillis}, watermarks
     * made from the attribute.
     */
    static Table withTimeAttribute(
            StreamTableEnvironment tableEnvironment,
            DataStream<Row> rows,
            ResolvedSchema schema,
            String attribute,
            long outOfOrderMillis) {
        Schema.Builder builder = Schema.newBuilder();
        for (Column column : schema.getColumns()) {
            // a time attribute of the query is a plain timestamp here
            LogicalType type = column.getDataType().getLogicalType();
            builder.column(
                    column.getName(),
                    LogicalTypeChecks.isTimeAttribute(type)
                            ? DataTypes.TIMESTAMP(LogicalTypeChecks.getPrecision(type))
                            : column.getDataType());
        }
        builder.watermark(attribute, FlinkSqlEmitter.watermark(attribute, outOfOrderMillis));
        return tableEnvironment.fromDataStream(rows, builder.build());
    }

    private static Table stagger(
            PlanStep.StaggerAggregation step,
            StreamTableEnvironment tableEnvironment,
            boolean eventTime) {
        Table input = tableEnvironment.sqlQuery(FlinkSqlEmitter.query(step.input()));
        List<DataTypes.Field> keyFields = new ArrayList<>();
        List<DataTypes.Field> outputFields = new ArrayList<>();
        List<PlanColumn> columns = step.columns();
        for (int k = 0; k < columns.size(); k++) {
            DataTypes.Field field = DataTypes.FIELD(columns.get(k).name(), columns.get(k).type());
            if (k < step.keyCount()) {
                keyFields.add(field);
            }
            outputFields.add(field);
        }
        DataType keyType = DataTypes.ROW(keyFields.toArray(new DataTypes.Field[0]));
        DataType outputType = DataTypes.ROW(outputFields.toArray(new DataTypes.Field[0]));

        DataStream<Row> rows = tableEnvironment.toDataStream(input);
        KeyedStream<Row, RowKey> keyed =
                rows.keyBy(new KeyColumns(step.keyCount(), ExternalTypeInfo.of(keyType)));
        RowAggregate aggregate = new RowAggregate(step.aggregates());
        ExternalTypeInfo<Row> accumulatorType =
                ExternalTypeInfo.of(RowAggregate.accumulatorType(step.aggregates()));
        ExternalTypeInfo<Row> resultType =
                ExternalTypeInfo.of(RowAggregate.resultType(step.aggregates()));
        ExternalTypeInfo<Row> output = ExternalTypeInfo.of(outputType.bridgedTo(Row.class));
        Duration range = Duration.ofMillis(step.rangeMillis());
        DataStream<Row> windows;
        if (eventTime) {
            windows =
                    EventTimeStaggerWindows.of(range)
                            .incremental(keyed)
                            .aggregate(
                                    aggregate,
                                    new KeysAggregatesAndClose(),
                                    accumulatorType,
                                    output)
                            .name("StaggerWindows " + step.name())
                            .uid("flink-kda-step-" + step.name() + "-stagger-windows");
        } else {
            windows =
                    keyed.window(ProcessingTimeStaggerWindows.of(range))
                            .aggregate(
                                    aggregate,
                                    new KeysAggregatesAndClose(),
                                    accumulatorType,
                                    resultType,
                                    output)
                            .name("StaggerWindows " + step.name())
                            .uid("flink-kda-step-" + step.name() + "-stagger-windows");
        }
        if (!eventTime) {
            return tableEnvironment.fromDataStream(windows);
        }
        List<Column> schema = new ArrayList<>();
        for (DataTypes.Field field : outputFields) {
            schema.add(Column.physical(field.getName(), field.getDataType()));
        }
        return withRowtimeAttribute(tableEnvironment, windows, ResolvedSchema.of(schema));
    }

    /**
     * KDA's {@code RANGE INTERVAL … PRECEDING} window: flink-kda's per-event sliding operator with
     * later peers excluded, keyed by the step's first columns (one key, parallelism 1, without
     * {@code PARTITION BY}); each input row comes out with the aggregates of its window appended.
     * On event time the output's {@code ROWTIME} is the event-time attribute again, with the
     * watermarks of the operator (each row is emitted when the watermark reaches its ROWTIME).
     */
    private static Table perEvent(
            PlanStep.PerEventAggregation step,
            StreamTableEnvironment tableEnvironment,
            boolean eventTime) {
        Table input = tableEnvironment.sqlQuery(FlinkSqlEmitter.query(step.input()));
        List<Column> inputColumns = input.getResolvedSchema().getColumns();
        List<DataTypes.Field> keyFields = new ArrayList<>();
        List<Column> outputColumns = new ArrayList<>();
        for (int k = 0; k < inputColumns.size(); k++) {
            Column column = inputColumns.get(k);
            // a processing-time ROWTIME comes out of the table as a value
            DataType type = DataTypes.of(column.getDataType().getLogicalType().copy());
            if (k < step.keyCount()) {
                keyFields.add(DataTypes.FIELD(column.getName(), type));
            }
            outputColumns.add(Column.physical(column.getName(), plain(column.getDataType())));
        }
        for (int j = 0; j < step.aggregates().size(); j++) {
            outputColumns.add(
                    Column.physical(
                            step.aggregateColumns().get(j), step.aggregates().get(j).resultType()));
        }
        List<DataTypes.Field> outputFields = new ArrayList<>();
        for (Column column : outputColumns) {
            outputFields.add(DataTypes.FIELD(column.getName(), column.getDataType()));
        }
        ExternalTypeInfo<Row> output =
                ExternalTypeInfo.of(
                        DataTypes.ROW(outputFields.toArray(new DataTypes.Field[0]))
                                .bridgedTo(Row.class));

        DataStream<Row> rows = tableEnvironment.toDataStream(input);
        KeyedStream<Row, RowKey> keyed =
                rows.keyBy(
                        new KeyColumns(
                                step.keyCount(),
                                ExternalTypeInfo.of(
                                        DataTypes.ROW(keyFields.toArray(new DataTypes.Field[0]))
                                                .bridgedTo(Row.class))));
        Duration range = Duration.ofMillis(step.rangeMillis());
        PerEventSlidingWindows windows =
                eventTime
                        ? EventTimePerEventSlidingWindows.of(range).excludingLaterPeers()
                        : ProcessingTimePerEventSlidingWindows.of(range).excludingLaterPeers();
        SingleOutputStreamOperator<Row> result =
                windows.incremental(keyed)
                        .aggregate(
                                new RowAggregate(step.aggregates()),
                                new RowWithAggregates(),
                                ExternalTypeInfo.of(
                                        RowAggregate.accumulatorType(step.aggregates())),
                                output)
                        .name("PerEventSlidingWindows " + step.name())
                        .uid("flink-kda-step-" + step.name() + "-per-event-windows");
        if (step.keyCount() == 0) {
            result.setParallelism(1).setMaxParallelism(1);
        }
        if (!eventTime) {
            return tableEnvironment.fromDataStream(result);
        }
        return withRowtimeAttribute(tableEnvironment, result, ResolvedSchema.of(outputColumns));
    }

    /** A column's type without its time attribute (a ROWTIME read out of a table is a value). */
    private static DataType plain(DataType type) {
        org.apache.flink.table.types.logical.LogicalType logical = type.getLogicalType();
        if (logical instanceof org.apache.flink.table.types.logical.TimestampType timestamp) {
            return DataTypes.TIMESTAMP(timestamp.getPrecision())
                    .nullable()
                    .bridgedTo(type.getConversionClass());
        }
        if (logical instanceof org.apache.flink.table.types.logical.LocalZonedTimestampType local) {
            return DataTypes.TIMESTAMP_LTZ(local.getPrecision())
                    .nullable()
                    .bridgedTo(type.getConversionClass());
        }
        return type;
    }

    /** The row that fired a window, then its window's aggregates. */
    private static final class RowWithAggregates implements PerEventResultFunction<Row, Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row apply(Row element, Row aggregates, TimeWindow window) {
            Row row = new Row(element.getArity() + aggregates.getArity());
            for (int i = 0; i < element.getArity(); i++) {
                row.setField(i, element.getField(i));
            }
            for (int j = 0; j < aggregates.getArity(); j++) {
                row.setField(element.getArity() + j, aggregates.getField(j));
            }
            return row;
        }
    }

    /** The first {@code count} columns of a row, as the key. */
    private static final class KeyColumns
            implements KeySelector<Row, RowKey>, ResultTypeQueryable<RowKey> {
        private static final long serialVersionUID = 1L;

        private final int count;
        private final RowKeyTypeInfo type;

        KeyColumns(int count, ExternalTypeInfo<Row> columnsType) {
            this.count = count;
            this.type = RowKeyTypeInfo.of(columnsType);
        }

        @Override
        public RowKey getKey(Row row) {
            Row key = new Row(count);
            for (int k = 0; k < count; k++) {
                key.setField(k, row.getField(k));
            }
            return RowKey.of(key);
        }

        @Override
        public org.apache.flink.api.common.typeinfo.TypeInformation<RowKey> getProducedType() {
            return type;
        }
    }

    /** The output row: keys, aggregates, and {@code ROWTIME} = the window's close. */
    private static final class KeysAggregatesAndClose
            extends ProcessWindowFunction<Row, Row, RowKey, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                RowKey columns, Context context, Iterable<Row> results, Collector<Row> out) {
            Row key = columns.row();
            Row aggregates = results.iterator().next();
            Row row = new Row(key.getArity() + aggregates.getArity() + 1);
            for (int k = 0; k < key.getArity(); k++) {
                row.setField(k, key.getField(k));
            }
            for (int j = 0; j < aggregates.getArity(); j++) {
                row.setField(key.getArity() + j, aggregates.getField(j));
            }
            row.setField(
                    row.getArity() - 1,
                    LocalDateTime.ofInstant(
                            Instant.ofEpochMilli(context.window().getEnd()), ZoneOffset.UTC));
            out.collect(row);
        }
    }
}
