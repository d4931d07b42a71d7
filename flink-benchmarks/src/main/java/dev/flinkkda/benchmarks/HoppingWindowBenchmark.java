package dev.flinkkda.benchmarks;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Hopping windows of 60 s every 0.5 s against Flink's {@code SlidingEventTimeWindows.of(60 s, 0.5
 * s)} and Flink SQL's {@code HOP}, and hop = size = 1 min against Flink's tumbling windows, with
 * the same {@link SumAggregate} on the same generated records ({@link RecordGenerator}). As {@link
 * StaggerWindowBenchmark}: each invocation runs one bounded job on a reused local MiniCluster
 * (parallelism 1): source, keyBy, window, sum, discarding sink. The score is records per
 * millisecond, job submission and teardown included.
 *
 * <p>Flink's sliding windows copy each record into its 120 windows: in a one-off timing (not JMH,
 * on a busy 2-core machine) they ran at 6–9 records/ms, against about 3,000 for its tumbling
 * windows. So their job (and Flink SQL's {@code HOP}, about as fast in the run) runs on
 * {@link #SLIDING_RECORDS_PER_INVOCATION} records, to keep an invocation at about 15 s; the score
 * is per record either way.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
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
public class HoppingWindowBenchmark {

    /**
     * Records per invocation of the fast-path and tumbling jobs, as {@link StaggerWindowBenchmark}:
     * 7,200 per key, 2 h of event time; 14,518 windows of 60 s every 0.5 s per key.
     */
    public static final int RECORDS_PER_INVOCATION = 7_200_000;

    /** Records per invocation of Flink's sliding windows: 120 per key, 2 min of event time. */
    public static final int SLIDING_RECORDS_PER_INVOCATION = 120_000;

    /** Flink's {@code keyed.window(SlidingEventTimeWindows.of(60 s, 0.5 s)).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(SLIDING_RECORDS_PER_INVOCATION)
    public void flinkSliding60sEvery500ms(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        HoppingPipelines.flinkSliding(env, SLIDING_RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, SLIDING_RECORDS_PER_INVOCATION);
    }

    /**
     * Flink SQL: {@code SELECT key, window_start, window_end, SUM(value) FROM TABLE(HOP(TABLE
     * records, DESCRIPTOR(rt), INTERVAL '0.5' SECOND, INTERVAL '60' SECOND)) GROUP BY key,
     * window_start, window_end} ({@link HoppingPipelines#HOP_QUERY}), on as many records as Flink's
     * sliding windows (in the run it was as slow).
     */
    @Benchmark
    @OperationsPerInvocation(SLIDING_RECORDS_PER_INVOCATION)
    public void sqlHop60sEvery500ms(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        HoppingPipelines.sqlHop(env, SLIDING_RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, SLIDING_RECORDS_PER_INVOCATION);
    }

    /**
     * {@code EventTimeHoppingWindows.of(60 s, 0.5 s).incremental(keyed) .aggregate(sum)}: panes of
     * 0.5 s, two stacks.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void hoppingIncremental60sEvery500ms(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        HoppingPipelines.hoppingIncremental(env, RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** {@code keyed.window(TumblingEventTimeWindows.of(1 min)).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void tumblingEventTime1Min(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        WindowPipelines.tumbling(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * {@code EventTimeHoppingWindows.of(1 min, 1 min).incremental(keyed) .aggregate(sum)}: hop =
     * size, one slice per window.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void hoppingIncrementalTumbling1Min(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        HoppingPipelines.hoppingIncrementalTumbling(env, RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * The same sums of 60 s every 0.5 s in a plain-Java loop (a ring of pane sums per key, the
     * leaving pane subtracted): the physical bound.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void plainJavaHopping60sEvery500ms(Blackhole blackhole) {
        PlainJavaWindows.hoppingSums(
                RECORDS_PER_INVOCATION,
                HoppingPipelines.SIZE.toMillis(),
                HoppingPipelines.HOP.toMillis(),
                blackhole::consume);
    }
}
