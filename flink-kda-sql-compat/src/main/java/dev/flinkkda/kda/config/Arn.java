package dev.flinkkda.kda.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name, {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, e.g. {@code
 * arn:aws:kinesis:us-east-1:012345678901:stream/ExampleInputStream}.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}
 * @param service {@code kinesis}, {@code firehose}, {@code s3}, {@code iam}, {@code lambda}
 * @param region e.g. {@code us-east-1}; empty for global resources (S3 buckets, IAM roles)
 * @param account the 12-digit account id; empty for S3 buckets
 * @param resource what follows the account: {@code stream/NAME}, {@code deliverystream/NAME},
 *     {@code BUCKET}, {@code role/NAME}, {@code function:NAME}
 */
public record Arn(
        String partition, String service, String region, String account, String resource) {

    private static final Pattern ARN =
            Pattern.compile("arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|):(.+)");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public Arn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resource, "resource");
    }

    /**
     * Parses an ARN.
     *
     * @return empty if {@code text} is not of the form {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:
     *     RESOURCE} with a region like {@code us-east-1} (or none) and a 12-digit account (or none)
     */
    public static Optional<Arn> parse(String text) {
        Matcher matcher = ARN.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String region = matcher.group(3);
        if (!region.isEmpty() && !REGION.matcher(region).matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new Arn(
                        matcher.group(1),
                        matcher.group(2),
                        region,
                        matcher.group(4),
                        matcher.group(5)));
    }

    /**
     * The name after {@code TYPE/} (or {@code TYPE:}) in the resource, e.g. the stream's name of
     * {@code stream/NAME}; empty if the resource is of another type or the name is empty.
     */
    public Optional<String> resourceName(String type) {
        for (char separator : new char[] {'/', ':'}) {
            String prefix = type + separator;
            if (resource.startsWith(prefix) && resource.length() > prefix.length()) {
                return Optional.of(resource.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
