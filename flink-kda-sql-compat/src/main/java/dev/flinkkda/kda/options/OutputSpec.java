package dev.flinkkda.kda.options;

import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.schema.KdaNames;

import java.util.Objects;

/**
 * One output of an application: an in-application stream written to a file, stdout or a Kinesis
 * stream, a record per row, as JSON (by default) or CSV.
 *
 * @param streamName the in-application stream, e.g. {@code DESTINATION_SQL_STREAM}
 * @param location where its rows go
 * @param overwrite whether a file output may replace a file that exists ({@code --overwrite})
 * @param format how a row is written: KDA's {@code DestinationSchema} {@code RecordFormatType}
 */
public record OutputSpec(
        String streamName, StreamLocation location, boolean overwrite, RecordFormatType format) {

    public OutputSpec {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
    }

    /** An output of JSON records. */
    public OutputSpec(String streamName, StreamLocation location, boolean overwrite) {
        this(streamName, location, overwrite, RecordFormatType.JSON);
    }

    /** An output of JSON records that replaces no existing file. */
    public OutputSpec(String streamName, StreamLocation location) {
        this(streamName, location, false);
    }

    /** This output with rows written in another format. */
    public OutputSpec withFormat(RecordFormatType recordFormat) {
        return new OutputSpec(streamName, location, overwrite, recordFormat);
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
