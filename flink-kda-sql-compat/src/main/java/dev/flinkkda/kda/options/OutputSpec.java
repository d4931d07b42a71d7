package dev.flinkkda.kda.options;

import dev.flinkkda.kda.schema.KdaNames;

import java.util.Objects;

/**
 * One output of an application: an in-application stream written as JSON lines to a file, stdout or
 * a Kinesis stream.
 *
 * @param streamName the in-application stream, e.g. {@code DESTINATION_SQL_STREAM}
 * @param location where its rows go
 * @param overwrite whether a file output may replace a file that exists ({@code --overwrite})
 */
public record OutputSpec(String streamName, StreamLocation location, boolean overwrite) {

    public OutputSpec {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(location, "location");
    }

    /** An output that replaces no existing file. */
    public OutputSpec(String streamName, StreamLocation location) {
        this(streamName, location, false);
    }

    /**
     * {@code STREAM=}{@link StreamLocation#label label}: the output in names Flink shows, without
     * the location's settings.
     */
    public String label() {
        return KdaNames.toSql(streamName) + "=" + location.label();
    }

    /** {@code STREAM=location}, as {@code --output} takes it. */
    @Override
    public String toString() {
        return KdaNames.toSql(streamName) + "=" + location;
    }
}
