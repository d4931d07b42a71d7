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
 * Session windows with a gap of 10 s and a maximum duration of 60 s against Flink's {@code
 * EventTimeSessionWindows.withGap(10 s)} (no maximum) and against a plain-Java loop, on the same
 * generated records ({@link SessionRecordGenerator}: 1,000 keys, per key bursts of records 1 s
 * apart and pauses of 20 s or more; every other burst is longer than 60 s and is cut). As {@link
 * StaggerWindowBenchmark}: each Flink invocation runs one bounded job of {@link
 * #RECORDS_PER_INVOCATION} records on a reused local MiniCluster (parallelism 1): source, keyBy,
 * window, sum, discarding sink. The score is records per millisecond, job submission and teardown
 * included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(SessionWindowBenchmark.RECORDS_PER_INVOCATION)
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
public class SessionWindowBenchmark {

    /**
     * Records per invocation, as {@link StaggerWindowBenchmark}: 7,200 per key, about 51 cycles of
     * a 40-record and a 100-record burst per key over 10,285 s of event time; 103,550 sessions
     * without a maximum duration and 154,870 with it.
     */
    public static final int RECORDS_PER_INVOCATION = 7_200_000;

    /** Flink's {@code keyed.window(EventTimeSessionWindows.withGap(10 s)).aggregate(sum)}. */
    @Benchmark
    public void flinkSessionGap10s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        SessionPipelines.flinkSessions(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * {@code keyed.window(EventTimeCappedSessionWindows.withGap(10 s).withMaxDuration(60 s))
     * .aggregate(sum)}: the assigner alone, no ordering step.
     */
    @Benchmark
    public void cappedSessionAssignerOnlyGap10sMax60s(
            FlinkEnvironmentContext context, ProcessCpuTime cpu) throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        SessionPipelines.cappedAssignerOnly(env, RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * {@code withGap(10 s).withMaxDuration(60 s).window(keyed) .aggregate(sum)}: the ordering step
     * in front of Flink's window operator.
     */
    @Benchmark
    public void cappedSessionGap10sMax60s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        SessionPipelines.cappedWindow(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * {@code withGap(10 s).withMaxDuration(60 s).incremental(keyed) .aggregate(sum)}: the dedicated
     * capped-session operator.
     */
    @Benchmark
    public void cappedSessionIncrementalGap10sMax60s(
            FlinkEnvironmentContext context, ProcessCpuTime cpu) throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        SessionPipelines.cappedIncremental(env, RECORDS_PER_INVOCATION)
                .sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /**
     * Flink SQL: {@code SESSION(TABLE records PARTITION BY key, DESCRIPTOR(rt), INTERVAL '10'
     * SECOND)} with {@code SUM(value) GROUP BY key, window_start, window_end} ({@link
     * SessionPipelines#SESSION_QUERY}). Uncapped: SQL has no maximum duration, so its peer is
     * {@link #flinkSessionGap10s} (103,550 sessions, against 154,870 capped ones).
     */
    @Benchmark
    public void sqlSessionGap10s(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        long start = cpu.start();
        StreamExecutionEnvironment env = context.environment();
        SessionPipelines.sqlSessions(env, RECORDS_PER_INVOCATION).sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, RECORDS_PER_INVOCATION);
    }

    /** The same capped-session sums in a plain-Java loop with a HashMap: the physical bound. */
    @Benchmark
    public void plainJavaCappedSessions(Blackhole blackhole) {
        PlainJavaWindows.sessionSums(
                RECORDS_PER_INVOCATION,
                SessionPipelines.GAP.toMillis(),
                SessionPipelines.MAX_DURATION.toMillis(),
                blackhole::consume);
    }
}
