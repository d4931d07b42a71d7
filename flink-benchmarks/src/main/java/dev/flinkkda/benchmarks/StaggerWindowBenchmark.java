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
 * Stagger windows of 1 minute against Flink's tumbling windows of 1 minute and against a plain-Java
 * loop, on the same generated records, modelled on apache/flink-benchmarks' {@code
 * WindowBenchmarks}. Each Flink invocation runs one bounded job of {@link #RECORDS_PER_INVOCATION}
 * records on a reused local MiniCluster (parallelism 1): source, keyBy, window, sum, discarding
 * sink. The score is records per millisecond, job submission and teardown included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(StaggerWindowBenchmark.RECORDS_PER_INVOCATION)
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
public class StaggerWindowBenchmark {

    /**
     * Records per invocation: 7,200 per key, 120 one-minute windows per key, 120,000 windows; about
     * 1 s per invocation for the tumbling job on a 2-core machine, so that job submission is a
     * small part of the measured time.
     */
    public static final int RECORDS_PER_INVOCATION = 7_200_000;

    /** {@code EventTimeStaggerWindows.of(1 min).window(keyed).aggregate(sum)}. */
    @Benchmark
    public void staggerEventTime1Min(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        WindowPipelines.stagger(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * {@code EventTimeStaggerWindows.of(1 min).incremental(keyed).aggregate(sum)}: the dedicated
     * stagger operator.
     */
    @Benchmark
    public void staggerIncrementalEventTime1Min(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        WindowPipelines.staggerIncremental(env, RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** {@code keyed.window(EventTimeStaggerWindows.of(1 min)).aggregate(sum)}: no ordering step. */
    @Benchmark
    public void staggerAssignerOnlyEventTime1Min(
            FlinkEnvironmentContext context, ProcessCpuTime cpu) throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        WindowPipelines.staggerAssignerOnly(env, RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** {@code keyed.window(TumblingEventTimeWindows.of(1 min)).aggregate(sum)}. */
    @Benchmark
    public void tumblingEventTime1Min(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        WindowPipelines.tumbling(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * Flink SQL: {@code TUMBLE(TABLE records, DESCRIPTOR(rt), INTERVAL '1' MINUTE)} with {@code
     * SUM(value) GROUP BY key, window_start, window_end} ({@link WindowPipelines#TUMBLE_QUERY}),
     * the same records as a table with the stream's watermarks. On this input its windows hold the
     * stagger windows' records.
     */
    @Benchmark
    public void sqlTumble1Min(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        WindowPipelines.sqlTumble(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** The same stagger-window sums in a plain-Java loop with a HashMap: the physical bound. */
    @Benchmark
    public void plainJavaAggregation(Blackhole blackhole) {
        PlainJavaWindows.staggerSums(
                RECORDS_PER_INVOCATION, WindowPipelines.WINDOW_SIZE.toMillis(), blackhole::consume);
    }
}
