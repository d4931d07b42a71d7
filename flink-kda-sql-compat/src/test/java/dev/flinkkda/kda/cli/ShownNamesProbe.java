package dev.flinkkda.kda.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.accumulators.StringifiedAccumulatorResult;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.util.TestStreamEnvironment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code flink-kda} on a Flink cluster of this JVM, then every name Flink shows of its jobs written
 * to a file, one per line: accumulators (names and values), operators, the job's plan (what the web
 * UI and the REST API show) and every metric's name. Arguments: the file, then flink-kda's. Exits
 * with flink-kda's exit status.
 */
public final class ShownNamesProbe {

    private ShownNamesProbe() {}

    /** A gauge's value when it is text (e.g. a name); else nothing. */
    private static String shownValue(Metric metric) {
        return metric instanceof Gauge<?> gauge && gauge.getValue() instanceof String text
                ? " = " + text
                : "";
    }

    public static void main(String[] args) throws Exception {
        Path namesFile = Path.of(args[0]);
        InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();
        Configuration configuration = reporter.addToConfiguration(new Configuration());
        MiniClusterConfiguration cluster =
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(configuration)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(2)
                        .build();
        int status;
        List<String> names = new ArrayList<>();
        try (MiniCluster miniCluster = new MiniCluster(cluster)) {
            miniCluster.start();
            TestStreamEnvironment.setAsContext(miniCluster, 1);
            try {
                status =
                        FlinkKdaCli.run(
                                Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
            } finally {
                TestStreamEnvironment.unsetAsContext();
            }
            for (JobStatusMessage job : miniCluster.listJobs().get()) {
                AccessExecutionGraph graph = miniCluster.getExecutionGraph(job.getJobId()).get();
                names.add("job " + graph.getJobName());
                for (StringifiedAccumulatorResult accumulator :
                        graph.getAccumulatorResultsStringified()) {
                    names.add(
                            "accumulator "
                                    + accumulator.getName()
                                    + " = "
                                    + accumulator.getValue());
                }
                for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
                    names.add("operator " + vertex.getName());
                }
                names.add("plan " + graph.getJsonPlan());
            }
            reporter.getMetricsByGroup()
                    .forEach(
                            (group, metrics) ->
                                    metrics.forEach(
                                            (name, metric) ->
                                                    names.add(
                                                            "metric "
                                                                    + group.getMetricIdentifier(
                                                                            name)
                                                                    + shownValue(metric))));
        }
        Files.write(namesFile, names, StandardCharsets.UTF_8);
        System.exit(status);
    }
}
