package dev.flinkkda.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A client of the few Flink REST endpoints the tests use: cluster overview, TaskManagers, jar
 * upload and run, job details, checkpoints, stop with a savepoint and cancel.
 */
public final class FlinkRestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final String baseUrl;

    /** A client of the REST endpoint at {@code baseUrl}, e.g. {@code http://127.0.0.1:8081}. */
    public FlinkRestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code GET /overview}: task managers, slots, jobs. */
    public JsonNode overview() {
        return send(get("/overview"));
    }

    /**
     * {@code GET /taskmanagers}: the registered TaskManagers ({@code id}, {@code slotsNumber}, …).
     */
    public JsonNode taskManagers() {
        return send(get("/taskmanagers"));
    }

    /** {@code POST /jars/upload}; returns the jar's id on the cluster. */
    public String uploadJar(Path jar) {
        String boundary = "----flink-e2e-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body =
                    HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofString(head),
                            HttpRequest.BodyPublishers.ofFile(jar),
                            HttpRequest.BodyPublishers.ofString(tail));
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("no job jar at " + jar, e);
        }
        JsonNode answer =
                send(
                        request("/jars/upload")
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(body)
                                .build());
        String uploaded = answer.path("filename").asText();
        return uploaded.substring(uploaded.lastIndexOf('/') + 1);
    }

    /** {@code POST /jars/<id>/run}; returns the job id. */
    public String runJar(
            String jarId, String entryClass, List<String> programArgs, int parallelism) {
        ObjectNode run = mapper.createObjectNode();
        run.put("entryClass", entryClass);
        programArgs.forEach(run.putArray("programArgsList")::add);
        run.put("parallelism", parallelism);
        HttpRequest request =
                request("/jars/" + jarId + "/run")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(run.toString()))
                        .build();
        return send(request).path("jobid").asText();
    }

    /** {@code GET /jobs/<id>}: state, and per vertex its name, status and metrics. */
    public JsonNode job(String jobId) {
        return send(get("/jobs/" + jobId));
    }

    /** The job's state, e.g. {@code RUNNING}, {@code FAILED}, {@code CANCELED}. */
    public String jobState(String jobId) {
        return job(jobId).path("state").asText();
    }

    /**
     * {@code GET /jobs/<id>/checkpoints}: {@code counts}, {@code latest.completed} ({@code id},
     * {@code trigger_timestamp}, …) and {@code latest.restored} (null until the job restored a
     * checkpoint).
     */
    public JsonNode checkpoints(String jobId) {
        return send(get("/jobs/" + jobId + "/checkpoints"));
    }

    /** The root exception of a failed job, or an empty text. */
    public String jobException(String jobId) {
        return send(get("/jobs/" + jobId + "/exceptions")).path("root-exception").asText();
    }

    /**
     * {@code GET /jobs/<id>/vertices/<vertex id>}: the vertex's subtasks, each with its {@code
     * status} and {@code taskmanager-id}.
     */
    public JsonNode vertex(String jobId, String vertexId) {
        return send(get("/jobs/" + jobId + "/vertices/" + vertexId));
    }

    /**
     * {@code POST /jobs/<id>/stop} without draining (the job's windows stay open in the savepoint):
     * takes a savepoint into {@code targetDirectory}, then stops the job. Returns the request id
     * for {@link #savepointOperation}.
     */
    public String stopWithSavepoint(String jobId, Path targetDirectory) {
        ObjectNode stop = mapper.createObjectNode();
        stop.put("drain", false);
        stop.put("targetDirectory", targetDirectory.toUri().toString());
        HttpRequest request =
                request("/jobs/" + jobId + "/stop")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(stop.toString()))
                        .build();
        return send(request).path("request-id").asText();
    }

    /**
     * {@code GET /jobs/<id>/savepoints/<request id>}: {@code status.id} ({@code IN_PROGRESS},
     * {@code COMPLETED}) and, once completed, {@code operation.location} or {@code
     * operation.failure-cause}.
     */
    public JsonNode savepointOperation(String jobId, String requestId) {
        return send(get("/jobs/" + jobId + "/savepoints/" + requestId));
    }

    /** {@code PATCH /jobs/<id>?mode=cancel}. */
    public void cancel(String jobId) {
        send(
                request("/jobs/" + jobId + "?mode=cancel")
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    private JsonNode send(HttpRequest request) {
        return JsonHttp.exchange(http, request, request.method() + " " + request.uri());
    }
}
