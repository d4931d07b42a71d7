package dev.flinkkda.kda.kinesis;

import dev.flinkkda.kda.aws.AwsSettings;

import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

import java.nio.file.Files;
import java.nio.file.Path;
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
 *   <li>{@code profile=NAME}: the credentials of that profile of the AWS shared credentials and
 *       config files. Without it, the connector's {@code aws.credentials.provider} if given (e.g.
 *       {@code AUTO}, the default chain), else an endpoint on {@code localhost}/{@code 127.0.0.1}
 *       (an emulator, which checks no signature) gets dummy keys and anything else the AWS default
 *       credentials chain. Credential values ({@code accessKey}, {@code secretKey}, the connector's
 *       {@code aws.credentials.provider.basic.…}, {@code BASIC}) are refused: see {@link
 *       CommandLineCredentials};
 *   <li>{@code partitionKey=COLUMN} (outputs): the partition key is that column's value; by default
 *       a hash of the row;
 *   <li>{@code shards=K/N} (inputs): only the records of the shards whose number is {@code K − 1}
 *       modulo {@code N} ({@link ShardSubset}): the K-th of the N in-application streams KDA's
 *       {@code InputParallelism.Count} splits a stream into;
 *   <li>{@code aws.…} and {@code flink.…}: passed to the connector as they are (see its {@code
 *       AWSConfigConstants} and {@code ConsumerConfigConstants}).
 * </ul>
 *
 * <p>Values are taken as written (no URL decoding); they cannot hold {@code &}. The settings hold
 * no credential, so {@link #toString} may be shown anywhere.
 */
public record KinesisSettings(
        Optional<String> endpoint,
        String region,
        String start,
        Optional<String> profile,
        Optional<String> partitionKey,
        Optional<ShardSubset> shards,
        Map<String, String> connectorProperties) {

    /** KDA's {@code NOW}: only records written after the application starts. */
    public static final String LATEST = "LATEST";

    /** The oldest record the stream keeps. */
    public static final String TRIM_HORIZON = "TRIM_HORIZON";

    /** The access and secret key given to an emulator on this machine, which checks none. */
    static final String EMULATOR_KEY = "local-emulator";

    public KinesisSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(shards, "shards");
        connectorProperties = Map.copyOf(connectorProperties);
        for (Map.Entry<String, String> property : connectorProperties.entrySet()) {
            AwsSettings.checkNoCredential(property.getKey(), property.getValue());
        }
        if (profile.isPresent()
                && connectorProperties.containsKey(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER)) {
            throw new IllegalArgumentException(
                    "profile and "
                            + AWSConfigConstants.AWS_CREDENTIALS_PROVIDER
                            + " both choose the credentials; give one");
        }
    }

    /** The settings of a query string without its {@code ?}; {@code ""} for the defaults. */
    public static KinesisSettings parse(String query) {
        Optional<String> endpoint = Optional.empty();
        String region = AwsSettings.defaultRegion();
        String start = LATEST;
        Optional<String> profile = Optional.empty();
        Optional<String> partitionKey = Optional.empty();
        Optional<ShardSubset> shards = Optional.empty();
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            // before anything quotes the pair: a credential's value must not be shown
            AwsSettings.checkNoCredential(key, "");
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "'" + pair + "': expected key=value, e.g. region=us-east-1");
            }
            String value = pair.substring(eq + 1);
            switch (key) {
                case "endpoint" -> endpoint = Optional.of(AwsSettings.checkEndpoint(value));
                case "region" -> region = value;
                case "start" -> start = checkStart(value);
                case "profile" -> profile = Optional.of(value);
                case "partitionKey" -> partitionKey = Optional.of(value);
                case "shards" -> shards = Optional.of(ShardSubset.parse(value));
                default -> {
                    if (!key.startsWith("aws.") && !key.startsWith("flink.")) {
                        throw new IllegalArgumentException(
                                "unknown setting '"
                                        + key
                                        + "': expected endpoint, region, start, profile,"
                                        + " partitionKey, shards, or a connector property aws.… /"
                                        + " flink.…");
                    }
                    properties.put(key, value);
                }
            }
        }
        return new KinesisSettings(
                endpoint, region, start, profile, partitionKey, shards, properties);
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
        return endpoint.map(AwsSettings::isLocal).orElse(false);
    }

    /**
     * The connector's client properties: region, endpoint, where the credentials come from, and the
     * {@code aws.…} / {@code flink.…} settings; for inputs also the start position.
     */
    public Properties clientProperties(boolean forInput) {
        Properties properties = new Properties();
        properties.setProperty(AWSConfigConstants.AWS_REGION, region);
        endpoint.ifPresent(e -> properties.setProperty(AWSConfigConstants.AWS_ENDPOINT, e));
        if (profile.isPresent()) {
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "PROFILE");
            properties.setProperty(AWSConfigConstants.AWS_PROFILE_NAME, profile.get());
            if (forInput) {
                // The Kinesis source's AWS SDK v1 looks for AWS_CREDENTIAL_PROFILES_FILE (and
                // failed on AWS_CONFIG_FILE): give it the file SDK v2 and the AWS CLI read.
                sharedCredentialsFile()
                        .ifPresent(
                                f ->
                                        properties.setProperty(
                                                AWSConfigConstants.AWS_PROFILE_PATH, f.toString()));
            }
        } else if (connectorProperties.containsKey(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER)) {
            // the connector's own choice, set below
        } else if (isLocalEndpoint()) {
            // An emulator checks no signature; these are not anyone's keys.
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
            properties.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, EMULATOR_KEY);
            properties.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, EMULATOR_KEY);
        } else {
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO");
        }
        if (forInput) {
            properties.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, start);
        }
        properties.putAll(connectorProperties);
        return properties;
    }

    /**
     * The AWS shared credentials file, as the AWS CLI and SDK v2 find it: {@code
     * aws.sharedCredentialsFile}, {@code $AWS_SHARED_CREDENTIALS_FILE}, else {@code
     * ~/.aws/credentials}; empty if it does not exist.
     */
    static Optional<Path> sharedCredentialsFile() {
        String configured = System.getProperty("aws.sharedCredentialsFile");
        if (configured == null) {
            configured = System.getenv("AWS_SHARED_CREDENTIALS_FILE");
        }
        Path file =
                configured != null
                        ? Path.of(configured)
                        : Path.of(System.getProperty("user.home"), ".aws", "credentials");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** These settings reading only {@code shards}. */
    public KinesisSettings withShards(ShardSubset shards) {
        return new KinesisSettings(
                endpoint,
                region,
                start,
                profile,
                partitionKey,
                Optional.of(shards),
                connectorProperties);
    }

    /** The query string of these settings, {@code ?key=value&...}. */
    public String toQueryString() {
        Map<String, String> pairs = new LinkedHashMap<>();
        endpoint.ifPresent(e -> pairs.put("endpoint", e));
        pairs.put("region", region);
        pairs.put("start", start);
        profile.ifPresent(p -> pairs.put("profile", p));
        partitionKey.ifPresent(k -> pairs.put("partitionKey", k));
        shards.ifPresent(k -> pairs.put("shards", k.toString()));
        pairs.putAll(connectorProperties);
        return pairs.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&", "?", ""));
    }

    @Override
    public String toString() {
        return toQueryString();
    }
}
