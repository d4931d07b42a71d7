package dev.flinkkda.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Kinesalite, an in-memory Kinesis, as a node process on 127.0.0.1 at a free port. Started from
 * {@code src/test/node/kinesalite-server.js} with the {@code kinesalite} package that Maven
 * installs into the module's {@code node_modules} ({@code npm ci}, pinned by {@code
 * package-lock.json}). The process exits by itself when the JVM that started it dies.
 */
public final class KinesaliteServer implements AutoCloseable {

    /**
     * JVM options that Kinesis clients need against Kinesalite: CBOR off for the connector's AWS
     * SDK v2 (the sink silently writes nothing with it on) and for its shaded SDK v1 (the source),
     * and no EC2 metadata look-ups (nothing but 127.0.0.1 is reached).
     */
    public static final List<String> CLIENT_JVM_OPTIONS =
            List.of(
                    "-Daws.cborEnabled=false",
                    "-Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true",
                    "-Daws.disableEc2Metadata=true",
                    "-Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableEc2Metadata=true");

    private static final String PORT_LINE = "KINESALITE_PORT=";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ManagedProcess process;
    private final int port;

    private KinesaliteServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Kinesalite and waits until it listens.
     *
     * @param moduleDir the directory with {@code node_modules/kinesalite} and {@code src/test/node}
     * @param logDir where {@code kinesalite.log} goes
     * @param pidDir where the pid file goes (see {@link ManagedProcess})
     */
    public static KinesaliteServer start(Path moduleDir, Path logDir, Path pidDir) {
        if (!Files.isDirectory(moduleDir.resolve("node_modules/kinesalite"))) {
            throw new IllegalStateException(
                    "Kinesalite is not installed in "
                            + moduleDir.resolve("node_modules")
                            + ": run `npm ci` in "
                            + moduleDir
                            + " (the Maven build does it in pre-integration-test)");
        }
        Path log = logDir.resolve("kinesalite.log");
        List<String> command =
                List.of(
                        "node",
                        moduleDir.resolve("src/test/node/kinesalite-server.js").toString(),
                        "--host",
                        "127.0.0.1",
                        "--shardLimit",
                        "1000",
                        "--createStreamMs",
                        "50");
        ManagedProcess process =
                ManagedProcess.start("kinesalite", command, moduleDir, log, pidDir);
        try {
            return new KinesaliteServer(process, awaitPort(process));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private static int awaitPort(ManagedProcess process) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> port = readPort(process.log());
            if (port.isPresent()) {
                return port.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kinesalite exited at start:\n" + process.logTail(30));
            }
            Waiting.sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(
                "Kinesalite did not listen within " + START_TIMEOUT + ":\n" + process.logTail(30));
    }

    private static Optional<Integer> readPort(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(PORT_LINE))
                    .map(line -> Integer.parseInt(line.substring(PORT_LINE.length()).trim()))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint for Kinesis clients, {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the node process. */
    @Override
    public void close() {
        process.close();
    }
}
