package dev.flinkkda.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A server of the tests that runs as a node script of {@code src/test/node} (Kinesalite, s3rver),
 * on 127.0.0.1 at a port the operating system picks: started, awaited until the script prints
 * {@code <NAME>_PORT=<port>}, and stopped with its process ({@link ManagedProcess}: also when the
 * test fails, the test JVM exits, or a killed earlier run left it behind). The npm package must be
 * in the module's {@code node_modules}, which the Maven build installs ({@code npm ci}, pinned by
 * {@code package-lock.json}).
 */
public final class NodeServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ManagedProcess process;
    private final int port;

    private NodeServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code node src/test/node/<script> <arguments>} and waits until it prints its port.
     *
     * @param name the server's name: its log is {@code <name>.log}, its port line {@code
     *     <NAME>_PORT=}
     * @param npmPackage the package that must be installed, e.g. {@code kinesalite}
     * @param moduleDir the directory with {@code node_modules} and {@code src/test/node}
     * @param logDir where the log goes
     * @param pidDir where the pid file goes (see {@link ManagedProcess})
     */
    public static NodeServer start(
            String name,
            String npmPackage,
            String script,
            List<String> arguments,
            Path moduleDir,
            Path logDir,
            Path pidDir) {
        if (!Files.isDirectory(moduleDir.resolve("node_modules").resolve(npmPackage))) {
            throw new IllegalStateException(
                    npmPackage
                            + " is not installed in "
                            + moduleDir.resolve("node_modules")
                            + ": run `npm ci` in "
                            + moduleDir
                            + " (the Maven build does it in pre-integration-test)");
        }
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(moduleDir.resolve("src/test/node").resolve(script).toString());
        command.addAll(arguments);
        ManagedProcess process =
                ManagedProcess.start(
                        name, command, moduleDir, logDir.resolve(name + ".log"), pidDir);
        try {
            return new NodeServer(
                    process, awaitPort(process, name.toUpperCase(Locale.ROOT) + "_PORT="));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static int awaitPort(ManagedProcess process, String portLine) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> port = readPort(process.log(), portLine);
            if (port.isPresent()) {
                return port.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        process.name() + " exited at start:\n" + process.logTail(30));
            }
            Waiting.sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(
                process.name()
                        + " did not listen within "
                        + START_TIMEOUT
                        + ":\n"
                        + process.logTail(30));
    }

    private static Optional<Integer> readPort(Path log, String portLine) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(portLine))
                    .map(line -> Integer.parseInt(line.substring(portLine.length()).trim()))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the node process. */
    @Override
    public void close() {
        process.close();
    }
}
