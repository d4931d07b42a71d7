package dev.flinkkda.benchmarks;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;

/**
 * A local Flink {@link MiniCluster} (one TaskManager), started once per benchmark trial and reused
 * by every invocation, as apache/flink-benchmarks' {@code FlinkEnvironmentContext} does. Each
 * invocation builds its job on a fresh {@link #environment()} and runs it to the end with {@link
 * #execute}. Parallelism 1, object reuse, heap state backend, no checkpoints, no restarts.
 */
@State(Scope.Thread)
public class FlinkEnvironmentContext {

    public static final int PARALLELISM = 1;

    private Configuration configuration;
    private MiniCluster miniCluster;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        configuration = new Configuration();
        configuration.set(RestOptions.BIND_PORT, "0");
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        configuration.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        configuration.set(PipelineOptions.OBJECT_REUSE, true);
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        // Waiting for a final checkpoint only prolongs a bounded job.
        configuration.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        // Ask for slots at once instead of after the default delay.
        configuration.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ZERO);

        miniCluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(PARALLELISM)
                                .build());
        miniCluster.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (miniCluster != null) {
            miniCluster.close();
            miniCluster = null;
        }
    }

    /** A new environment to build one job on, with this context's configuration. */
    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(configuration);
        env.setParallelism(PARALLELISM);
        return env;
    }

    /**
     * Runs the job built on {@code env} on the MiniCluster and waits until it has finished.
     *
     * @return the job's result, with its accumulators
     */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        JobGraph jobGraph = env.getStreamGraph().getJobGraph();
        return miniCluster.executeJobBlocking(jobGraph);
    }
}
