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
 * The flink-kda-analytics operators against the peer a user would otherwise pick and against a
 * plain-Java loop, on the records of {@link AnalyticsPipelines}:
 *
 * <ul>
 *   <li>Random Cut Forest: {@code RandomCutForests.score} against the raw library loop in a {@code
 *       KeyedProcessFunction} and in a plain loop ({@link #RCF_RECORDS} records, 4 keys, 3
 *       dimensions, KDA's default forest);
 *   <li>distinct count per one-minute tumbling window: {@code DistinctCount} against a raw
 *       DataSketches {@code HllSketch} {@code AggregateFunction} in the same window and a plain
 *       loop;
 *   <li>top 10 per one-minute tumbling window: {@code TopKItems} against Flink SQL's window top-N
 *       (TUMBLE, GROUP BY, {@code ROW_NUMBER() <= 10}) and a plain loop with a {@code HashMap}.
 * </ul>
 *
 * <p>As {@link StaggerWindowBenchmark}: each Flink invocation runs one bounded job on a reused
 * local MiniCluster (parallelism 1) and ends in a discarding sink; the score is records per
 * millisecond, job submission and teardown included.
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
public class AnalyticsBenchmark {

    /**
     * Records per Random Cut Forest invocation: 25,000 per key (a forest scores and learns each).
     */
    public static final int RCF_RECORDS = 100_000;

    /**
     * Records per sketch invocation: 60 minutes of event time, 60,000 records per minute, 120
     * windows (2 keys).
     */
    public static final int SKETCH_RECORDS = 3_600_000;

    /** flink-kda-analytics: {@code RandomCutForests.score}. */
    @Benchmark
    @OperationsPerInvocation(RCF_RECORDS)
    public void rcfScore(FlinkEnvironmentContext context) throws Exception {
        StreamExecutionEnvironment env = context.environment();
        AnalyticsPipelines.rcfScore(env, RCF_RECORDS).sinkTo(new DiscardingSink<>());
        context.execute(env);
    }

    /** The raw RandomCutForest loop in a plain KeyedProcessFunction. */
    @Benchmark
    @OperationsPerInvocation(RCF_RECORDS)
    public void rcfRawLibraryInFlink(FlinkEnvironmentContext context) throws Exception {
        StreamExecutionEnvironment env = context.environment();
        AnalyticsPipelines.rcfRawLibrary(env, RCF_RECORDS).sinkTo(new DiscardingSink<>());
        context.execute(env);
    }

    /** The raw RandomCutForest loop, no Flink: the physical bound. */
    @Benchmark
    @OperationsPerInvocation(RCF_RECORDS)
    public void rcfPlainJava(Blackhole blackhole) {
        PlainJavaAnalytics.rcfScores(RCF_RECORDS, blackhole::consume);
    }

    /** flink-kda-analytics: {@code DistinctCount} per one-minute tumbling window. */
    @Benchmark
    @OperationsPerInvocation(SKETCH_RECORDS)
    public void distinctCount(FlinkEnvironmentContext context) throws Exception {
        StreamExecutionEnvironment env = context.environment();
        AnalyticsPipelines.distinctCount(env, SKETCH_RECORDS).sinkTo(new DiscardingSink<>());
        context.execute(env);
    }

    /** A raw HllSketch AggregateFunction in the same window. */
    @Benchmark
    @OperationsPerInvocation(SKETCH_RECORDS)
    public void distinctRawHllInFlink(FlinkEnvironmentContext context) throws Exception {
        StreamExecutionEnvironment env = context.environment();
        AnalyticsPipelines.rawHllCount(env, SKETCH_RECORDS).sinkTo(new DiscardingSink<>());
        context.execute(env);
    }

    /** The raw HLL counts in a plain loop, no Flink: the physical bound. */
    @Benchmark
    @OperationsPerInvocation(SKETCH_RECORDS)
    public void distinctPlainJava(Blackhole blackhole) {
        PlainJavaAnalytics.hllCounts(SKETCH_RECORDS, blackhole::consume);
    }

    /** flink-kda-analytics: {@code TopKItems} (K = 10) per one-minute tumbling window. */
    @Benchmark
    @OperationsPerInvocation(SKETCH_RECORDS)
    public void topKItems(FlinkEnvironmentContext context) throws Exception {
        StreamExecutionEnvironment env = context.environment();
        AnalyticsPipelines.topKItems(env, SKETCH_RECORDS).sinkTo(new DiscardingSink<>());
        context.execute(env);
    }

    /** Flink SQL: TUMBLE, GROUP BY and ROW_NUMBER() &lt;= 10. */
    @Benchmark
    @OperationsPerInvocation(SKETCH_RECORDS)
    public void topKFlinkSql(FlinkEnvironmentContext context) throws Exception {
        StreamExecutionEnvironment env = context.environment();
        AnalyticsPipelines.topKSql(env, SKETCH_RECORDS).sinkTo(new DiscardingSink<>());
        context.execute(env);
    }

    /** The exact top 10 in a plain loop with a HashMap, no Flink: the physical bound. */
    @Benchmark
    @OperationsPerInvocation(SKETCH_RECORDS)
    public void topKPlainJava(Blackhole blackhole) {
        PlainJavaAnalytics.topK(SKETCH_RECORDS, blackhole::consume);
    }
}
