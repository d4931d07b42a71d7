package dev.flinkkda.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code flink run} of a job jar against a {@link StandaloneFlinkCluster}: Flink's command-line
 * client ({@code CliFrontend}) as a process of its own, attached to its job as {@code flink run} is
 * by default. Its standard output and error go to {@code <cluster log dir>/<name>.out}, its log4j
 * log to {@code <name>.log}. Stopped with the cluster, or by {@link #close()}.
 */
public final class FlinkCliRun implements AutoCloseable {

    /**
     * What {@code flink run} prints once the cluster has accepted the job, or the SQL client once
     * it has submitted a statement set ({@code Job ID: …}).
     */
    private static final Pattern SUBMITTED =
            Pattern.compile("(?:Job has been submitted with JobID|Job ID:) ([0-9a-f]{32})");

    private static final int LOG_LINES = 60;

    private final StandaloneFlinkCluster cluster;
    private final ManagedProcess process;

    FlinkCliRun(StandaloneFlinkCluster cluster, ManagedProcess process) {
        this.cluster = cluster;
        this.process = process;
    }

    /**
     * Waits until the client has submitted its job and returns it; fails if the client exits first
     * or {@code timeout} passes, with the end of the client's output.
     */
    public FlinkJob awaitJob(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = SUBMITTED.matcher(output());
            if (matcher.find()) {
                return new FlinkJob(cluster, matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        process
                                + " exited with status "
                                + process.awaitExit(Duration.ZERO).orElse(-1)
                                + " before submitting a job:\n"
                                + process.logTail(LOG_LINES));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        process
                                + " submitted no job within "
                                + timeout
                                + ":\n"
                                + process.logTail(LOG_LINES)
                                + cluster.logTails(LOG_LINES));
            }
            Waiting.sleep(Duration.ofMillis(200));
        }
    }

    /** Everything the client has printed so far (standard output and error). */
    public String output() {
        try {
            return Files.readString(process.log(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException notYet) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + process.log(), e);
        }
    }

    /** Waits up to {@code timeout} for the client to exit; its exit status, if it has. */
    public OptionalInt awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    /** Stops the client (not its job). */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
