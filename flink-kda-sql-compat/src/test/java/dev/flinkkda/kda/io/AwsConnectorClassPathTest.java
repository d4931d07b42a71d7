package dev.flinkkda.kda.io;

import org.apache.flink.connector.aws.sink.throwable.AWSExceptionClassifierUtil;
import org.apache.flink.connector.base.sink.throwable.FatalExceptionClassifier;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.firehose.model.FirehoseException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis connector's jar holds its own {@code org.apache.flink.connector.aws.sink.throwable.*}
 * compiled against its relocated AWS SDK; the Firehose sink needs {@code
 * flink-connector-aws-base}'s classes of the same names, which come first on the class path (see
 * the module's pom). With the Kinesis connector's copy, classifying a Firehose error by its AWS
 * error code throws {@code ClassCastException} instead of failing the job with Firehose's answer.
 */
class AwsConnectorClassPathTest {

    @Test
    void firehoseErrorsAreClassifiedByAwsBasesClasses() {
        FatalExceptionClassifier classifier =
                AWSExceptionClassifierUtil.withAWSServiceErrorCode(
                        FirehoseException.class,
                        "ResourceNotFoundException",
                        e -> new IllegalStateException("fatal: " + e.getMessage()));
        FirehoseException notFound =
                (FirehoseException)
                        FirehoseException.builder()
                                .message("Firehose results not found.")
                                .awsErrorDetails(
                                        AwsErrorDetails.builder()
                                                .errorCode("ResourceNotFoundException")
                                                .build())
                                .build();
        List<Exception> fatal = new ArrayList<>();
        boolean retry = classifier.isFatal(notFound, fatal::add);
        assertThat(retry).isFalse();
        assertThat(fatal).hasSize(1);
        assertThat(fatal.get(0)).hasMessageStartingWith("fatal: Firehose results not found.");
    }
}
