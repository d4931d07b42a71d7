package dev.flinkkda.kda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Firehose endpoint on 127.0.0.1 for tests: the AWS JSON 1.1 protocol's {@code
 * Firehose_20150804.PutRecordBatch} (the one action Flink's {@code KinesisFirehoseSink} calls),
 * recording every record it accepts. There is no Firehose emulator; the client and the connector
 * talking to this are the real ones. Shared with the end-to-end tests (this module's test jar).
 *
 * <p>A request is {@code POST /} with {@code X-Amz-Target: Firehose_20150804.PutRecordBatch} and
 * {@code {"DeliveryStreamName": "…", "Records": [{"Data": "<base64>"}, …]}}; the answer {@code
 * {"FailedPutCount": n, "Encrypted": false, "RequestResponses": [{"RecordId": "…"} or {"ErrorCode":
 * "…", "ErrorMessage": "…"}, …]}}, one entry per record in order. A delivery stream it does not
 * know gets HTTP 400 {@code {"__type": "ResourceNotFoundException", …}}, as Firehose answers.
 */
public final class FakeFirehose implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "Firehose_20150804.";

    /** One call as the server saw it. */
    public record Call(String target, String contentType, String authorization, JsonNode body) {}

    private final HttpServer server;
    private final Set<String> deliveryStreams;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, List<String>> records = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger recordsRefused = new AtomicInteger();
    private final List<String> refusedRecords = new CopyOnWriteArrayList<>();

    private FakeFirehose(HttpServer server, Set<String> deliveryStreams) {
        this.server = server;
        this.deliveryStreams = deliveryStreams;
    }

    /** Starts the endpoint on a free port of 127.0.0.1 with these delivery streams. */
    public static FakeFirehose start(String... deliveryStreams) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeFirehose firehose = new FakeFirehose(server, Set.of(deliveryStreams));
        server.createContext("/", firehose::handle);
        server.start();
        return firehose;
    }

    /**
     * Refuses the second record of each of the next {@code batches} batches that hold at least two
     * records, with {@code ServiceUnavailableException}, as Firehose does when throttling.
     */
    public void refuseSecondRecordOfNextBatches(int batches) {
        failuresLeft.set(batches);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The records accepted for a delivery stream, decoded as UTF-8, in the order accepted. */
    public List<String> records(String deliveryStream) {
        return List.copyOf(records.getOrDefault(deliveryStream, List.of()));
    }

    /** Every call received. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The records refused (decoded), in order. */
    public List<String> refusedRecords() {
        return List.copyOf(refusedRecords);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            calls.add(
                    new Call(
                            target,
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            body));
            if (!(TARGET_PREFIX + "PutRecordBatch").equals(target)) {
                answer(exchange, 400, error("InvalidArgumentException", "not faked: " + target));
                return;
            }
            String stream = body.path("DeliveryStreamName").asText();
            if (!deliveryStreams.contains(stream)) {
                answer(
                        exchange,
                        400,
                        error(
                                "ResourceNotFoundException",
                                "Firehose " + stream + " under account 000000000000 not found."));
                return;
            }
            answer(exchange, 200, putRecordBatch(stream, body.path("Records")));
        }
    }

    private ObjectNode putRecordBatch(String stream, JsonNode batch) {
        boolean refuseSecond =
                batch.size() >= 2 && failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        ObjectNode response = JSON.createObjectNode();
        ArrayNode responses = response.putArray("RequestResponses");
        int failed = 0;
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String data =
                    new String(
                            Base64.getDecoder().decode(batch.get(i).path("Data").asText()),
                            StandardCharsets.UTF_8);
            ObjectNode entry = responses.addObject();
            if (refuseSecond && i == 1) {
                failed++;
                recordsRefused.incrementAndGet();
                refusedRecords.add(data);
                entry.put("ErrorCode", "ServiceUnavailableException");
                entry.put("ErrorMessage", "Slow down.");
            } else {
                accepted.add(data);
                entry.put("RecordId", stream + "-" + i + "-" + System.nanoTime());
            }
        }
        records.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>()).addAll(accepted);
        response.put("FailedPutCount", failed);
        response.put("Encrypted", false);
        return response;
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
