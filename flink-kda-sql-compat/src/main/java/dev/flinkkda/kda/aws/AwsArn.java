package dev.flinkkda.kda.aws;

import java.util.Objects;

/**
 * An Amazon Resource Name, {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, as a KDA
 * application's configuration names its resources: {@code arn:aws:s3:::BUCKET} ({@code
 * S3ReferenceDataSource.BucketARN}), {@code arn:aws:firehose:REGION:ACCOUNT:deliverystream/NAME}
 * ({@code KinesisFirehoseOutput.ResourceARN}), {@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}…
 * @param region empty for global resources (S3 buckets)
 * @param account empty for S3 buckets
 * @param resource what follows the account, e.g. {@code deliverystream/NAME} or the bucket
 */
public record AwsArn(
        String partition, String service, String region, String account, String resource) {

    public AwsArn {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resource, "resource");
    }

    /**
     * Parses an ARN.
     *
     * @throws IllegalArgumentException quoting it, when it has not the six parts of an ARN or no
     *     resource
     */
    public static AwsArn parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6
                || !parts[0].equals("arn")
                || parts[1].isEmpty()
                || parts[2].isEmpty()
                || parts[5].isEmpty()) {
            throw new IllegalArgumentException(
                    "'"
                            + arn
                            + "' is not an ARN: expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE,"
                            + " e.g. arn:aws:s3:::my-bucket");
        }
        return new AwsArn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /**
     * The bucket of an S3 bucket ARN, {@code arn:aws:s3:::BUCKET}.
     *
     * @throws IllegalArgumentException for another ARN, naming what was expected
     */
    public static String s3Bucket(String arn) {
        AwsArn parsed = parse(arn);
        if (!parsed.service().equals("s3") || parsed.resource().contains("/")) {
            throw new IllegalArgumentException(
                    "'" + arn + "' is not an S3 bucket's ARN: expected arn:aws:s3:::BUCKET");
        }
        return parsed.resource();
    }

    /**
     * The ARN of a resource of {@code service} whose resource part is {@code type/NAME}, e.g. a
     * Firehose delivery stream ({@code firehose}, {@code deliverystream}): its region and name.
     *
     * @throws IllegalArgumentException for another ARN, or one without a region, naming what was
     *     expected
     */
    public static AwsArn named(String arn, String service, String type) {
        AwsArn parsed = parse(arn);
        String prefix = type + "/";
        if (!parsed.service().equals(service)
                || !parsed.resource().startsWith(prefix)
                || parsed.resource().length() == prefix.length()
                || parsed.region().isEmpty()) {
            throw new IllegalArgumentException(
                    "'"
                            + arn
                            + "' is not the ARN of a "
                            + service
                            + " "
                            + type
                            + ": expected arn:aws:"
                            + service
                            + ":REGION:ACCOUNT:"
                            + type
                            + "/NAME");
        }
        return parsed;
    }

    /** The name after {@code type/} in the resource part, e.g. the delivery stream's name. */
    public String resourceName() {
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(slash + 1);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
