package dev.flinkkda.kda.aws;

import dev.flinkkda.kda.kinesis.CommandLineCredentials;

import java.io.Serializable;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to reach an AWS service from a command-line location's settings ({@code
 * s3://BUCKET/KEY?endpoint=…&region=…&profile=…}, {@code firehose:NAME?…}):
 *
 * <ul>
 *   <li>{@code endpoint=http://127.0.0.1:4568}: another endpoint than AWS's, e.g. an emulator;
 *   <li>{@code region=eu-west-1}: by default {@code $AWS_REGION}, {@code $AWS_DEFAULT_REGION} or
 *       {@code us-east-1};
 *   <li>{@code profile=NAME}: the credentials of that profile of the AWS shared credentials and
 *       config files. Without it, an endpoint on {@code localhost}/{@code 127.0.0.1} (an emulator,
 *       which checks no signature) gets no real credentials, anything else the AWS default chain;
 *   <li>{@code aws.…} (only where the location takes connector properties): passed to the Flink AWS
 *       connector as they are.
 * </ul>
 *
 * <p>The same rules as Kinesis locations ({@link dev.flinkkda.kda.kinesis.KinesisSettings}):
 * credentials in a setting or in the endpoint's URL are refused, by name, without their value
 * ({@link CommandLineCredentials}); so {@link #toString} may be shown anywhere.
 *
 * <p>Serializable (a reference table's reader carries it to the tasks), so the optional settings
 * are {@code null} when not given rather than {@link Optional}s; {@link #endpointUrl()} and {@link
 * #profileName()} give them as {@code Optional}s.
 *
 * @param endpoint the endpoint, {@code null} for AWS's own
 * @param profile the named profile, {@code null} for the default chain (or none for an emulator)
 * @param connectorProperties the {@code aws.…} settings, for a connector
 */
public record AwsSettings(
        String endpoint, String region, String profile, Map<String, String> connectorProperties)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The settings every AWS location takes. */
    public static final Set<String> KEYS = Set.of("endpoint", "region", "profile");

    /** The connector's setting that chooses where credentials come from. */
    static final String CREDENTIALS_PROVIDER = "aws.credentials.provider";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        connectorProperties = Collections.unmodifiableMap(new LinkedHashMap<>(connectorProperties));
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region is empty");
        }
        for (Map.Entry<String, String> property : connectorProperties.entrySet()) {
            checkNoCredential(property.getKey(), property.getValue());
        }
        if (profile != null && profile.isBlank()) {
            throw new IllegalArgumentException("profile is empty");
        }
        if (profile != null && connectorProperties.containsKey(CREDENTIALS_PROVIDER)) {
            throw new IllegalArgumentException(
                    "profile and "
                            + CREDENTIALS_PROVIDER
                            + " both choose the credentials; give one");
        }
    }

    /** AWS's own endpoint, the default region, the default credentials. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, defaultRegion(), null, Map.of());
    }

    /**
     * The {@code key=value} pairs of a query string without its {@code ?}, in order. A key that
     * names a credential is refused before anything quotes its pair.
     *
     * @throws IllegalArgumentException for a credential setting, a pair without {@code =} or a
     *     value, or a key given twice
     */
    public static Map<String, String> queryPairs(String query) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            checkNoCredential(key, "");
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "'" + pair + "': expected key=value, e.g. region=us-east-1");
            }
            if (pairs.put(key, pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("setting '" + key + "' is given twice");
            }
        }
        return pairs;
    }

    /**
     * The settings among {@code pairs}: {@link #KEYS}, and {@code aws.…} if {@code
     * withConnectorProperties}.
     *
     * @param otherKeys further keys the caller takes itself (e.g. a file format's), skipped here
     * @throws IllegalArgumentException for any other key, naming the keys expected
     */
    public static AwsSettings of(
            Map<String, String> pairs, boolean withConnectorProperties, Set<String> otherKeys) {
        String endpoint = null;
        String region = defaultRegion();
        String profile = null;
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String key = pair.getKey();
            String value = pair.getValue();
            checkNoCredential(key, value);
            switch (key) {
                case "endpoint" -> endpoint = value;
                case "region" -> region = value;
                case "profile" -> profile = value;
                default -> {
                    if (withConnectorProperties && key.startsWith("aws.")) {
                        properties.put(key, value);
                    } else if (!otherKeys.contains(key)) {
                        throw new IllegalArgumentException(
                                "unknown setting '"
                                        + key
                                        + "': expected "
                                        + expectedKeys(withConnectorProperties, otherKeys));
                    }
                }
            }
        }
        return new AwsSettings(endpoint, region, profile, properties);
    }

    private static String expectedKeys(boolean withConnectorProperties, Set<String> otherKeys) {
        StringBuilder keys = new StringBuilder("endpoint, region, profile");
        otherKeys.stream().sorted().forEach(key -> keys.append(", ").append(key));
        if (withConnectorProperties) {
            keys.append(", or a connector property aws.…");
        }
        return keys.toString();
    }

    /**
     * Refuses a setting that would carry a credential on the command line: a key named like one
     * ({@link CommandLineCredentials#isCredentialSetting}), or a credentials provider of {@code
     * BASIC}, which reads its keys from the settings. The message names the key, never the value.
     * Every AWS location's settings (Kinesis's too) are checked by this.
     */
    public static void checkNoCredential(String key, String value) {
        if (CommandLineCredentials.isCredentialSetting(key)) {
            throw new IllegalArgumentException(
                    "setting '"
                            + key
                            + "' is refused: "
                            + CommandLineCredentials.WHERE_CREDENTIALS_COME_FROM);
        }
        if (key.toLowerCase(Locale.ROOT).endsWith("provider")
                && value.trim().equalsIgnoreCase("BASIC")) {
            throw new IllegalArgumentException(
                    key
                            + "=BASIC is refused: it reads keys from the command line; "
                            + CommandLineCredentials.WHERE_CREDENTIALS_COME_FROM);
        }
    }

    /**
     * Refuses an endpoint that is no {@code http(s)://host[:port]} or holds a user or password; the
     * message never quotes a password.
     *
     * @return {@code value}
     */
    public static String checkEndpoint(String value) {
        if (CommandLineCredentials.hasUserInfo(value)) {
            throw new IllegalArgumentException(
                    "endpoint '"
                            + CommandLineCredentials.redact(value)
                            + "': a user or password in the endpoint is refused: "
                            + CommandLineCredentials.WHERE_CREDENTIALS_COME_FROM);
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            // not e as the cause: its message quotes the value whole
            throw new IllegalArgumentException(
                    "endpoint '" + value + "': expected http(s)://host[:port]");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "endpoint '" + value + "': expected http(s)://host[:port]");
        }
        return value;
    }

    /** {@code $AWS_REGION}, {@code $AWS_DEFAULT_REGION} or {@code us-east-1}. */
    public static String defaultRegion() {
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "us-east-1";
    }

    /** The endpoint, if not AWS's own. */
    public Optional<String> endpointUrl() {
        return Optional.ofNullable(endpoint);
    }

    /** The named profile whose credentials are used, if given. */
    public Optional<String> profileName() {
        return Optional.ofNullable(profile);
    }

    /**
     * Whether the endpoint is an emulator on this machine ({@code localhost}, {@code 127.0.0.1},
     * {@code [::1]}): no real credentials needed.
     */
    public boolean isLocalEndpoint() {
        return endpointUrl().map(AwsSettings::isLocal).orElse(false);
    }

    /**
     * Whether {@code endpoint} is on this machine: {@code localhost}, {@code 127.0.0.1}, {@code
     * [::1]}.
     */
    public static boolean isLocal(String endpoint) {
        String host = URI.create(endpoint).getHost();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** The query string of these settings, {@code ?key=value&...}. */
    public String toQueryString() {
        Map<String, String> pairs = new LinkedHashMap<>();
        endpointUrl().ifPresent(e -> pairs.put("endpoint", e));
        pairs.put("region", region);
        profileName().ifPresent(p -> pairs.put("profile", p));
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
