package dev.flinkkda.kda.io;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.options.OutputSpec;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

import java.util.Map;
import java.util.Objects;

/**
 * What a run read and wrote, per stream: Flink accumulators ({@code LongCounter}s) that the input
 * and output operators keep. Read them after a bounded run from {@link
 * JobExecutionResult#getAllAccumulatorResults()}, or while a job runs from {@code
 * JobClient.getAccumulators()}, e.g. for progress reports.
 *
 * <p>For each input, {@code records = rowsIn + malformed + late}; blank lines of a file are not
 * records.
 */
public final class KdaCounters {

    private static final String PREFIX = "flink-kda.";

    private final Map<String, Object> accumulators;

    private KdaCounters(Map<String, Object> accumulators) {
        this.accumulators = Map.copyOf(accumulators);
    }

    /** The counters among a job's accumulators. */
    public static KdaCounters of(Map<String, Object> accumulators) {
        return new KdaCounters(Objects.requireNonNull(accumulators, "accumulators"));
    }

    /** The counters of a finished job. */
    public static KdaCounters of(JobExecutionResult result) {
        return of(result.getAllAccumulatorResults());
    }

    /** The records read from an input, whatever became of them. */
    public long records(String inputStream) {
        return get(recordsName(inputStream));
    }

    /** The rows an input gave its stream. */
    public long rowsIn(String inputStream) {
        return get(rowsInName(inputStream));
    }

    /** The records of an input that could not be read ({@link MalformedRecord}s, late ones not). */
    public long malformed(String inputStream) {
        return get(malformedName(inputStream));
    }

    /**
     * The records of an input dropped because their {@code ROWTIME} was behind the watermark (also
     * on the malformed side output).
     */
    public long late(String inputStream) {
        return get(lateName(inputStream));
    }

    /** The rows sent to {@code error_stream} as {@code name}, from inputs and pumps. */
    public long errors(ErrorName name) {
        return get(errorsName(name));
    }

    /** The rows written by an output. */
    public long rowsOut(OutputSpec output) {
        return get(rowsOutName(output));
    }

    private long get(String name) {
        Object value = accumulators.get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    /**
     * The task's counter of this name, registered on first use. Two operators of one task may count
     * under one name (e.g. the same output written and collected); they share the counter.
     */
    public static LongCounter counter(RuntimeContext context, String name) {
        Accumulator<Long, Long> existing = context.getAccumulator(name);
        if (existing instanceof LongCounter counter) {
            return counter;
        }
        LongCounter counter = new LongCounter();
        context.addAccumulator(name, counter);
        return counter;
    }

    static String recordsName(String stream) {
        return PREFIX + "input." + stream + ".records";
    }

    static String rowsInName(String stream) {
        return PREFIX + "input." + stream + ".rows";
    }

    static String malformedName(String stream) {
        return PREFIX + "input." + stream + ".malformed";
    }

    static String lateName(String stream) {
        return PREFIX + "input." + stream + ".late";
    }

    /** The name of the counter of {@link #errors}. */
    public static String errorsName(ErrorName name) {
        return PREFIX + "errors." + name.name();
    }

    static String rowsOutName(OutputSpec output) {
        // the label, not the location's settings: Flink shows accumulator names in its web UI
        return PREFIX + "output." + output.label() + ".rows";
    }
}
