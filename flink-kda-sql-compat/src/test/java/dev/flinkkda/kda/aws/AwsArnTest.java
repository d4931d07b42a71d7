package dev.flinkkda.kda.aws;

import dev.flinkkda.kda.options.StreamLocation;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ARNs of a KDA application's configuration, in the shapes of AWS's API reference ({@code
 * S3ReferenceDataSource.BucketARN}, {@code KinesisFirehoseOutput.ResourceARN}).
 */
class AwsArnTest {

    @Test
    void aReferenceDataSourcesBucketArnAndFileKey() {
        AwsSettings inRegion = new AwsSettings(null, "us-west-2", null, Map.of());
        S3ObjectLocation object =
                S3ObjectLocation.ofReferenceDataSource(
                        "arn:aws:s3:::kda-reference-data", "tickers/CompanyName.csv", inRegion);
        assertThat(object.uri()).isEqualTo("s3://kda-reference-data/tickers/CompanyName.csv");
        assertThat(object.settings().region()).isEqualTo("us-west-2");
        assertThatThrownBy(
                        () ->
                                S3ObjectLocation.ofReferenceDataSource(
                                        "arn:aws:kinesis:us-west-2:012345678901:stream/x",
                                        "k",
                                        inRegion))
                .hasMessage(
                        "'arn:aws:kinesis:us-west-2:012345678901:stream/x' is not an S3 bucket's"
                                + " ARN: expected arn:aws:s3:::BUCKET");
        assertThatThrownBy(
                        () ->
                                S3ObjectLocation.ofReferenceDataSource(
                                        "arn:aws:s3:::b", "", inRegion))
                .hasMessageContaining("no object key");
    }

    @Test
    void aFirehoseOutputsResourceArn() {
        StreamLocation.Firehose firehose =
                StreamLocation.Firehose.ofResourceArn(
                        "arn:aws:firehose:eu-west-1:012345678901:deliverystream/ticker-archive");
        assertThat(firehose.deliveryStreamName()).isEqualTo("ticker-archive");
        assertThat(firehose.settings().region()).isEqualTo("eu-west-1");
        assertThat(firehose).hasToString("firehose:ticker-archive?region=eu-west-1");
        assertThatThrownBy(
                        () ->
                                StreamLocation.Firehose.ofResourceArn(
                                        "arn:aws:firehose:eu-west-1:012345678901:stream/x"))
                .hasMessage(
                        "'arn:aws:firehose:eu-west-1:012345678901:stream/x' is not the ARN of a"
                                + " firehose deliverystream: expected"
                                + " arn:aws:firehose:REGION:ACCOUNT:deliverystream/NAME");
        assertThatThrownBy(() -> StreamLocation.Firehose.ofResourceArn("ticker-archive"))
                .hasMessageStartingWith("'ticker-archive' is not an ARN");
    }

    @Test
    void partsOfAnArn() {
        assertThat(AwsArn.parse("arn:aws-cn:firehose:cn-north-1:012345678901:deliverystream/a/b"))
                .isEqualTo(
                        new AwsArn(
                                "aws-cn",
                                "firehose",
                                "cn-north-1",
                                "012345678901",
                                "deliverystream/a/b"));
        assertThat(AwsArn.parse("arn:aws:s3:::b").region()).isEmpty();
    }
}
