package dev.flinkkda.kda.io;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.json.JsonCoercion;
import dev.flinkkda.kda.json.JsonRecordParser;
import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.json.MalformedRecordException;
import dev.flinkkda.kda.json.RawRecord;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Parses an input's raw records into the rows of its table ({@link JsonRecordParser}); a record
 * that cannot be read goes to the side output {@link #MALFORMED} instead, and so does, with event
 * time, a row whose {@code ROWTIME} is behind the watermark: KDA sends out-of-order rows to its
 * error stream, and Flink's windows would drop them silently.
 *
 * <p>A row is late when its {@code ROWTIME} is more than the watermark delay before the greatest
 * {@code ROWTIME} so far, exactly when {@code forBoundedOutOfOrderness(delay)}'s watermark would
 * have passed it had it been emitted right after the previous row. Deciding here, rather than
 * leaving it to when the periodic watermark happens to be emitted, makes a replay's results
 * repeatable. It requires this function and the watermark generator to see the rows in the same
 * order: the same parallelism, chained.
 */
public final class ParseRecords extends ProcessFunction<RawRecord, Row> {

    private static final long serialVersionUID = 1L;

    /** The side output of the records that did not become rows. */
    static final OutputTag<MalformedRecord> MALFORMED =
            new OutputTag<>("malformed", TypeInformation.of(MalformedRecord.class));

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    private final String stream;
    private final JsonRecordParser parser;
    private final long watermarkDelayMillis;

    private transient LongCounter records;
    private transient LongCounter rows;
    private transient LongCounter malformed;
    private transient LongCounter late;
    private transient Counter rowsMetric;
    private transient Counter malformedMetric;
    private transient long maxRowtime;

    /**
     * @param stream the input's stream name, for the counters' names
     * @param watermarkDelayMillis the watermark delay when {@code ROWTIME} is event time
     */
    ParseRecords(String stream, JsonRecordParser parser, long watermarkDelayMillis) {
        this.stream = stream;
        this.parser = parser;
        this.watermarkDelayMillis = watermarkDelayMillis;
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
        maxRowtime = Long.MIN_VALUE;
    }

    private LongCounter counter(String name) {
        return KdaCounters.counter(getRuntimeContext(), name);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Row> out) {
        records.add(1L);
        Row row;
        try {
            row = parser.parse(record.text(), record.arrivalTime());
        } catch (MalformedRecordException e) {
            malformed.add(1L);
            malformedMetric.inc();
            ctx.output(
                    MALFORMED,
                    new MalformedRecord(
                            record.origin(), e.errorName(), e.getMessage(), record.text(), null));
            return;
        }
        if (parser.rowtimeMode().isEventTime()) {
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
