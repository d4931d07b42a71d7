package dev.flinkkda.kda.config;

import java.util.Objects;

/** Where an output's rows go: a Kinesis data stream, a Firehose delivery stream or a Lambda. */
public sealed interface OutputDestination {

    /** The destination's ARN, where it was found. */
    Located<String> arn();

    /** {@code KinesisStreamsOutput}. */
    record KinesisStream(StreamArn stream) implements OutputDestination {
        public KinesisStream {
            Objects.requireNonNull(stream, "stream");
        }

        @Override
        public Located<String> arn() {
            return stream.arn();
        }
    }

    /** {@code KinesisFirehoseOutput}. */
    record FirehoseDeliveryStream(StreamArn deliveryStream) implements OutputDestination {
        public FirehoseDeliveryStream {
            Objects.requireNonNull(deliveryStream, "deliveryStream");
        }

        @Override
        public Located<String> arn() {
            return deliveryStream.arn();
        }
    }

    /**
     * {@code LambdaOutput}: {@code run} refuses it (write to a Kinesis stream that the Lambda
     * reads) unless {@code --output} replaces it.
     *
     * @param functionArn the function's ARN, where it was found
     */
    record LambdaFunction(Located<String> functionArn) implements OutputDestination {
        public LambdaFunction {
            Objects.requireNonNull(functionArn, "functionArn");
        }

        @Override
        public Located<String> arn() {
            return functionArn;
        }
    }
}
