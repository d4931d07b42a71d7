package dev.flinkkda.benchmarks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;

/**
 * Collects a job's output into a static queue (the job runs in this JVM), for the smoke tests of
 * the benchmark jobs.
 */
final class CollectingSink implements Sink<Long> {
    private static final long serialVersionUID = 1L;

    private static final Map<String, Queue<Long>> RESULTS = new ConcurrentHashMap<>();

    private final String id;

    private CollectingSink(String id) {
        this.id = id;
    }

    /**
     * Builds {@code job} over {@code records} records on a new environment of {@code context}, runs
     * it on the context's MiniCluster, as the benchmark does, and returns what it emitted.
     */
    static List<Long> run(
            FlinkEnvironmentContext context,
            BiFunction<StreamExecutionEnvironment, Long, DataStream<Long>> job,
            long records)
            throws Exception {
        String id = UUID.randomUUID().toString();
        RESULTS.put(id, new ConcurrentLinkedQueue<>());
        try {
            StreamExecutionEnvironment env = context.environment();
            job.apply(env, records).sinkTo(new CollectingSink(id));
            context.execute(env);
            return new ArrayList<>(RESULTS.get(id));
        } finally {
            RESULTS.remove(id);
        }
    }

    @Override
    @SuppressWarnings("deprecation") // the one abstract method of Flink 1.20's Sink
    public SinkWriter<Long> createWriter(InitContext context) {
        Queue<Long> results = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(Long element, Context context) {
                results.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
