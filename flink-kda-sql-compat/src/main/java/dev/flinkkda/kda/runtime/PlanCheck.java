package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.reference.ReferenceTables;
import dev.flinkkda.kda.sql.analysis.RelationColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.analysis.StreamKind;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanStep;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Has Flink's planner accept a translated application without running it: its inputs and reference
 * tables are registered with their schemas (no data is read), the plan's steps become views, and
 * each in-application stream is optimised as a job would be. What Flink would reject when the job
 * starts is found here.
 */
public final class PlanCheck {

    private PlanCheck() {}

    /**
     * @throws TranslationRejectedException when Flink rejects the translation, naming the pump
     */
    public static void check(ApplicationPlan plan) {
        StreamTableEnvironment tables = views(plan);
        for (PlanStep step : plan.steps()) {
            StreamDefinition stream = plan.application().streams().get(step.name());
            if (stream != null && stream.kind() == StreamKind.IN_APPLICATION) {
                try {
                    tables.from(FlinkSqlEmitter.name(step.name())).explain();
                } catch (RuntimeException | Error e) {
                    throw TranslationRejectedException.of(plan, step.name(), e);
                }
            }
        }
    }

    /**
     * A table environment with the application's inputs and reference tables (no data) and the
     * plan's steps as views, for looking at what Flink makes of them.
     */
    public static StreamTableEnvironment views(ApplicationPlan plan) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        for (StreamDefinition stream : plan.application().streams().values()) {
            if (stream.kind() == StreamKind.INPUT) {
                registerInput(env, tables, stream);
            } else if (stream.kind() == StreamKind.REFERENCE_TABLE) {
                tables.createTemporaryTable(
                        FlinkSqlEmitter.name(stream.name()),
                        ReferenceTables.descriptor(
                                ReferenceTables.schemaOf(stream),
                                Path.of("plan-check-never-read.csv"),
                                ReferenceFormat.json()));
            }
        }
        PlanExecutor.execute(plan, tables, true);
        return tables;
    }

    /** An input with its columns and an event-time ROWTIME, over a stream that is never run. */
    private static void registerInput(
            StreamExecutionEnvironment env, StreamTableEnvironment tables, StreamDefinition input) {
        List<DataTypes.Field> fields = new ArrayList<>();
        Schema.Builder schema = Schema.newBuilder();
        for (RelationColumn column : input.readableColumns()) {
            fields.add(DataTypes.FIELD(column.name(), column.type()));
            schema.column(column.name(), column.type());
        }
        schema.watermark(StreamDefinition.ROWTIME, "SOURCE_WATERMARK()");
        int arity = fields.size();
        ExternalTypeInfo<Row> rowType =
                ExternalTypeInfo.of(
                        DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).bridgedTo(Row.class));
        DataStream<Row> rows =
                env.fromSequence(0, 0).map(i -> new Row(arity)).returns(rowType).name(input.name());
        tables.createTemporaryView(
                FlinkSqlEmitter.name(input.name()), tables.fromDataStream(rows, schema.build()));
    }
}
