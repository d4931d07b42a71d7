package dev.flinkkda.benchmarks;

import dev.flinkkda.kda.sql.plan.ApplicationPlan;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Row;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Seed 001's KDA STEP application ({@code GROUP BY ticker, FLOOR(EVENT_TIME TO MINUTE),
 * STEP(ROWTIME BY INTERVAL '1' MINUTE)}, {@code COUNT}) translated by flink-kda, against the same
 * query written by hand in Flink SQL with a {@code TUMBLE} window table function, on the same
 * in-memory input ({@link KdaTranslationPipelines}, {@link KdaTickerGenerator}). Each invocation
 * runs one bounded job of {@link #RECORDS_PER_INVOCATION} rows on a reused local MiniCluster
 * (parallelism 1): table environment, planning, job submission and teardown included. The
 * application is translated once per trial (parsing KDA SQL is not measured); the Flink planner
 * runs in every invocation of both. The score is input rows per millisecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(KdaTranslationBenchmark.RECORDS_PER_INVOCATION)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xms2g",
            "-Xmx2g",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED"
        })
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class KdaTranslationBenchmark {

    /**
     * Rows per invocation: 3,000 per ticker, 50 one-minute windows of {@code ROWTIME} per ticker,
     * about 50 minutes of event time.
     */
    public static final int RECORDS_PER_INVOCATION = 3_000_000;

    /** The name of the accumulator that counts the rows a job emits. */
    static final String ROWS_OUT = "rows-out";

    /** The translated application and the number of rows both jobs must emit. */
    @State(Scope.Benchmark)
    public static class Translated {
        ApplicationPlan plan;
        long expectedRows;

        ApplicationPlan checkedPlan;

        @Setup(Level.Trial)
        public void setUp() {
            plan = KdaTranslationPipelines.translateStepApplication();
            checkedPlan = KdaTranslationPipelines.translateCheckedStepApplication();
            expectedRows = PlainJavaStep.rowCount(RECORDS_PER_INVOCATION);
        }
    }

    /** The translated STEP application: {@code KdaTranslator.translate} + {@code PlanExecutor}. */
    @Benchmark
    public long translatedStep1Min(
            FlinkEnvironmentContext context, Translated translated, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        DataStream<Row> rows =
                KdaTranslationPipelines.translated(
                        env,
                        KdaTranslationPipelines.generatedInput(env, RECORDS_PER_INVOCATION),
                        translated.plan);
        long count = run(context, env, rows, translated.expectedRows);
        cpu.stop(start, RECORDS_PER_INVOCATION);
        return count;
    }

    /**
     * The same query by hand: {@code TUMBLE(TABLE …, DESCRIPTOR(ROWTIME), INTERVAL '1' MINUTE)}.
     */
    @Benchmark
    public long handWrittenTumble1Min(
            FlinkEnvironmentContext context, Translated translated, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        DataStream<Row> rows =
                KdaTranslationPipelines.handWritten(
                        env, KdaTranslationPipelines.generatedInput(env, RECORDS_PER_INVOCATION));
        long count = run(context, env, rows, translated.expectedRows);
        cpu.stop(start, RECORDS_PER_INVOCATION);
        return count;
    }

    /**
     * The STEP application with a {@code WHERE} that can fail on a row ({@link
     * KdaTranslationPipelines#CHECKED_FILTER}): every input row passes error_stream's check step (a
     * Table → DataStream → Table split) before the window.
     */
    @Benchmark
    public long translatedCheckedStep1Min(
            FlinkEnvironmentContext context, Translated translated, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        DataStream<Row> rows =
                KdaTranslationPipelines.translated(
                        env,
                        KdaTranslationPipelines.generatedInput(env, RECORDS_PER_INVOCATION),
                        translated.checkedPlan);
        long count = run(context, env, rows, translated.expectedRows);
        cpu.stop(start, RECORDS_PER_INVOCATION);
        return count;
    }

    /** {@link #translatedCheckedStep1Min}'s query by hand: the same filter, no check. */
    @Benchmark
    public long handWrittenFilteredTumble1Min(
            FlinkEnvironmentContext context, Translated translated, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        DataStream<Row> rows =
                KdaTranslationPipelines.handWritten(
                        env,
                        KdaTranslationPipelines.generatedInput(env, RECORDS_PER_INVOCATION),
                        KdaTranslationPipelines.HAND_WRITTEN_FILTERED_SQL);
        long count = run(context, env, rows, translated.expectedRows);
        cpu.stop(start, RECORDS_PER_INVOCATION);
        return count;
    }

    /**
     * Building the translated job alone, not running it: the plan's views, the Flink planner's
     * translation of both table-to-DataStream steps, the stream graph and job graph. In ms per job;
     * part of every {@link #translatedStep1Min} invocation.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(1)
    public JobGraph translatedStepJobGraphOnly(
            FlinkEnvironmentContext context, Translated translated) {
        StreamExecutionEnvironment env = context.environment();
        DataStream<Row> rows =
                KdaTranslationPipelines.translated(
                        env,
                        KdaTranslationPipelines.generatedInput(env, RECORDS_PER_INVOCATION),
                        translated.plan);
        return jobGraph(env, rows);
    }

    /** Building the hand-written job alone, as {@link #translatedStepJobGraphOnly}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(1)
    public JobGraph handWrittenTumbleJobGraphOnly(FlinkEnvironmentContext context) {
        StreamExecutionEnvironment env = context.environment();
        DataStream<Row> rows =
                KdaTranslationPipelines.handWritten(
                        env, KdaTranslationPipelines.generatedInput(env, RECORDS_PER_INVOCATION));
        return jobGraph(env, rows);
    }

    /**
     * The KDA translation alone ({@code KdaTranslator.translate}: parse, analyse, plan), which the
     * other benchmarks do once per trial. In ms per application.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(1)
    public ApplicationPlan kdaTranslateOnly() {
        return KdaTranslationPipelines.translateStepApplication();
    }

    private static JobGraph jobGraph(StreamExecutionEnvironment env, DataStream<Row> rows) {
        rows.map(new CountRows()).returns(rows.getType()).sinkTo(new DiscardingSink<>());
        return env.getStreamGraph().getJobGraph();
    }

    /**
     * Counts the rows into a discarding sink, runs the job, and checks the count: a job that loses
     * rows must not score.
     */
    static long run(
            FlinkEnvironmentContext context,
            StreamExecutionEnvironment env,
            DataStream<Row> rows,
            long expectedRows)
            throws Exception {
        rows.map(new CountRows()).returns(rows.getType()).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = context.execute(env);
        long count = result.<Long>getAccumulatorResult(ROWS_OUT);
        if (count != expectedRows) {
            throw new IllegalStateException(
                    "the job emitted " + count + " rows, expected " + expectedRows);
        }
        return count;
    }

    /** Counts the rows in the accumulator {@link #ROWS_OUT}. */
    static final class CountRows extends RichMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private transient LongCounter rows;

        @Override
        public void open(OpenContext openContext) {
            rows = new LongCounter();
            getRuntimeContext().addAccumulator(ROWS_OUT, rows);
        }

        @Override
        public Row map(Row row) {
            rows.add(1L);
            return row;
        }
    }
}
