package dev.flinkkda.kda.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the test class path run in a JVM of its own, as a user's process: its stdout,
 * stderr and log in files of a directory, signals sent with {@code kill}. It logs as the {@code
 * flink-kda} command does ({@code conf/log4j2-cli.properties}), with {@code
 * log4j2-subprocess.properties} over it: INFO, and the Kinesis connector's and AWS SDK's DEBUG.
 */
final class JavaProcess {

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path log;

    private JavaProcess(Process process, Path stdout, Path stderr, Path log) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code dir}'s files, the environment of this
     * JVM plus {@code environment}.
     */
    static JavaProcess start(
            Path dir, Map<String, String> environment, Class<?> mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the --add-opens/--add-exports Flink needs on Java 17, as this JVM got them
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("--add-exports")) {
                command.add(flag);
            }
        }
        Path log = dir.resolve("process.log");
        command.add("-Xmx512m");
        // the command's logging, and the test's over it (log4j merges the two)
        command.add(
                "-Dlog4j.configurationFile=conf/log4j2-cli.properties,log4j2-subprocess.properties");
        command.add("-Dflinkkda.test.log=" + log);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new JavaProcess(builder.start(), stdout, stderr, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal, e.g. {@code TERM} or {@code INT}. */
    void kill(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid() + " failed");
        }
    }

    /**
     * Waits for the process to end, killing it after {@code seconds}.
     *
     * @return its exit status
     */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "the process did not end within " + seconds + " s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    String log() {
        return read(log);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
