package dev.flinkkda.kda.io;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.json.JsonCoercion;
import dev.flinkkda.kda.json.JsonRecordParser;
import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.json.MalformedRecordException;
import dev.flinkkda.kda.json.RawRecord;
import dev.flinkkda.kda.json.RecordMapper;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Maps an input's raw records to the rows of its table ({@link RecordMapper}: a record gives 0..n
 * rows); a record or row that cannot be read goes to the side output {@link #MALFORMED} instead,
 * and so does, with event time, a row whose {@code ROWTIME} is behind the watermark: KDA sends
 * out-of-order rows to its error stream, and Flink's windows would drop them silently. Records and
 * rows are counted apart; every row of a record carries the record's origin ({@code file:line}).
 *
 * <p>A row is late when its {@code ROWTIME} is more than the watermark delay before the greatest
 * {@code ROWTIME} so far, exactly when {@code forBoundedOutOfOrderness(delay)}'s watermark would
 * have passed it had it been emitted right after the previous row. Deciding here, rather than
 * leaving it to when the periodic watermark happens to be emitted, makes a replay's results
 * repeatable. It requires this function and the watermark generator to see the rows in the same
 * order: the same parallelism, chained. The greatest {@code ROWTIME} is checkpointed: a row right
 * after a restore is late exactly when it was late in the run that checkpointed.
 */
public final class ParseRecords extends ProcessFunction<RawRecord, Row>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    /** The side output of the records that did not become rows. */
    static final OutputTag<MalformedRecord> MALFORMED =
            new OutputTag<>("malformed", TypeInformation.of(MalformedRecord.class));

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final String stream;
    private final RecordMapper mapper;
    private final long watermarkDelayMillis;

    private transient LongCounter records;
    private transient LongCounter rows;
    private transient LongCounter malformed;
    private transient LongCounter late;
    private transient Counter rowsMetric;
    private transient Counter malformedMetric;
    private transient long maxRowtime = Long.MIN_VALUE;
    private transient ListState<Long> maxRowtimeState;

    /**
     * @param stream the input's stream name, for the counters' names
     * @param watermarkDelayMillis the watermark delay when {@code ROWTIME} is event time
     */
    ParseRecords(String stream, RecordMapper mapper, long watermarkDelayMillis) {
        this.stream = stream;
        this.mapper = mapper;
        this.watermarkDelayMillis = watermarkDelayMillis;
    }

    /** Records of JSON objects, a key per column. */
    ParseRecords(String stream, JsonRecordParser parser, long watermarkDelayMillis) {
        this(stream, parser.mapper(), watermarkDelayMillis);
    }

    @Override
    public void open(OpenContext openContext) {
        records = counter(KdaCounters.recordsName(stream));
        rows = counter(KdaCounters.rowsInName(stream));
        malformed = counter(KdaCounters.malformedName(stream));
        late = counter(KdaCounters.lateName(stream));
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("kdaInput", stream);
        rowsMetric = metrics.counter("rows");
        malformedMetric = metrics.counter("malformedOrLate");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        maxRowtimeState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>("max-rowtime", Long.class));
        maxRowtime = Long.MIN_VALUE;
        for (Long restored : maxRowtimeState.get()) {
            maxRowtime = Math.max(maxRowtime, restored);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        maxRowtimeState.update(List.of(maxRowtime));
    }

    private LongCounter counter(String name) {
        return KdaCounters.counter(getRuntimeContext(), name);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Row> out) {
        records.add(1L);
        mapper.map(
                record.text(),
                record.arrivalTime(),
                new RecordMapper.Output() {
                    @Override
                    public void row(Row row) {
                        emit(record, row, ctx, out);
                    }

                    @Override
                    public void error(MalformedRecordException e) {
                        malformed.add(1L);
                        malformedMetric.inc();
                        ctx.output(
                                MALFORMED,
                                new MalformedRecord(
                                        record.origin(),
                                        e.errorName(),
                                        e.getMessage(),
                                        record.text(),
                                        null));
                    }
                });
    }

    /** One row of a record: to the table, or to {@link #MALFORMED} if it is late. */
    private void emit(RawRecord record, Row row, Context ctx, Collector<Row> out) {
        if (mapper.rowtimeMode().isEventTime()) {
            LocalDateTime rowtime = (LocalDateTime) row.getField(row.getArity() - 1);
            long millis = JsonCoercion.epochMillis(rowtime);
            if (maxRowtime != Long.MIN_VALUE && millis < maxRowtime - watermarkDelayMillis) {
                late.add(1L);
                malformedMetric.inc();
                ctx.output(
                        MALFORMED,
                        new MalformedRecord(
                                record.origin(),
                                ErrorName.LATE_ROW,
                                lateReason(rowtime),
                                record.text(),
                                rowtime));
                return;
            }
            maxRowtime = Math.max(maxRowtime, millis);
        }
        rows.add(1L);
        rowsMetric.inc();
        out.collect(row);
    }

    private String lateReason(LocalDateTime rowtime) {
        LocalDateTime max =
                LocalDateTime.ofEpochSecond(
                        Math.floorDiv(maxRowtime, 1000L),
                        (int) Math.floorMod(maxRowtime, 1000L) * 1_000_000,
                        ZoneOffset.UTC);
        return "late: ROWTIME "
                + TIME.format(rowtime)
                + " is more than the watermark delay ("
                + watermarkDelayMillis
                + " ms) before the latest ROWTIME "
                + TIME.format(max);
    }
}
