package dev.flinkkda.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * s3rver, a local S3 keeping its buckets in a directory, as a node process on 127.0.0.1 at a free
 * port ({@code src/test/node/s3rver-server.js}, the npm package {@code s3rver} that Maven installs,
 * through {@link NodeServer}). It accepts unsigned requests: {@link #createBucket} and {@link
 * #putObject} are plain HTTP PUTs, path-style ({@code /BUCKET/KEY}), independent of the AWS SDK the
 * code under test uses.
 */
public final class S3rverServer implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final NodeServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private S3rverServer(NodeServer server) {
        this.server = server;
    }

    /**
     * Starts s3rver and waits until it listens.
     *
     * @param moduleDir the directory with {@code node_modules/s3rver} and {@code src/test/node}
     * @param dataDir where s3rver keeps its buckets (the test's own directory)
     * @param logDir where {@code s3rver.log} goes
     * @param pidDir where the pid file goes (see {@link ManagedProcess})
     */
    public static S3rverServer start(Path moduleDir, Path dataDir, Path logDir, Path pidDir) {
        return new S3rverServer(
                NodeServer.start(
                        "s3rver",
                        "s3rver",
                        "s3rver-server.js",
                        List.of("--host", "127.0.0.1", "--directory", dataDir.toString()),
                        moduleDir,
                        logDir,
                        pidDir));
    }

    /** The endpoint for S3 clients, {@code http://127.0.0.1:<port>} (path-style addressing). */
    public String endpoint() {
        return server.endpoint();
    }

    /** Creates a bucket ({@code PUT /BUCKET}). */
    public void createBucket(String bucket) {
        put("/" + bucket, HttpRequest.BodyPublishers.noBody());
    }

    /** Stores an object ({@code PUT /BUCKET/KEY}). */
    public void putObject(String bucket, String key, byte[] content) {
        put("/" + bucket + "/" + key, HttpRequest.BodyPublishers.ofByteArray(content));
    }

    private void put(String path, HttpRequest.BodyPublisher body) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(endpoint() + path))
                        .timeout(REQUEST_TIMEOUT)
                        .PUT(body)
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "s3rver: PUT "
                                + path
                                + ": HTTP "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("s3rver: PUT " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: PUT " + path, e);
        }
    }

    /** Stops the node process. */
    @Override
    public void close() {
        server.close();
    }
}
