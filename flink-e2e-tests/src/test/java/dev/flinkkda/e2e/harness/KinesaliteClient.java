package dev.flinkkda.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A minimal client of the Kinesis JSON API ({@code Kinesis_20131202}) for Kinesalite: create a
 * stream, put records, read a shard. Kinesalite checks that a request is signed, not the signature,
 * so no AWS SDK is needed.
 */
public final class KinesaliteClient {

    private static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=kinesalite/20180801/us-east-1/kinesis/aws4_request,"
                    + " SignedHeaders=content-type;host;x-amz-date;x-amz-target,"
                    + " Signature=0000000000000000000000000000000000000000000000000000000000000000";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(REQUEST_TIMEOUT)
                    .build();
    private final URI endpoint;

    /** A client of the Kinesalite at {@code endpoint}, e.g. {@code http://127.0.0.1:4567}. */
    public KinesaliteClient(String endpoint) {
        this.endpoint = URI.create(endpoint + "/");
    }

    /** Creates a stream with {@code shards} shards and waits until it is {@code ACTIVE}. */
    public void createStream(String stream, int shards, Duration timeout) {
        ObjectNode request = mapper.createObjectNode();
        request.put("StreamName", stream);
        request.put("ShardCount", shards);
        call("CreateStream", request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"ACTIVE".equals(describeStream(stream).path("StreamStatus").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(stream + " not ACTIVE within " + timeout);
            }
            Waiting.sleep(Duration.ofMillis(50));
        }
    }

    /** Puts one record (UTF-8 text) and returns its sequence number. */
    public String putRecord(String stream, String partitionKey, String data) {
        ObjectNode request = mapper.createObjectNode();
        request.put("StreamName", stream);
        request.put("PartitionKey", partitionKey);
        request.put(
                "Data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
        return call("PutRecord", request).path("SequenceNumber").asText();
    }

    /**
     * Puts {@code records} into an empty one-shard {@code stream} and returns them as read back
     * from its start, with their sequence numbers and arrival times.
     *
     * @throws IllegalStateException if the stream does not hold exactly those records then
     */
    public List<ShardRecord> putRecordsAndReadBack(
            String stream, String partitionKey, List<String> records) {
        records.forEach(record -> putRecord(stream, partitionKey, record));
        List<ShardRecord> read = readFromStart(stream).pollRecords();
        if (!read.stream().map(ShardRecord::data).toList().equals(records)) {
            throw new IllegalStateException(
                    "stream " + stream + " holds " + read + ", not the records put: " + records);
        }
        return read;
    }

    /** A reader of the stream's first shard from its oldest record (TRIM_HORIZON). */
    public ShardReader readFromStart(String stream) {
        String shardId = describeStream(stream).path("Shards").path(0).path("ShardId").asText();
        ObjectNode request = mapper.createObjectNode();
        request.put("StreamName", stream);
        request.put("ShardId", shardId);
        request.put("ShardIteratorType", "TRIM_HORIZON");
        return new ShardReader(call("GetShardIterator", request).path("ShardIterator").asText());
    }

    private JsonNode describeStream(String stream) {
        ObjectNode request = mapper.createObjectNode();
        request.put("StreamName", stream);
        return call("DescribeStream", request).path("StreamDescription");
    }

    private JsonNode call(String operation, JsonNode body) {
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", CONTENT_TYPE)
                        .header("X-Amz-Target", TARGET_PREFIX + operation)
                        .header("X-Amz-Date", AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                        .header("Authorization", AUTHORIZATION)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build();
        return JsonHttp.exchange(http, request, operation + " " + body + " at " + endpoint);
    }

    /**
     * A record as read: its data (UTF-8 text), sequence number and ApproximateArrivalTimestamp (in
     * epoch milliseconds, as the Kinesis connector reads it).
     */
    public record ShardRecord(String data, String sequenceNumber, long arrivalMillis) {}

    /** Reads one shard forward; each {@link #poll()} returns the records added since the last. */
    public final class ShardReader {

        private String iterator;

        private ShardReader(String iterator) {
            this.iterator = iterator;
        }

        /** The next records of the shard (UTF-8 text), possibly none. */
        public List<String> poll() {
            return pollRecords().stream().map(ShardRecord::data).toList();
        }

        /** The next records of the shard with their sequence numbers and arrival times. */
        public List<ShardRecord> pollRecords() {
            List<ShardRecord> records = new ArrayList<>();
            while (true) {
                ObjectNode request = mapper.createObjectNode();
                request.put("ShardIterator", iterator);
                request.put("Limit", 1000);
                JsonNode response = call("GetRecords", request);
                iterator = response.path("NextShardIterator").asText();
                int before = records.size();
                for (JsonNode record : response.path("Records")) {
                    byte[] data = Base64.getDecoder().decode(record.path("Data").asText());
                    records.add(
                            new ShardRecord(
                                    new String(data, StandardCharsets.UTF_8),
                                    record.path("SequenceNumber").asText(),
                                    // Epoch seconds with a fraction, e.g. 1732190400.123: exact
                                    // milliseconds, as the connector's SDK parses them.
                                    new BigDecimal(
                                                    record.path("ApproximateArrivalTimestamp")
                                                            .asText())
                                            .movePointRight(3)
                                            .longValue()));
                }
                if (records.size() == before || response.path("MillisBehindLatest").asLong() == 0) {
                    return records;
                }
            }
        }
    }
}
