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
 * Per-event sliding windows of 60 s ({@code PerEventSlidingWindows}) against Flink SQL's {@code
 * OVER (PARTITION BY key ORDER BY rowtime RANGE BETWEEN INTERVAL '60' SECOND PRECEDING AND CURRENT
 * ROW)}, with a sum and with a max, on the same generated records ({@link PerEventPipelines}: 1,000
 * keys, one record per key per second of event time, so 61 records per window once a key has a
 * minute of history). As {@link StaggerWindowBenchmark}: each invocation runs one bounded job on a
 * reused local MiniCluster (parallelism 1) — for SQL, the table environment, planning and the
 * DataStream ↔ Table conversions included — into a discarding sink. Every record emits one result.
 * The score is records per millisecond, job submission and teardown included; a plain-Java loop
 * gives the bound. The Flink jobs also report the JVM's CPU time ({@link ProcessCpuTime}: {@code
 * ·cpuNanos / ·records} is the CPU time per record), steadier than wall-clock on a busy machine.
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
@Warmup(iterations = 2)
@Measurement(iterations = 4)
public class PerEventSlidingBenchmark {

    /**
     * Records per invocation of every benchmark: 1,000 per key, 1,000 s of event time; 1,000,000
     * windows, 94 % of them of 61 records (the first minute of each key fills its window). In a
     * one-off timing of 2,000,000 records (single shot, not this JMH setup, load 3–4 on 2 cores) an
     * invocation took about 7 s for ours, 14–17 s for SQL's sum and 19–31 s for SQL's max; with
     * 1,000,000 the slowest takes about 10–15 s.
     */
    public static final int RECORDS_PER_INVOCATION = 1_000_000;

    static final long SIZE_MS = PerEventPipelines.SIZE.toMillis();

    /** {@code EventTimePerEventSlidingWindows.of(60 s).incremental(keyed).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void perEventSum60s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        PerEventPipelines.perEventSum(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** {@code EventTimePerEventSlidingWindows.of(60 s).incremental(keyed).aggregate(max)}. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void perEventMax60s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        PerEventPipelines.perEventMax(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** {@code SUM(value) OVER (… RANGE BETWEEN INTERVAL '60' SECOND PRECEDING AND CURRENT ROW)}. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void sqlOverRangeSum60s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        PerEventPipelines.sqlSum(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** {@code MAX(value) OVER (… RANGE BETWEEN INTERVAL '60' SECOND PRECEDING AND CURRENT ROW)}. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void sqlOverRangeMax60s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        PerEventPipelines.sqlMax(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** The per-event sums in a plain loop: a ring buffer and a running sum per key, no Flink. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void plainJavaSum60s(Blackhole blackhole) {
        PlainJavaPerEvent.sums(RECORDS_PER_INVOCATION, SIZE_MS, blackhole::consume);
    }

    /** The per-event maxima in a plain loop: a monotonic queue per key, no Flink. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void plainJavaMax60s(Blackhole blackhole) {
        PlainJavaPerEvent.maxima(RECORDS_PER_INVOCATION, SIZE_MS, blackhole::consume);
    }
}
