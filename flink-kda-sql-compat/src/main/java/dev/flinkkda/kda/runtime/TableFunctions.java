package dev.flinkkda.kda.runtime;

import dev.flinkkda.analytics.hotspots.Hotspots;
import dev.flinkkda.analytics.hotspots.HotspotsResult;
import dev.flinkkda.analytics.hotspots.HotspotsResultFunction;
import dev.flinkkda.analytics.rcf.AnomalyExplanation;
import dev.flinkkda.analytics.rcf.RandomCutForests;
import dev.flinkkda.analytics.rcf.ScoreFunction;
import dev.flinkkda.kda.sql.analysis.TableFunctionCall;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs KDA's table functions with flink-kda's operators (flink-kda-analytics) over the rows of the
 * cursor's view: each row comes out with the function's columns inserted before its {@code
 * ROWTIME}, which stays the event-time attribute.
 */
final class TableFunctions {

    private TableFunctions() {}

    static Table run(
            PlanStep.TableFunction step,
            StreamTableEnvironment tableEnvironment,
            boolean eventTime) {
        Table input = tableEnvironment.sqlQuery(FlinkSqlEmitter.query(step.input()));
        List<String> names = input.getResolvedSchema().getColumnNames();
        DataStream<Row> rows = tableEnvironment.toDataStream(input);
        List<DataTypes.Field> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (PlanColumn column : step.columns()) {
            fields.add(DataTypes.FIELD(column.name(), column.type()));
            columns.add(Column.physical(column.name(), column.type()));
        }
        ExternalTypeInfo<Row> type =
                ExternalTypeInfo.of(
                        DataTypes.ROW(fields.toArray(new DataTypes.Field[0])).bridgedTo(Row.class));
        SingleOutputStreamOperator<Row> output;
        if (step.call() instanceof TableFunctionCall.RandomCutForest forest) {
            NumericPoint points = new NumericPoint(indices(names, forest.numericColumns()));
            output =
                    forest.explanation()
                            ? RandomCutForests.scoreWithExplanation(
                                    RandomCutForests.wholeStream(rows),
                                    forest.settings(),
                                    points::extract,
                                    forest.numericColumns(),
                                    new WithScore(true),
                                    type)
                            : RandomCutForests.score(
                                    RandomCutForests.wholeStream(rows),
                                    forest.settings(),
                                    points::extract,
                                    new WithScore(false),
                                    type);
        } else if (step.call() instanceof TableFunctionCall.Hotspots hotspots) {
            NumericPoint points = new NumericPoint(indices(names, hotspots.numericColumns()));
            output =
                    Hotspots.detectAll(
                            rows, hotspots.settings(), points::extract, new WithHotspots(), type);
        } else {
            throw new UnsupportedOperationException(step.call().name() + " is not wired yet");
        }
        output =
                ((org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator<Row>) output)
                        .name(step.call().name());
        if (!eventTime) {
            return tableEnvironment.fromDataStream(output);
        }
        return PlanExecutor.withRowtimeAttribute(
                tableEnvironment, output, ResolvedSchema.of(columns));
    }

    private static int[] indices(List<String> names, List<String> columns) {
        int[] indices = new int[columns.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = names.indexOf(columns.get(i));
        }
        return indices;
    }

    /** The numeric columns of a row as a point; NULL is NaN, a missing value to the operators. */
    private record NumericPoint(int[] columns) implements java.io.Serializable {
        double[] extract(Row row) {
            double[] point = new double[columns.length];
            for (int i = 0; i < columns.length; i++) {
                Object value = row.getField(columns[i]);
                point[i] = value == null ? Double.NaN : ((Number) value).doubleValue();
            }
            return point;
        }
    }

    /** A row with {@code extra} values inserted before its last field, {@code ROWTIME}. */
    private static Row insertBeforeRowtime(Row row, Object... extra) {
        int arity = row.getArity();
        Row out = new Row(arity + extra.length);
        for (int i = 0; i < arity - 1; i++) {
            out.setField(i, row.getField(i));
        }
        for (int j = 0; j < extra.length; j++) {
            out.setField(arity - 1 + j, extra[j]);
        }
        out.setField(arity - 1 + extra.length, row.getField(arity - 1));
        return out;
    }

    /** {@code ANOMALY_SCORE} [, {@code ANOMALY_EXPLANATION}] before ROWTIME. */
    private record WithScore(boolean explanation) implements ScoreFunction<Row, Row> {
        @Override
        public Row apply(Row row, double score, @Nullable AnomalyExplanation why) {
            return explanation
                    ? insertBeforeRowtime(row, score, why == null ? null : why.toJson())
                    : insertBeforeRowtime(row, score);
        }
    }

    /** {@code HOTSPOTS_RESULT} before ROWTIME. */
    private static final class WithHotspots implements HotspotsResultFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row apply(Row row, HotspotsResult result) {
            return insertBeforeRowtime(row, result.toJson());
        }
    }
}
