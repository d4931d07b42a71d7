package dev.flinkkda.kda.aws;

import java.io.Serializable;
import java.util.Objects;

/**
 * An S3 object and how to reach it: {@code s3://BUCKET/KEY} with {@link AwsSettings} ({@code
 * endpoint}, {@code region}, {@code profile}). KDA's {@code S3ReferenceDataSource} names the same
 * thing as {@code BucketARN} ({@code arn:aws:s3:::BUCKET}) and {@code FileKey}.
 *
 * @param bucket the bucket's name
 * @param key the object's key, without a leading {@code /}
 */
public record S3ObjectLocation(String bucket, String key, AwsSettings settings)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The scheme of an S3 location. */
    public static final String SCHEME = "s3://";

    public S3ObjectLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(settings, "settings");
        if (bucket.isEmpty() || bucket.contains("/")) {
            throw new IllegalArgumentException(
                    "'" + bucket + "': not a bucket name, e.g. s3://my-bucket/companies.csv");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException(
                    SCHEME
                            + bucket
                            + ": no object key; expected s3://BUCKET/KEY, e.g."
                            + " s3://my-bucket/companies.csv");
        }
    }

    /** Whether {@code text} is an S3 location, {@code s3://…}. */
    public static boolean isS3(String text) {
        return text.startsWith(SCHEME);
    }

    /**
     * Parses {@code s3://BUCKET/KEY} (without a query).
     *
     * @throws IllegalArgumentException for another scheme, no bucket or no key
     */
    public static S3ObjectLocation parse(String uri, AwsSettings settings) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException(
                    "'" + uri + "': expected s3://BUCKET/KEY, e.g. s3://my-bucket/companies.csv");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new S3ObjectLocation(rest, "", settings);
        }
        return new S3ObjectLocation(rest.substring(0, slash), rest.substring(slash + 1), settings);
    }

    /** {@code s3://BUCKET/KEY}: how messages name the object. */
    public String uri() {
        return SCHEME + bucket + "/" + key;
    }

    /** {@code s3://BUCKET/KEY?endpoint=…&region=…}: no credential is among the settings. */
    @Override
    public String toString() {
        return uri() + settings.toQueryString();
    }
}
