package dev.flinkkda.e2e.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The three Kinesalite streams of a Kinesis job under test — input, output and error records — and
 * what the job fixtures do with them: create them, put input records in order, and pass them to the
 * job with the emulator's endpoint.
 *
 * @param partitionKey the one partition key of the input records (one shard, so order is kept)
 */
public record KinesisJobStreams(String input, String output, String error, String partitionKey) {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);

    /** Creates the three streams, one shard each. */
    public void create(KinesaliteClient kinesis) {
        for (String stream : List.of(input, output, error)) {
            kinesis.createStream(stream, 1, STREAM_TIMEOUT);
        }
    }

    /** Puts {@code records} into the input stream, in order. */
    public void putInput(KinesaliteClient kinesis, List<String> records) {
        for (String record : records) {
            kinesis.putRecord(input, partitionKey, record);
        }
    }

    /**
     * The job arguments naming the emulator's endpoint and region and the three streams, followed
     * by {@code moreArguments}.
     */
    public List<String> jobArguments(E2eEnvironment env, String... moreArguments) {
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "--endpoint",
                                env.kinesalite().endpoint(),
                                "--region",
                                "us-east-1",
                                "--input-stream",
                                input,
                                "--output-stream",
                                output,
                                "--error-stream",
                                error));
        arguments.addAll(List.of(moreArguments));
        return arguments;
    }
}
