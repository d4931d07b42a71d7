package dev.flinkkda.kda.kinesis;

import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * How to reach a Kinesis stream, from the query of {@code kinesis:NAME?key=value&...}:
 *
 * <ul>
 *   <li>{@code endpoint=http://127.0.0.1:4567}: another endpoint than AWS's, e.g. Kinesalite;
 *   <li>{@code region=us-east-1}: by default {@code $AWS_REGION}, {@code $AWS_DEFAULT_REGION} or
 *       {@code us-east-1};
 *   <li>{@code start=TRIM_HORIZON|LATEST} (inputs): where reading starts; by default {@code
 *       LATEST}, KDA's {@code NOW}; {@code NOW} is accepted for {@code LATEST};
 *   <li>{@code accessKey=…&secretKey=…}: fixed credentials. Without them, an endpoint on {@code
 *       localhost}/{@code 127.0.0.1} (an emulator, which checks no signature) gets dummy ones and
 *       anything else the AWS default credentials chain;
 *   <li>{@code partitionKey=COLUMN} (outputs): the partition key is that column's value; by default
 *       a hash of the row;
 *   <li>{@code aws.…} and {@code flink.…}: passed to the connector as they are (see its {@code
 *       AWSConfigConstants} and {@code ConsumerConfigConstants}).
 * </ul>
 *
 * <p>Values are taken as written (no URL decoding); they cannot hold {@code &}.
 */
public record KinesisSettings(
        Optional<String> endpoint,
        String region,
        String start,
        Optional<String> accessKey,
        Optional<String> secretKey,
        Optional<String> partitionKey,
        Map<String, String> connectorProperties) {

    /** KDA's {@code NOW}: only records written after the application starts. */
    public static final String LATEST = "LATEST";

    /** The oldest record the stream keeps. */
    public static final String TRIM_HORIZON = "TRIM_HORIZON";

    public KinesisSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(partitionKey, "partitionKey");
        connectorProperties = Map.copyOf(connectorProperties);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("accessKey and secretKey go together");
        }
    }

    /** The settings of a query string without its {@code ?}; {@code ""} for the defaults. */
    public static KinesisSettings parse(String query) {
        Optional<String> endpoint = Optional.empty();
        String region = defaultRegion();
        String start = LATEST;
        Optional<String> accessKey = Optional.empty();
        Optional<String> secretKey = Optional.empty();
        Optional<String> partitionKey = Optional.empty();
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "'" + pair + "': expected key=value, e.g. region=us-east-1");
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            switch (key) {
                case "endpoint" -> endpoint = Optional.of(checkEndpoint(value));
                case "region" -> region = value;
                case "start" -> start = checkStart(value);
                case "accessKey" -> accessKey = Optional.of(value);
                case "secretKey" -> secretKey = Optional.of(value);
                case "partitionKey" -> partitionKey = Optional.of(value);
                default -> {
                    if (!key.startsWith("aws.") && !key.startsWith("flink.")) {
                        throw new IllegalArgumentException(
                                "unknown setting '"
                                        + key
                                        + "': expected endpoint, region, start, accessKey,"
                                        + " secretKey, partitionKey, or a connector property"
                                        + " aws.… / flink.…");
                    }
                    properties.put(key, value);
                }
            }
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("accessKey and secretKey go together");
        }
        return new KinesisSettings(
                endpoint, region, start, accessKey, secretKey, partitionKey, properties);
    }

    private static String defaultRegion() {
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "us-east-1";
    }

    private static String checkEndpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "endpoint '" + value + "': expected http(s)://host[:port]", e);
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpoint '" + value + "': expected http(s)://host[:port]");
        }
        return value;
    }

    private static String checkStart(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case LATEST, "NOW" -> LATEST;
            case TRIM_HORIZON -> TRIM_HORIZON;
            default ->
                    throw new IllegalArgumentException(
                            "start '" + value + "': expected TRIM_HORIZON or LATEST (NOW)");
        };
    }

    /**
     * Whether the endpoint is an emulator on this machine ({@code localhost}, {@code 127.0.0.1}):
     * no real credentials needed.
     */
    public boolean isLocalEndpoint() {
        return endpoint.map(e -> URI.create(e).getHost())
                .map(h -> h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]"))
                .orElse(false);
    }

    /**
     * The connector's client properties: region, endpoint, credentials, and the {@code aws.…} /
     * {@code flink.…} settings; for inputs also the start position.
     */
    public Properties clientProperties(boolean forInput) {
        Properties properties = new Properties();
        properties.setProperty(AWSConfigConstants.AWS_REGION, region);
        endpoint.ifPresent(e -> properties.setProperty(AWSConfigConstants.AWS_ENDPOINT, e));
        if (accessKey.isPresent() || isLocalEndpoint()) {
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
            properties.setProperty(
                    AWSConfigConstants.AWS_ACCESS_KEY_ID, accessKey.orElse("local-emulator"));
            properties.setProperty(
                    AWSConfigConstants.AWS_SECRET_ACCESS_KEY, secretKey.orElse("local-emulator"));
        } else {
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO");
        }
        if (forInput) {
            properties.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, start);
        }
        properties.putAll(connectorProperties);
        return properties;
    }

    /** The query string of these settings, {@code ?key=value&...}, the secret key masked. */
    public String toQueryString() {
        Map<String, String> pairs = new LinkedHashMap<>();
        endpoint.ifPresent(e -> pairs.put("endpoint", e));
        pairs.put("region", region);
        pairs.put("start", start);
        accessKey.ifPresent(k -> pairs.put("accessKey", k));
        secretKey.ifPresent(k -> pairs.put("secretKey", "***"));
        partitionKey.ifPresent(k -> pairs.put("partitionKey", k));
        pairs.putAll(connectorProperties);
        return pairs.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&", "?", ""));
    }

    /** Hides the secret key. */
    @Override
    public String toString() {
        return toQueryString();
    }
}
