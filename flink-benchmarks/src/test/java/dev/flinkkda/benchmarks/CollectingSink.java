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
 * the benchmark jobs. Elements are kept as they arrive: a job whose last operator reuses its output
 * objects must copy them first.
 */
final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private static final Map<String, Queue<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id;

    private CollectingSink(String id) {
        this.id = id;
    }

    /**
     * Builds {@code job} over {@code records} records on a new environment of {@code context}, runs
     * it on the context's MiniCluster, as the benchmark does, and returns what it emitted.
     */
    @SuppressWarnings("unchecked")
    static <T> List<T> run(
            FlinkEnvironmentContext context,
            BiFunction<StreamExecutionEnvironment, Long, DataStream<T>> job,
            long records)
            throws Exception {
        String id = UUID.randomUUID().toString();
        RESULTS.put(id, new ConcurrentLinkedQueue<>());
        try {
            StreamExecutionEnvironment env = context.environment();
            job.apply(env, records).sinkTo(new CollectingSink<>(id));
            context.execute(env);
            List<T> results = new ArrayList<>();
            RESULTS.get(id).forEach(element -> results.add((T) element));
            return results;
        } finally {
            RESULTS.remove(id);
        }
    }

    @Override
    @SuppressWarnings("deprecation") // the one abstract method of Flink 1.20's Sink
    public SinkWriter<T> createWriter(InitContext context) {
        Queue<Object> results = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                results.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
