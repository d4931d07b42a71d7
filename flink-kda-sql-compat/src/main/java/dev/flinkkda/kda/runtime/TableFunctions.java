package dev.flinkkda.kda.runtime;

import dev.flinkkda.analytics.hotspots.Hotspots;
import dev.flinkkda.analytics.hotspots.HotspotsResult;
import dev.flinkkda.analytics.hotspots.HotspotsResultFunction;
import dev.flinkkda.analytics.rcf.AnomalyExplanation;
import dev.flinkkda.analytics.rcf.RandomCutForestSettings;
import dev.flinkkda.analytics.rcf.RandomCutForests;
import dev.flinkkda.analytics.rcf.ScoreFunction;
import dev.flinkkda.analytics.sketches.DistinctCount;
import dev.flinkkda.analytics.sketches.DistinctCountAccumulator;
import dev.flinkkda.analytics.sketches.ItemCount;
import dev.flinkkda.analytics.sketches.SketchSettings;
import dev.flinkkda.analytics.sketches.TopKItems;
import dev.flinkkda.kda.sql.analysis.TableFunctionCall;
import dev.flinkkda.kda.sql.emit.FlinkSqlEmitter;
import dev.flinkkda.kda.sql.plan.PlanColumn;
import dev.flinkkda.kda.sql.plan.PlanStep;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs KDA's table functions with flink-kda's operators (flink-kda-analytics) over the rows of the
 * cursor's view, as KDA does over the whole stream: RANDOM_CUT_FOREST and HOTSPOTS give each row
 * with their columns inserted before its {@code ROWTIME}; TOP_K_ITEMS_TUMBLING and
 * COUNT_DISTINCT_ITEMS_TUMBLING give rows per tumbling window whose {@code ROWTIME} is the window's
 * end. {@code ROWTIME} stays the event-time attribute.
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
            RandomCutForestSettings settings =
                    tableEnvironment
                            .getConfig()
                            .getOptional(KdaRuntimeOptions.RANDOM_CUT_FOREST_SEED)
                            .map(forest.settings()::withRandomSeed)
                            .orElse(forest.settings());
            output =
                    forest.explanation()
                            ? RandomCutForests.scoreWithExplanation(
                                    RandomCutForests.wholeStream(rows),
                                    settings,
                                    points::extract,
                                    forest.numericColumns(),
                                    new WithScore(true),
                                    type)
                            : RandomCutForests.score(
                                    RandomCutForests.wholeStream(rows),
                                    settings,
                                    points::extract,
                                    new WithScore(false),
                                    type);
        } else if (step.call() instanceof TableFunctionCall.Hotspots hotspots) {
            NumericPoint points = new NumericPoint(indices(names, hotspots.numericColumns()));
            output =
                    Hotspots.detectAll(
                            rows, hotspots.settings(), points::extract, new WithHotspots(), type);
        } else if (step.call() instanceof TableFunctionCall.TopKItems top) {
            int item = names.indexOf(top.column());
            TopKItems<Row, Object> function =
                    TopKItems.of(new Field(item), itemType(input, item), top.k());
            output =
                    windows(rows, top.windowSeconds(), eventTime)
                            .aggregate(
                                    function,
                                    new ItemRows(),
                                    function.accumulatorType(),
                                    function.resultType(),
                                    type);
        } else {
            TableFunctionCall.DistinctCount distinct =
                    (TableFunctionCall.DistinctCount) step.call();
            int item = names.indexOf(distinct.column());
            output =
                    windows(rows, distinct.windowSeconds(), eventTime)
                            .aggregate(
                                    DistinctCount.of(new Field(item), itemType(input, item)),
                                    new CountRow(),
                                    TypeInformation.of(DistinctCountAccumulator.class),
                                    Types.LONG,
                                    type);
        }
        // Also replaces the library's own uid (Hotspots sets "hotspots"): one per step.
        output.name(step.call().name()).uid("flink-kda-step-" + step.name() + "-table-function");
        if (!eventTime) {
            return tableEnvironment.fromDataStream(output);
        }
        return PlanExecutor.withRowtimeAttribute(
                tableEnvironment, output, ResolvedSchema.of(columns));
    }

    /** KDA's tumbling windows of the whole stream (one subtask), on ROWTIME or the clock. */
    private static WindowedStream<Row, Integer, TimeWindow> windows(
            DataStream<Row> rows, int seconds, boolean eventTime) {
        Duration size = SketchSettings.windowSize(seconds);
        KeyedStream<Row, Integer> whole = rows.keyBy(new WholeStream(), Types.INT);
        return eventTime
                ? whole.window(TumblingEventTimeWindows.of(size))
                : whole.window(TumblingProcessingTimeWindows.of(size));
    }

    @SuppressWarnings("unchecked")
    private static TypeInformation<Object> itemType(Table input, int column) {
        return (TypeInformation<Object>)
                (TypeInformation<?>)
                        ExternalTypeInfo.of(
                                input.getResolvedSchema().getColumnDataTypes().get(column));
    }

    /** The one key of a whole stream. */
    private static final class WholeStream implements KeySelector<Row, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(Row row) {
            return 0;
        }
    }

    /** One field of a row, the item a sketch counts. */
    private record Field(int index) implements KeySelector<Row, Object> {
        @Override
        public Object getKey(Row row) {
            return row.getField(index);
        }
    }

    /** The window's end as a ROWTIME value. */
    private static LocalDateTime end(TimeWindow window) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(window.getEnd()), ZoneOffset.UTC);
    }

    /** One row per item: {@code ITEM, ITEM_COUNT, ROWTIME}. */
    private static final class ItemRows
            extends ProcessWindowFunction<List<ItemCount<Object>>, Row, Integer, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                Integer key,
                Context context,
                Iterable<List<ItemCount<Object>>> results,
                Collector<Row> out) {
            for (List<ItemCount<Object>> items : results) {
                for (ItemCount<Object> item : items) {
                    out.collect(Row.of(item.item, item.count, end(context.window())));
                }
            }
        }
    }

    /** {@code NUMBER_OF_DISTINCT_ITEMS, ROWTIME}. */
    private static final class CountRow
            extends ProcessWindowFunction<Long, Row, Integer, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                Integer key, Context context, Iterable<Long> counts, Collector<Row> out) {
            for (Long count : counts) {
                out.collect(Row.of(count, end(context.window())));
            }
        }
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
