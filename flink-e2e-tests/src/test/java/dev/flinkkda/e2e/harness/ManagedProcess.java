package dev.flinkkda.e2e.harness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process of the test JVM with its output in a log file, stopped with all its descendants
 * by {@link #close()}, by a JVM shutdown hook if the test JVM exits without closing it, and — if
 * the test JVM was killed — by the next start of a process of the same name, through a pid file.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String UNKNOWN = "unknown";

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final Thread shutdownHook;

    private ManagedProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code workDir}, with standard output and error appended to {@code
     * log}. Its standard input stays an open pipe until the process is stopped (or this JVM dies),
     * so a child that watches it can exit on its own. A process of the same name left running by a
     * killed earlier run (recorded in {@code pidDir}) is stopped first.
     */
    public static ManagedProcess start(
            String name, List<String> command, Path workDir, Path log, Path pidDir) {
        return start(name, command, Map.of(), workDir, log, pidDir);
    }

    /**
     * As {@link #start(String, List, Path, Path, Path)}, with {@code environment} added to this
     * JVM's environment variables.
     */
    public static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path log,
            Path pidDir) {
        try {
            Files.createDirectories(pidDir);
            Files.createDirectories(log.getParent());
            Path pidFile = pidDir.resolve(name + ".pid");
            stopLeftover(pidFile);
            LOG.info("Starting {}: {} (log: {})", name, String.join(" ", command), log);
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            ProcessHandle owner = ProcessHandle.current();
            Files.writeString(
                    pidFile,
                    String.join(
                            " ",
                            Long.toString(process.pid()),
                            startOf(process.toHandle()),
                            Long.toString(owner.pid()),
                            startOf(owner)));
            return new ManagedProcess(name, process, log, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** The name given at start, e.g. {@code jobmanager}. */
    public String name() {
        return name;
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to exit; its exit status, if it has. */
    public OptionalInt awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this, e);
        }
    }

    /** The file that receives the process' standard output and error. */
    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    /** The last {@code lines} lines of {@code file}, or a note that it cannot be read. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** Stops the process and all its descendants: politely first, forcibly after a grace period. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook runs or has run: nothing to remove.
        }
    }

    /**
     * Kills the process and all its descendants at once, without warning (SIGKILL on Linux), as a
     * crash of the machine or an out-of-memory kill would, and waits until they are gone.
     */
    public void kill() {
        List<ProcessHandle> all = tree(process.toHandle());
        LOG.info("Killing {} (SIGKILL, {} processes)", this, all.size());
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, name);
        close();
    }

    private synchronized void stop() {
        stopTree(process.toHandle(), name);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", pidFile, e);
        }
    }

    private static void stopTree(ProcessHandle root, String name) {
        List<ProcessHandle> all = tree(root);
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        awaitExit(all, name);
    }

    /** The process and its descendants, listed before any of them is stopped. */
    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        root.descendants().forEach(all::add);
        all.add(root);
        return all;
    }

    /** Waits for the processes to exit, killing those still running after the grace period. */
    private static void awaitExit(List<ProcessHandle> all, String name) {
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle handle : all) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                LOG.warn("{} (pid {}) did not stop in {}, killing it", name, handle.pid(), GRACE);
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            }
        }
    }

    /**
     * Stops the process recorded in {@code pidFile} if it still runs (same pid, same start time)
     * while the JVM that started it does not: a leftover of a killed run, not a process of a run
     * going on in parallel.
     */
    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String[] recorded = Files.readString(pidFile).trim().split(" ");
        if (recorded.length != 4) {
            Files.delete(pidFile);
            return;
        }
        Optional<ProcessHandle> process = running(recorded[0], recorded[1]);
        if (running(recorded[2], recorded[3]).isPresent()) {
            return;
        }
        Files.delete(pidFile);
        if (process.isPresent()) {
            LOG.warn(
                    "Stopping a leftover process of a killed run: {} pid {}", pidFile, recorded[0]);
            stopTree(process.get(), pidFile.getFileName().toString());
        }
    }

    private static Optional<ProcessHandle> running(String pid, String start) {
        if (UNKNOWN.equals(start)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(ProcessHandle::isAlive)
                .filter(handle -> startOf(handle).equals(start));
    }

    private static String startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toString).orElse(UNKNOWN);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
