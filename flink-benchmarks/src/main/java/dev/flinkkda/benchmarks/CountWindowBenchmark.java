package dev.flinkkda.benchmarks;

import dev.flinkkda.windows.count.CountWindows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
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
 * Count windows against Flink's {@code countWindow} and a plain-Java loop, on the same generated
 * records ({@link RecordGenerator}: 1,000 keys round robin) and the same sum {@code
 * AggregateFunction}, one bounded job per invocation on a reused MiniCluster at parallelism 1, as
 * {@link StaggerWindowBenchmark}. Sliding: 1,000 elements every 10; tumbling: 100. The Flink jobs
 * also report the JVM's CPU time ({@link ProcessCpuTime}: {@code ·cpuNanos / ·records} per record).
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
@Measurement(iterations = 3)
public class CountWindowBenchmark {

    /**
     * Sliding: 2,000 records per key, 101 windows of 1,000 per key (Flink's sliding count window is
     * slow, so an invocation takes about 13 s there). Tumbling: 10,000 records per key, 100 windows
     * of 100 per key, so that an invocation lasts about a second and the job's start-up is a small
     * part of it.
     */
    public static final int SLIDING_RECORDS = 2_000_000;

    public static final int TUMBLING_RECORDS = 10_000_000;

    static final long SLIDING_SIZE = 1_000;
    static final long SLIDING_STRIDE = 10;
    static final long TUMBLING_SIZE = 100;

    private static KeyedStream<IntLongRecord, Integer> keyed(
            StreamExecutionEnvironment env, int records) {
        return WindowPipelines.keyed(env, records);
    }

    private static void run(
            FlinkEnvironmentContext context,
            StreamExecutionEnvironment env,
            DataStream<Long> sums,
            ProcessCpuTime cpu,
            long records)
            throws Exception {
        long start = cpu.start();
        sums.sinkTo(new DiscardingSink<>());
        context.execute(env);
        cpu.stop(start, records);
    }

    /** {@code CountWindows.of(1000, 10).incremental(keyed).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(SLIDING_RECORDS)
    public void countSliding1000By10(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        StreamExecutionEnvironment env = context.environment();
        run(
                context,
                env,
                CountWindows.of(SLIDING_SIZE, SLIDING_STRIDE)
                        .incremental(keyed(env, SLIDING_RECORDS))
                        .aggregate(new SumAggregate()),
                cpu,
                SLIDING_RECORDS);
    }

    /** Flink's {@code keyed.countWindow(1000, 10).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(SLIDING_RECORDS)
    public void flinkCountWindowSliding1000By10(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        StreamExecutionEnvironment env = context.environment();
        run(
                context,
                env,
                keyed(env, SLIDING_RECORDS)
                        .countWindow(SLIDING_SIZE, SLIDING_STRIDE)
                        .aggregate(new SumAggregate()),
                cpu,
                SLIDING_RECORDS);
    }

    /** {@code CountWindows.tumbling(100).incremental(keyed).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(TUMBLING_RECORDS)
    public void countTumbling100(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        StreamExecutionEnvironment env = context.environment();
        run(
                context,
                env,
                CountWindows.tumbling(TUMBLING_SIZE)
                        .incremental(keyed(env, TUMBLING_RECORDS))
                        .aggregate(new SumAggregate()),
                cpu,
                TUMBLING_RECORDS);
    }

    /** Flink's {@code keyed.countWindow(100).aggregate(sum)}. */
    @Benchmark
    @OperationsPerInvocation(TUMBLING_RECORDS)
    public void flinkCountWindowTumbling100(FlinkEnvironmentContext context, ProcessCpuTime cpu)
            throws Exception {
        StreamExecutionEnvironment env = context.environment();
        run(
                context,
                env,
                keyed(env, TUMBLING_RECORDS)
                        .countWindow(TUMBLING_SIZE)
                        .aggregate(new SumAggregate()),
                cpu,
                TUMBLING_RECORDS);
    }

    /** The sliding sums in a plain loop: a ring buffer and a running sum per key. */
    @Benchmark
    @OperationsPerInvocation(SLIDING_RECORDS)
    public void plainJavaSliding1000By10(Blackhole blackhole) {
        PlainJavaWindows.slidingCountSums(
                SLIDING_RECORDS, SLIDING_SIZE, SLIDING_STRIDE, blackhole::consume);
    }
}
