package dev.flinkkda.e2e.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A job's output stream (its first shard), read from its start and parsed: every record read so
 * far, in order, duplicates included.
 *
 * @param <T> a parsed output record; equal records are taken as the same result (a duplicate)
 */
public class OutputRecords<T> {

    private final KinesaliteClient.ShardReader reader;
    private final Function<String, T> parser;
    private final Duration timeout;
    private final List<T> read = new ArrayList<>();

    /**
     * @param parser parses one record of the stream
     * @param timeout how long {@link #await} waits
     */
    public OutputRecords(
            KinesaliteClient kinesis, String stream, Function<String, T> parser, Duration timeout) {
        this.reader = kinesis.readFromStart(stream);
        this.parser = parser;
        this.timeout = timeout;
    }

    /** Reads what arrived since the last call; returns all records read so far. */
    public List<T> read() {
        reader.poll().stream().map(parser).forEach(read::add);
        return List.copyOf(read);
    }

    /**
     * Reads until every record of {@code awaited} has arrived, or one that is not in {@code
     * expected} (failing if the job stops or neither happens in time); returns all records read so
     * far, duplicates included, for the caller's assertions.
     */
    public List<T> await(FlinkJob job, List<T> awaited, List<T> expected) {
        return job.await(
                timeout,
                () -> "records " + awaited + " (read: " + read + ")",
                () -> {
                    List<T> records = read();
                    return records.containsAll(awaited) || !expected.containsAll(records)
                            ? Optional.of(records)
                            : Optional.empty();
                });
    }

    /**
     * Reads again after a pause in which any extra record (a duplicate, a result too many) would
     * arrive; returns all records read, duplicates included.
     */
    public List<T> readAfterPause() {
        Waiting.sleep(Duration.ofSeconds(2));
        return read();
    }
}
