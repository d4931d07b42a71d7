package dev.flinkkda.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A job running on a {@link StandaloneFlinkCluster}: its state, checkpoints and task metrics over
 * REST, waiting for a condition while the job runs, and cancelling.
 */
public final class FlinkJob {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkJob.class);

    /** States of a job that no longer runs or is about to stop. */
    public static final List<String> STOPPED_STATES =
            List.of("FAILING", "FAILED", "CANCELLING", "CANCELED", "FINISHED", "SUSPENDED");

    private static final List<String> TERMINAL_STATES = List.of("CANCELED", "FAILED", "FINISHED");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_LINES = 60;

    private final StandaloneFlinkCluster cluster;
    private final FlinkRestClient rest;
    private final String id;

    FlinkJob(StandaloneFlinkCluster cluster, String id) {
        this.cluster = cluster;
        this.rest = cluster.rest();
        this.id = id;
    }

    /** The job id. */
    public String id() {
        return id;
    }

    /** The job's state, e.g. {@code RUNNING}. */
    public String state() {
        return rest.jobState(id);
    }

    /** {@code /jobs/<id>/checkpoints}, see {@link FlinkRestClient#checkpoints}. */
    public JsonNode checkpoints() {
        return rest.checkpoints(id);
    }

    /**
     * The records the subtasks of the vertex whose name contains {@code vertexName} have read from
     * the network, as Flink's metrics last reported them ({@code metrics.fetcher.update-interval}).
     */
    public long recordsRead(String vertexName) {
        for (JsonNode vertex : rest.job(id).path("vertices")) {
            if (vertex.path("name").asText().contains(vertexName)) {
                return vertex.path("metrics").path("read-records").asLong();
            }
        }
        throw new IllegalStateException("job " + id + " has no vertex named *" + vertexName + "*");
    }

    /** Whether the job is RUNNING with every task RUNNING (deployed and restored). */
    public boolean allTasksRunning() {
        JsonNode job = rest.job(id);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Polls {@code probe} until it returns a value, and returns it. Fails at once if the job stops,
     * and after {@code timeout}; the failure message names {@code what} and holds the job's root
     * exception or the end of the cluster's logs.
     *
     * @param what what is awaited, evaluated for the failure message (it may list what has arrived)
     */
    public <T> T await(Duration timeout, Supplier<String> what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            String state = state();
            if (STOPPED_STATES.contains(state)) {
                throw new AssertionError(
                        String.format(
                                "job %s is %s while waiting for %s: %s%s",
                                id,
                                state,
                                what.get(),
                                rest.jobException(id),
                                cluster.logTails(LOG_LINES)));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        String.format(
                                "no %s within %s (job %s is %s)%s",
                                what.get(), timeout, id, state, cluster.logTails(LOG_LINES)));
            }
            Waiting.sleep(POLL_INTERVAL);
        }
    }

    /**
     * Waits until a checkpoint triggered after {@code epochMillis} has completed; returns {@code
     * /jobs/<id>/checkpoints} then (its {@code latest.completed} is that checkpoint or a later
     * one).
     */
    public JsonNode awaitCheckpointTriggeredAfter(long epochMillis, Duration timeout) {
        return await(
                timeout,
                () -> "a checkpoint triggered after " + epochMillis + ": " + checkpoints(),
                () ->
                        Optional.of(checkpoints())
                                .filter(
                                        json ->
                                                json.path("latest")
                                                                .path("completed")
                                                                .path("trigger_timestamp")
                                                                .asLong()
                                                        > epochMillis));
    }

    /**
     * Waits until the job has restored a checkpoint and runs all its tasks again; returns the
     * restored checkpoint ({@code latest.restored} of {@code /jobs/<id>/checkpoints}).
     */
    public JsonNode awaitRestore(Duration timeout) {
        return await(
                timeout,
                () -> "a restore from a checkpoint: " + checkpoints(),
                () -> {
                    JsonNode restored = checkpoints().path("latest").path("restored");
                    return restored.isObject() && allTasksRunning()
                            ? Optional.of(restored)
                            : Optional.empty();
                });
    }

    /**
     * Per vertex of the job (by name, in the job's order), the resource ids of the TaskManagers
     * that run (or ran) its subtasks, e.g. {@code [taskmanager-1, taskmanager-2]}.
     */
    public Map<String, Set<String>> taskManagersByVertex() {
        Map<String, Set<String>> taskManagers = new LinkedHashMap<>();
        for (JsonNode vertex : rest.job(id).path("vertices")) {
            Set<String> ids = new TreeSet<>();
            for (JsonNode subtask : rest.vertex(id, vertex.path("id").asText()).path("subtasks")) {
                ids.add(subtask.path("taskmanager-id").asText());
            }
            taskManagers.put(vertex.path("name").asText(), ids);
        }
        return taskManagers;
    }

    /**
     * Stops the job with a savepoint in {@code targetDirectory}, without draining (REST {@code POST
     * /jobs/<id>/stop}, {@code drain=false}: open windows stay open in the savepoint, as when an
     * application is stopped to be updated), and waits until the savepoint is complete and the job
     * has finished. Returns the savepoint's location.
     */
    public String stopWithSavepoint(Path targetDirectory, Duration timeout) {
        String requestId = rest.stopWithSavepoint(id, targetDirectory);
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode answer = rest.savepointOperation(id, requestId);
        // Not await(): the job finishes as part of the operation, just before it completes.
        while (!"COMPLETED".equals(answer.path("status").path("id").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        String.format(
                                "no savepoint of job %s within %s (last answer %s)%s",
                                id, timeout, answer, cluster.logTails(LOG_LINES)));
            }
            Waiting.sleep(POLL_INTERVAL);
            answer = rest.savepointOperation(id, requestId);
        }
        JsonNode operation = answer.path("operation");
        if (!operation.path("location").isTextual()) {
            throw new AssertionError(
                    "stop with savepoint of job "
                            + id
                            + " failed: "
                            + operation.path("failure-cause")
                            + cluster.logTails(LOG_LINES));
        }
        String location = operation.path("location").asText();
        String state = awaitTerminalState(timeout);
        LOG.info("Job {} stopped with savepoint {}: {}", id, location, state);
        if (!"FINISHED".equals(state)) {
            throw new AssertionError(
                    "job " + id + " is " + state + " after its stop with savepoint " + location);
        }
        return location;
    }

    /** Asks the cluster to cancel the job; a failure to ask is logged, not thrown. */
    public void cancelQuietly() {
        try {
            rest.cancel(id);
        } catch (RuntimeException e) {
            LOG.warn("Cannot cancel job {}", id, e);
        }
    }

    /** Waits up to {@code timeout} for CANCELED, FAILED or FINISHED; returns the last state. */
    public String awaitTerminalState(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = state();
        while (!TERMINAL_STATES.contains(state) && System.nanoTime() < deadline) {
            Waiting.sleep(Duration.ofMillis(100));
            state = state();
        }
        return state;
    }
}
