/**
 * AWS services other than Kinesis streams that a KDA application's configuration names: S3 objects
 * (reference data, read with the AWS SDK v2 S3 client) and the settings of command-line locations
 * that reach AWS ({@code endpoint}, {@code region}, {@code profile}), with the same credential
 * rules as Kinesis locations ({@link dev.flinkkda.kda.kinesis.CommandLineCredentials}).
 *
 * <ul>
 *   <li>{@link dev.flinkkda.kda.aws.AwsSettings}: endpoint, region, profile (and connector
 *       properties) of a location's query string; credentials refused;
 *   <li>{@link dev.flinkkda.kda.aws.S3ObjectLocation}: {@code s3://BUCKET/KEY} with its settings
 *       (the configuration's ARNs are read by {@link dev.flinkkda.kda.config.Arn});
 *   <li>{@link dev.flinkkda.kda.aws.S3Objects}: reads an object's bytes, errors as one line naming
 *       the location.
 * </ul>
 */
package dev.flinkkda.kda.aws;
