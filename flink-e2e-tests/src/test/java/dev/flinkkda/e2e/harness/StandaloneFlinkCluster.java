package dev.flinkkda.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster — one JobManager and one or more TaskManagers, each its own
 * JVM — assembled from Maven Central jars instead of a Flink distribution: the {@code lib}
 * directory is the jars Maven copied (see the module's pom), the configuration is written into
 * {@code <workDir>/conf}, and the processes are started as Flink's {@code jobmanager.sh} and {@code
 * taskmanager.sh} would: memory flags from {@code BashJavaUtils}, Java 17's {@code --add-opens},
 * {@code StandaloneSessionClusterEntrypoint} and {@code TaskManagerRunner}. Everything binds to
 * 127.0.0.1 on free ports. Logs go to {@code <workDir>/log}: {@code jobmanager.log}, {@code
 * jobmanager.out}, {@code taskmanager-1.log}, {@code taskmanager-1.out}, ….
 *
 * <p>A cluster of one TaskManager can lose it ({@link #killTaskManager()}) and get another one in
 * its place ({@link #startTaskManager()}, {@code taskmanager-2}, …); checkpoints go to {@code
 * <workDir>/checkpoints}, so a checkpointed job restarts from its latest checkpoint on the new
 * TaskManager.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);

    /**
     * Slots of each TaskManager unless a test asks for more: what this 2-core machine runs well.
     */
    public static final int DEFAULT_SLOTS = 2;

    private static final String LOOPBACK = "127.0.0.1";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path workDir;
    private final int slots;
    private final int restPort;
    private final String classPath;
    private final Path pidDir;
    private final List<String> jvmOptions;

    /**
     * Every process started, in start order; the JobManager first. Tests may start clients at once.
     */
    private final List<ManagedProcess> processes = new CopyOnWriteArrayList<>();

    private ManagedProcess jobManager;

    /** Every TaskManager started, in start order; killed ones too. */
    private final List<ManagedProcess> taskManagers = new ArrayList<>();

    private List<List<String>> taskManagerMemory;
    private int taskManagersStarted;
    private int cliRuns;

    private StandaloneFlinkCluster(
            Path workDir,
            int slots,
            int restPort,
            Path libDir,
            List<Path> extraLibJars,
            Path pidDir,
            List<String> jvmOptions) {
        this.workDir = workDir;
        this.slots = slots;
        this.restPort = restPort;
        StringBuilder path = new StringBuilder(libDir.resolve("*").toString());
        extraLibJars.forEach(jar -> path.append(java.io.File.pathSeparator).append(jar));
        this.classPath = path.toString();
        this.pidDir = pidDir;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts the cluster with {@code taskManagers} TaskManagers ({@code taskmanager-1}, …) and
     * waits until each has registered its slots.
     *
     * @param libDir the jars of Flink's class path
     * @param workDir the cluster's configuration, logs and temporary files go here
     * @param pidDir where the pid files go (see {@link ManagedProcess})
     * @param jvmOptions options for all its JVMs (Flink's {@code env.java.opts.all}), e.g. Java
     *     17's {@code --add-opens} flags and system properties the jobs need
     * @param slots the slots of each TaskManager
     */
    public static StandaloneFlinkCluster start(
            Path libDir,
            Path workDir,
            Path pidDir,
            List<String> jvmOptions,
            int taskManagers,
            int slots) {
        return start(libDir, List.of(), workDir, pidDir, jvmOptions, taskManagers, slots);
    }

    /**
     * As {@link #start(Path, Path, Path, List, int, int)}, with {@code extraLibJars} on the class
     * path of every process after {@code libDir}'s jars, as jars put into a distribution's {@code
     * lib/} are: the JobManager's, the TaskManagers', and the clients' ({@code flink run}, the SQL
     * client).
     */
    public static StandaloneFlinkCluster start(
            Path libDir,
            List<Path> extraLibJars,
            Path workDir,
            Path pidDir,
            List<String> jvmOptions,
            int taskManagers,
            int slots) {
        if (taskManagers < 1) {
            throw new IllegalArgumentException("a cluster needs a TaskManager: " + taskManagers);
        }
        if (!Files.isDirectory(libDir)) {
            throw new IllegalStateException(
                    "No Flink class path at " + libDir + ": the Maven build copies it there");
        }
        StandaloneFlinkCluster cluster =
                new StandaloneFlinkCluster(
                        workDir, slots, FreePort.pick(), libDir, extraLibJars, pidDir, jvmOptions);
        try {
            cluster.writeConfiguration(FreePort.pick());
            cluster.startProcesses(taskManagers);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The REST endpoint, {@code http://127.0.0.1:<port>}. */
    public String restUrl() {
        return "http://" + LOOPBACK + ":" + restPort;
    }

    /** A REST client of this cluster. */
    public FlinkRestClient rest() {
        return new FlinkRestClient(restUrl());
    }

    /**
     * Uploads {@code jar} and runs {@code entryClass} with {@code programArgs} with parallelism the
     * slots of one TaskManager.
     */
    public FlinkJob submit(Path jar, String entryClass, List<String> programArgs) {
        FlinkRestClient rest = rest();
        String jobId = rest.runJar(rest.uploadJar(jar), entryClass, programArgs, slots);
        LOG.info("Submitted job {}: {} {}", jobId, entryClass, programArgs);
        return new FlinkJob(this, jobId);
    }

    /**
     * Runs {@code entryClass} of {@code jar} with {@code programArgs} as {@code flink run -c
     * entryClass jar programArgs…} would: Flink's {@code CliFrontend} in a JVM of its own, with the
     * cluster's class path and configuration ({@code FLINK_CONF_DIR}), attached to the job. The
     * client is stopped with the cluster if it still runs then.
     */
    public FlinkCliRun runWithFlinkCli(Path jar, String entryClass, List<String> programArgs) {
        return runWithFlinkCli(List.of(), jar, entryClass, programArgs);
    }

    /**
     * As {@link #runWithFlinkCli(Path, String, List)}, with options of {@code flink run} before the
     * jar: {@code flink run flinkOptions… -c entryClass jar programArgs…}, e.g. {@code -s
     * <savepoint>} or {@code -Dexecution.checkpointing.interval=1s}.
     */
    public synchronized FlinkCliRun runWithFlinkCli(
            List<String> flinkOptions, Path jar, String entryClass, List<String> programArgs) {
        cliRuns++;
        String name = "flink-cli-" + cliRuns;
        Path conf = workDir.resolve("conf");
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Xmx512m");
        // A short-lived client: the JIT's first tier halves the CPU time of planning the job.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + logDir().resolve(name + ".log"));
        command.add("-Dlog4j.configuration=file:" + conf.resolve("log4j.properties"));
        command.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
        command.add("-classpath");
        command.add(classPath);
        command.add("org.apache.flink.client.cli.CliFrontend");
        command.add("run");
        command.addAll(flinkOptions);
        command.add("-c");
        command.add(entryClass);
        command.add(jar.toString());
        command.addAll(programArgs);
        ManagedProcess process =
                ManagedProcess.start(
                        name,
                        command,
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        workDir,
                        logDir().resolve(name + ".out"),
                        pidDir);
        processes.add(process);
        LOG.info(
                "Started flink run {} of {} {} ({})",
                flinkOptions,
                entryClass,
                programArgs,
                process);
        return new FlinkCliRun(this, process);
    }

    /**
     * Runs {@code script} in Flink's SQL client ({@code sql-client.sh -f script}, embedded mode)
     * against this cluster: the cluster's class path and configuration plus {@code sqlClientLib}'s
     * jars, the cluster's JVM options. Its output goes to {@code <log dir>/sql-client-N.out}. Once
     * it has submitted its statement set, {@link FlinkCliRun#awaitJob} finds the job.
     */
    public FlinkCliRun runSqlClient(Path sqlClientLib, Path script) {
        return runSqlClient(sqlClientLib, List.of(), script);
    }

    /**
     * As {@link #runSqlClient(Path, Path)}, with options of {@code sql-client.sh} before {@code
     * -f}: {@code sql-client.sh embedded clientOptions… -f script}, e.g. {@code -j <jar>}.
     */
    public synchronized FlinkCliRun runSqlClient(
            Path sqlClientLib, List<String> clientOptions, Path script) {
        cliRuns++;
        String name = "sql-client-" + cliRuns;
        Path conf = workDir.resolve("conf");
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + logDir().resolve(name + ".log"));
        command.add("-Dlog4j.configuration=file:" + conf.resolve("log4j.properties"));
        command.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
        command.add("-classpath");
        command.add(classPath + java.io.File.pathSeparator + sqlClientLib.resolve("*"));
        command.add("org.apache.flink.table.client.SqlClient");
        command.add("embedded");
        command.addAll(clientOptions);
        command.add("-f");
        command.add(script.toString());
        ManagedProcess process =
                ManagedProcess.start(
                        name,
                        command,
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        workDir,
                        logDir().resolve(name + ".out"),
                        pidDir);
        processes.add(process);
        LOG.info("Started the SQL client with {} {} ({})", clientOptions, script, process);
        return new FlinkCliRun(this, process);
    }

    /**
     * Kills the one running TaskManager's process at once (SIGKILL, no shutdown), as a crash would.
     * The JobManager notices through missed heartbeats.
     *
     * @throws IllegalStateException unless exactly one TaskManager runs
     */
    public void killTaskManager() {
        List<ManagedProcess> running =
                taskManagers.stream().filter(ManagedProcess::isAlive).toList();
        if (running.size() != 1) {
            throw new IllegalStateException(
                    "killTaskManager() kills the one TaskManager of a cluster; running: "
                            + running);
        }
        running.get(0).kill();
    }

    /**
     * Starts a TaskManager with the next resource id ({@code taskmanager-2}, …) and the same
     * configuration as the first, next to those that run, and waits until it has registered its
     * slots.
     *
     * @return its resource id
     */
    public synchronized String startTaskManager() {
        taskManagersStarted++;
        String resourceId = "taskmanager-" + taskManagersStarted;
        List<String> dynamicProperties = new ArrayList<>(taskManagerMemory.get(1));
        dynamicProperties.add("-D");
        dynamicProperties.add("taskmanager.resource-id=" + resourceId);
        ManagedProcess taskManager =
                startProcess(
                        resourceId,
                        taskManagerMemory.get(0),
                        List.of("org.apache.flink.runtime.taskexecutor.TaskManagerRunner"),
                        dynamicProperties);
        taskManagers.add(taskManager);
        awaitTaskManager(resourceId, taskManager);
        return resourceId;
    }

    /** Where the JobManager's and TaskManagers' logs are. */
    public Path logDir() {
        return workDir.resolve("log");
    }

    /** The ends of the logs of every process started (also killed ones), for failure messages. */
    public String logTails(int lines) {
        StringBuilder text = new StringBuilder();
        for (ManagedProcess process : processes) {
            for (String suffix : List.of(".out", ".log")) {
                Path file = logDir().resolve(process.name() + suffix);
                text.append("\n----- ").append(file).append(" (end) -----\n");
                text.append(ManagedProcess.tail(file, lines));
            }
        }
        return text.toString();
    }

    /** Stops the clients and TaskManagers, then the JobManager. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    private void writeConfiguration(int rpcPort) {
        Path conf = workDir.resolve("conf");
        Path tmp = workDir.resolve("tmp");
        List<String> config =
                List.of(
                        "# Written by " + StandaloneFlinkCluster.class.getName(),
                        "jobmanager.rpc.address: " + LOOPBACK,
                        "jobmanager.rpc.port: " + rpcPort,
                        "jobmanager.bind-host: " + LOOPBACK,
                        "jobmanager.memory.process.size: 1024m",
                        "taskmanager.host: " + LOOPBACK,
                        "taskmanager.bind-host: " + LOOPBACK,
                        "taskmanager.numberOfTaskSlots: " + slots,
                        "taskmanager.memory.process.size: 1728m",
                        "rest.address: " + LOOPBACK,
                        "rest.bind-address: " + LOOPBACK,
                        "rest.port: " + restPort,
                        "parallelism.default: 1",
                        // Jobs that checkpoint set their own restart strategy.
                        "restart-strategy.type: none",
                        "state.backend.type: hashmap",
                        "execution.checkpointing.dir: " + workDir.resolve("checkpoints").toUri(),
                        // A killed TaskManager is noticed after two failed heartbeats.
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 20000",
                        // Fresh task metrics (records read) over REST.
                        "metrics.fetcher.update-interval: 1000",
                        "io.tmp.dirs: " + tmp,
                        "web.tmpdir: " + tmp.resolve("web"),
                        "web.upload.dir: " + tmp.resolve("web-upload"),
                        "blob.storage.directory: " + tmp.resolve("blobs"),
                        "env.java.opts.all: \"" + String.join(" ", jvmOptions) + "\"");
        List<String> log4j =
                List.of(
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        // Appending, as Flink's own log4j.properties: Pekko's classes log through a
                        // logger context of their own, which would truncate the file at shutdown.
                        "appender.main.append = true",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                        "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
                        "logger.netty.level = OFF",
                        "logger.shaded.name = org.apache.flink.kinesis.shaded",
                        "logger.shaded.level = WARN");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(tmp);
            Files.createDirectories(logDir());
            Files.write(conf.resolve("config.yaml"), config, StandardCharsets.UTF_8);
            Files.write(conf.resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration to " + conf, e);
        }
    }

    /**
     * Starts the JobManager and {@code count} TaskManagers; returns when the TaskManagers
     * registered.
     */
    private void startProcesses(int count) {
        Process jmParams = bashJavaUtils("GET_JM_RESOURCE_PARAMS", "jobmanager");
        Process tmParams = bashJavaUtils("GET_TM_RESOURCE_PARAMS", "taskmanager");
        List<List<String>> jobManagerMemory = results(jmParams, "jobmanager");
        taskManagerMemory = results(tmParams, "taskmanager");
        jobManager =
                startProcess(
                        "jobmanager",
                        jobManagerMemory.get(0),
                        List.of(
                                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                                "--executionMode",
                                "cluster"),
                        jobManagerMemory.get(1));
        for (int i = 0; i < count; i++) {
            startTaskManager();
        }
    }

    /**
     * Runs {@code BashJavaUtils <command> --configDir conf}: memory flags, as Flink's scripts do.
     */
    private Process bashJavaUtils(String command, String name) {
        try {
            return new ProcessBuilder(
                            java(),
                            "-classpath",
                            classPath,
                            "org.apache.flink.runtime.util.bash.BashJavaUtils",
                            command,
                            "--configDir",
                            workDir.resolve("conf").toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logDir().resolve(name + "-memory.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run BashJavaUtils " + command, e);
        }
    }

    /**
     * The two result lines of {@code BashJavaUtils}: JVM flags ({@code -Xmx… -Xms…}) and dynamic
     * properties ({@code -D key=value …}).
     */
    private List<List<String>> results(Process process, String name) {
        Path out = logDir().resolve(name + "-memory.out");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "BashJavaUtils failed for " + name + ":\n" + ManagedProcess.tail(out, 30));
            }
            List<List<String>> results = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith(RESULT_PREFIX)) {
                    String value = line.substring(RESULT_PREFIX.length()).trim();
                    results.add(value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+")));
                }
            }
            if (results.size() != 2) {
                throw new IllegalStateException(
                        "unexpected BashJavaUtils output for "
                                + name
                                + ":\n"
                                + Files.readString(out));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Starts a Flink process as Flink's scripts do: JVM memory flags, JVM options, log files, class
     * path, main class, {@code --configDir}, arguments, dynamic properties ({@code -D key=value}).
     */
    private ManagedProcess startProcess(
            String name,
            List<String> memoryFlags,
            List<String> mainAndArgs,
            List<String> dynamicProperties) {
        Path conf = workDir.resolve("conf");
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(memoryFlags);
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + logDir().resolve(name + ".log"));
        command.add("-Dlog4j.configuration=file:" + conf.resolve("log4j.properties"));
        command.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
        command.add("-classpath");
        command.add(classPath);
        command.add(mainAndArgs.get(0));
        command.add("--configDir");
        command.add(conf.toString());
        command.addAll(mainAndArgs.subList(1, mainAndArgs.size()));
        command.addAll(dynamicProperties);
        ManagedProcess process =
                ManagedProcess.start(
                        name, command, workDir, logDir().resolve(name + ".out"), pidDir);
        processes.add(process);
        return process;
    }

    /** Waits until the TaskManager {@code resourceId} has registered its slots. */
    private void awaitTaskManager(String resourceId, ManagedProcess taskManager) {
        FlinkRestClient rest = rest();
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (ManagedProcess process : List.of(jobManager, taskManager)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            process.name() + " exited at start" + logTails(40));
                }
            }
            try {
                JsonNode taskManagers = rest.taskManagers();
                last = taskManagers.toString();
                for (JsonNode registered : taskManagers.path("taskmanagers")) {
                    if (registered.path("id").asText().equals(resourceId)
                            && registered.path("slotsNumber").asInt() >= slots) {
                        LOG.info(
                                "{} of the Flink cluster at {} ready in {} ms: {}",
                                resourceId,
                                restUrl(),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                                rest.overview());
                        return;
                    }
                }
            } catch (IllegalStateException notYet) {
                last = String.valueOf(notYet.getCause() != null ? notYet.getCause() : notYet);
            }
            Waiting.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                resourceId
                        + " not registered within "
                        + START_TIMEOUT
                        + " (last /taskmanagers: "
                        + last
                        + ")"
                        + logTails(40));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
