package dev.flinkkda.e2e.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * Kinesalite, an in-memory Kinesis, as a node process on 127.0.0.1 at a free port. Started from
 * {@code src/test/node/kinesalite-server.js} with the {@code kinesalite} package that Maven
 * installs into the module's {@code node_modules} ({@code npm ci}, pinned by {@code
 * package-lock.json}), through {@link NodeServer}. The process exits by itself when the JVM that
 * started it dies.
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

    private final NodeServer server;

    private KinesaliteServer(NodeServer server) {
        this.server = server;
    }

    /**
     * Starts Kinesalite and waits until it listens.
     *
     * @param moduleDir the directory with {@code node_modules/kinesalite} and {@code src/test/node}
     * @param logDir where {@code kinesalite.log} goes
     * @param pidDir where the pid file goes (see {@link ManagedProcess})
     */
    public static KinesaliteServer start(Path moduleDir, Path logDir, Path pidDir) {
        return new KinesaliteServer(
                NodeServer.start(
                        "kinesalite",
                        "kinesalite",
                        "kinesalite-server.js",
                        List.of(
                                "--host",
                                "127.0.0.1",
                                "--shardLimit",
                                "1000",
                                "--createStreamMs",
                                "50"),
                        moduleDir,
                        logDir,
                        pidDir));
    }

    /** The endpoint for Kinesis clients, {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return server.endpoint();
    }

    /** Stops the node process. */
    @Override
    public void close() {
        server.close();
    }
}
