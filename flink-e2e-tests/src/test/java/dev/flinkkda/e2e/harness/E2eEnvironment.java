package dev.flinkkda.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an end-to-end test class runs against: Kinesalite and a standalone Flink cluster whose JVMs
 * can reach it, with all their files under {@code target/e2e/<test class>/} (emptied first). Start
 * it in {@code @BeforeAll} and close it in {@code @AfterAll}.
 */
public final class E2eEnvironment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(E2eEnvironment.class);

    private final Path runDir;
    private final KinesaliteServer kinesalite;
    private final StandaloneFlinkCluster cluster;

    private E2eEnvironment(
            Path runDir, KinesaliteServer kinesalite, StandaloneFlinkCluster cluster) {
        this.runDir = runDir;
        this.kinesalite = kinesalite;
        this.cluster = cluster;
    }

    /**
     * Starts Kinesalite, then the Flink cluster with one TaskManager of {@link
     * StandaloneFlinkCluster#DEFAULT_SLOTS} slots, for {@code testClass}; stops what it started if
     * a start fails.
     */
    public static E2eEnvironment start(Class<?> testClass) {
        return start(testClass, 1, StandaloneFlinkCluster.DEFAULT_SLOTS);
    }

    /**
     * Starts Kinesalite, then the Flink cluster with {@code taskManagers} TaskManagers of {@code
     * slots} slots each, for {@code testClass}; stops what it started if a start fails.
     */
    public static E2eEnvironment start(Class<?> testClass, int taskManagers, int slots) {
        return start(testClass, taskManagers, slots, List.of());
    }

    /**
     * As {@link #start(Class, int, int)}, with {@code extraJvmOptions} for every JVM of the cluster
     * (e.g. system properties its Kinesis clients read).
     */
    public static E2eEnvironment start(
            Class<?> testClass, int taskManagers, int slots, List<String> extraJvmOptions) {
        return start(testClass, taskManagers, slots, extraJvmOptions, List.of());
    }

    /**
     * As {@link #start(Class, int, int, List)}, with {@code extraLibJars} on the class path of
     * every process of the cluster and of its clients, as jars put into Flink's {@code lib/}.
     */
    public static E2eEnvironment start(
            Class<?> testClass,
            int taskManagers,
            int slots,
            List<String> extraJvmOptions,
            List<Path> extraLibJars) {
        Path runDir = E2eSettings.workDir().resolve(testClass.getSimpleName());
        Path pidDir = E2eSettings.workDir().resolve("pids");
        deleteRecursively(runDir);
        KinesaliteServer kinesalite =
                KinesaliteServer.start(E2eSettings.moduleDir(), runDir.resolve("log"), pidDir);
        try {
            List<String> jvmOptions = new ArrayList<>(E2eSettings.java17Opens());
            jvmOptions.addAll(KinesaliteServer.CLIENT_JVM_OPTIONS);
            jvmOptions.addAll(extraJvmOptions);
            StandaloneFlinkCluster cluster =
                    StandaloneFlinkCluster.start(
                            E2eSettings.flinkLib(),
                            extraLibJars,
                            runDir.resolve("flink"),
                            pidDir,
                            jvmOptions,
                            taskManagers,
                            slots);
            return new E2eEnvironment(runDir, kinesalite, cluster);
        } catch (RuntimeException e) {
            kinesalite.close();
            throw e;
        }
    }

    /**
     * The test class's directory, {@code target/e2e/<test class>/}: logs, the cluster's files, and
     * whatever else the test writes.
     */
    public Path runDir() {
        return runDir;
    }

    /** The running Kinesalite. */
    public KinesaliteServer kinesalite() {
        return kinesalite;
    }

    /** A client of the running Kinesalite. */
    public KinesaliteClient kinesis() {
        return new KinesaliteClient(kinesalite.endpoint());
    }

    /** The running Flink cluster. */
    public StandaloneFlinkCluster cluster() {
        return cluster;
    }

    /**
     * Kills the TaskManager (SIGKILL), starts a new one, and waits until {@code job} has restored a
     * checkpoint and runs all its tasks again; returns the restored checkpoint ({@code
     * latest.restored} of the job's checkpoint statistics).
     */
    public JsonNode killTaskManagerAndAwaitRestore(FlinkJob job, Duration timeout) {
        return killTaskManagerAndAwaitRestore(List.of(job), () -> {}, timeout).get(0);
    }

    /**
     * Kills the TaskManager (SIGKILL), runs {@code afterKill} as soon as its processes are gone
     * (e.g. to note how much input had been sent by then), starts a new TaskManager, and waits
     * until each of {@code jobs} has restored a checkpoint and runs all its tasks again; returns
     * the restored checkpoints ({@code latest.restored} of each job's checkpoint statistics).
     */
    public List<JsonNode> killTaskManagerAndAwaitRestore(
            List<FlinkJob> jobs, Runnable afterKill, Duration timeout) {
        long killed = System.nanoTime();
        cluster.killTaskManager();
        afterKill.run();
        String newTaskManager = cluster.startTaskManager();
        LOG.info("{} registered {} ms after the kill", newTaskManager, millisSince(killed));
        List<JsonNode> restored = new ArrayList<>();
        for (FlinkJob job : jobs) {
            JsonNode checkpoint = job.awaitRestore(timeout);
            LOG.info(
                    "Job {} runs again {} ms after the kill, restored from {}",
                    job.id(),
                    millisSince(killed),
                    checkpoint);
            restored.add(checkpoint);
        }
        return restored;
    }

    private static long millisSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toMillis();
    }

    /** Stops the Flink cluster, then Kinesalite. */
    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            kinesalite.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
