package dev.flinkkda.kda.config;

import java.util.Objects;

/** Where an input's records come from: a Kinesis data stream or a Firehose delivery stream. */
public sealed interface InputSource {

    /** The stream's ARN, where it was found. */
    StreamArn stream();

    /** {@code KinesisStreamsInput}: a Kinesis data stream. */
    record KinesisStream(StreamArn stream) implements InputSource {
        public KinesisStream {
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * {@code KinesisFirehoseInput}: a Firehose delivery stream; Flink has no source for it, so
     * {@code run} refuses it unless {@code --input} replaces it.
     */
    record FirehoseDeliveryStream(StreamArn stream) implements InputSource {
        public FirehoseDeliveryStream {
            Objects.requireNonNull(stream, "stream");
        }
    }
}
