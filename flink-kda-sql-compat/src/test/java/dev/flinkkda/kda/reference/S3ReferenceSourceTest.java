package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.aws.S3ObjectLocation;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.types.Row;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reference table read from S3 ({@link ReferenceSource#s3}) by the real AWS SDK v2 S3 client,
 * against an S3 endpoint faked at the protocol level on 127.0.0.1 (path-style {@code GET
 * /BUCKET/KEY}, S3's XML errors): the bytes are parsed as a file's, and each failure is one message
 * naming the object. (Against s3rver: {@code AwsConnectionsITCase} in flink-e2e-tests.)
 */
class S3ReferenceSourceTest {

    private static final String COLUMNS = "\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(20)";

    private HttpServer s3;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakeS3() throws IOException {
        s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s3.createContext("/", this::handle);
        s3.start();
        objects.put(
                "/kda-reference/companies.csv",
                "Ticker,Company\nAMZN,Amazon\nINFY,Infosys\n".getBytes(StandardCharsets.UTF_8));
        // "caf\xE9": Latin-1, not UTF-8
        objects.put(
                "/kda-reference/latin1.csv",
                new byte[] {'A', 'B', 'C', ',', 'c', 'a', 'f', (byte) 0xE9, '\n'});
    }

    @AfterEach
    void stopFakeS3() {
        s3.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(
                    exchange.getRequestMethod()
                            + " "
                            + path
                            + " auth="
                            + exchange.getRequestHeaders().getFirst("Authorization"));
            if (path.startsWith("/private/")) {
                error(exchange, 403, "AccessDenied", "Access Denied");
            } else if (!path.startsWith("/kda-reference/")) {
                error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
            } else if (!objects.containsKey(path)) {
                error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            } else {
                byte[] body = objects.get(path);
                exchange.getResponseHeaders().add("Content-Type", "text/csv");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message)
            throws IOException {
        byte[] body =
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                                + code
                                + "</Code><Message>"
                                + message
                                + "</Message><RequestId>1</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + s3.getAddress().getPort();
    }

    /** A reader as the table connector builds it from its options. */
    private ReferenceFileReader reader(String path) {
        Configuration options =
                Configuration.fromMap(
                        Map.of(
                                "path",
                                path,
                                "s3.endpoint",
                                endpoint(),
                                "s3.region",
                                "eu-west-1",
                                "csv.header",
                                "true"));
        return ReferenceFileTableFactory.reader(options, KdaSchema.parse(COLUMNS).rowDataType());
    }

    @Test
    void theObjectIsReadAnonymouslyPathStyleAndParsedAsAFile() {
        ReferenceFileReader reader = reader("s3://kda-reference/companies.csv");
        assertThat(reader.source()).isInstanceOf(ReferenceSource.S3Source.class);
        assertThat(reader.path()).isEqualTo("s3://kda-reference/companies.csv");
        assertThat(reader.read())
                .containsExactly(Row.of("AMZN", "Amazon"), Row.of("INFY", "Infosys"));
        assertThat(requests).containsExactly("GET /kda-reference/companies.csv auth=null");
    }

    @Test
    void eachFailureIsOneMessageNamingTheObject() {
        assertThatThrownBy(() -> reader("s3://kda-reference/nothing.csv").read())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(
                        "s3://kda-reference/nothing.csv: no such key 'nothing.csv' in bucket 'kda-reference'")
                .hasNoCause();
        assertThatThrownBy(() -> reader("s3://elsewhere/companies.csv").read())
                .hasMessage("s3://elsewhere/companies.csv: no such bucket 'elsewhere'");
        assertThatThrownBy(() -> reader("s3://private/companies.csv").read())
                .hasMessage(
                        "s3://private/companies.csv: access denied (AccessDenied, HTTP 403): Access Denied");
        assertThatThrownBy(() -> reader("s3://kda-reference/latin1.csv").read())
                .hasMessage(
                        "s3://kda-reference/latin1.csv: not UTF-8 at byte 7 (line 1, column 8)");
    }

    @Test
    void s3OptionsBelongToS3PathsAndTheirSettingsAreChecked() {
        assertThatThrownBy(
                        () ->
                                ReferenceFileTableFactory.source(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "path",
                                                        "/data/c.csv",
                                                        "s3.region",
                                                        "eu-west-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 's3.region' applies to an s3:// path only");
        assertThatThrownBy(
                        () ->
                                ReferenceFileTableFactory.source(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "path",
                                                        "s3://b/c.csv",
                                                        "s3.endpoint",
                                                        "http://user:pw@127.0.0.1:1"))))
                .hasMessageContaining("a user or password in the endpoint is refused")
                .hasMessageNotContaining("pw");
        ReferenceSource source =
                ReferenceSource.s3(
                        new S3ObjectLocation(
                                "b",
                                "c.csv",
                                new AwsSettings(null, "eu-west-1", "analytics", Map.of())));
        assertThat(ReferenceFileTableFactory.options(source))
                .containsExactly(
                        Map.entry("path", "s3://b/c.csv"),
                        Map.entry("s3.region", "eu-west-1"),
                        Map.entry("s3.profile", "analytics"));
        assertThat(
                        ReferenceFileTableFactory.source(
                                Configuration.fromMap(ReferenceFileTableFactory.options(source))))
                .isEqualTo(source);
    }
}
