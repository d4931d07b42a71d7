package dev.flinkkda.kda.config;

import java.util.Objects;

/**
 * The S3 object of reference data ({@code S3ReferenceDataSource}). A bucket's ARN ({@code
 * arn:aws:s3:::BUCKET}) names no region: the region is the S3 client's.
 *
 * @param bucket the bucket's name, from {@code BucketARN}
 * @param bucketArn {@code BucketARN}, where it was found
 * @param fileKey {@code FileKey}, the object's key, where it was found
 */
public record ConfiguredS3Object(
        String bucket, Located<String> bucketArn, Located<String> fileKey) {
    public ConfiguredS3Object {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(bucketArn, "bucketArn");
        Objects.requireNonNull(fileKey, "fileKey");
    }

    /** {@code s3://BUCKET/KEY}. */
    public String uri() {
        return "s3://" + bucket + "/" + fileKey.value();
    }
}
