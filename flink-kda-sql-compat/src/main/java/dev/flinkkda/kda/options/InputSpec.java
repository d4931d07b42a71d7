package dev.flinkkda.kda.options;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.json.RecordMapper;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;

import java.time.Duration;
import java.util.Objects;

/**
 * One input of an application: the in-application stream it feeds, where its records come from,
 * their columns, and its {@code ROWTIME}.
 *
 * @param streamName the in-application stream, e.g. {@code SOURCE_SQL_STREAM_001} (a normalized
 *     name: {@link KdaNames#normalize})
 * @param location a {@link StreamLocation.File} or {@link StreamLocation.Kinesis}
 * @param schema the columns of the records
 * @param rowtime where {@code ROWTIME} comes from; {@code arrival} needs a Kinesis input
 * @param watermarkDelay how far {@code ROWTIME} may go back (event time only): the watermark is the
 *     greatest {@code ROWTIME} so far minus this minus 1 ms, as Flink's {@code
 *     forBoundedOutOfOrderness}; rows further back are late
 * @param arrivalTime where the system column {@code APPROXIMATE_ARRIVAL_TIME} comes from; {@code
 *     arrival} needs a Kinesis input
 * @param format how a record holds its rows ({@link RecordFormat}; by default {@link
 *     RecordFormat#jsonLines()}: a JSON object per record, a key per column)
 */
public record InputSpec(
        String streamName,
        StreamLocation location,
        KdaSchema schema,
        RowtimeMode rowtime,
        Duration watermarkDelay,
        ArrivalTimeMode arrivalTime,
        RecordFormat format) {

    public InputSpec {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rowtime, "rowtime");
        Objects.requireNonNull(watermarkDelay, "watermarkDelay");
        Objects.requireNonNull(arrivalTime, "arrivalTime");
        Objects.requireNonNull(format, "format");
        if (location instanceof StreamLocation.Stdout) {
            throw new IllegalArgumentException(
                    "input " + streamName + ": reading stdin is not supported; give a file");
        }
        if (location instanceof StreamLocation.Firehose) {
            throw new IllegalArgumentException(
                    "input " + streamName + ": " + RunOptions.FIREHOSE_INPUT_REFUSED);
        }
        if (rowtime.kind() == RowtimeMode.Kind.ARRIVAL
                && !(location instanceof StreamLocation.Kinesis)) {
            throw new IllegalArgumentException(
                    "input "
                            + streamName
                            + ": --rowtime arrival takes ROWTIME from the Kinesis arrival time,"
                            + " which the file "
                            + location
                            + " does not have; use --rowtime field:NAME (e.g. field:ROWTIME) or"
                            + " processing");
        }
        if (arrivalTime.kind() == ArrivalTimeMode.Kind.ARRIVAL
                && !(location instanceof StreamLocation.Kinesis)) {
            throw new IllegalArgumentException(
                    "input "
                            + streamName
                            + ": --arrival-time arrival takes APPROXIMATE_ARRIVAL_TIME from the"
                            + " Kinesis arrival time, which the file "
                            + location
                            + " does not have; use --arrival-time field:NAME or rowtime");
        }
        try {
            ArrivalTimeMode.declaredColumn(schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input " + streamName + ": " + e.getMessage(), e);
        }
        if (watermarkDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "input " + streamName + ": the watermark delay cannot be negative");
        }
        try {
            RecordMapper.of(schema, format, rowtime, arrivalTime); // checks the mappings
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input " + streamName + ": " + e.getMessage(), e);
        }
    }

    /** An input of JSON objects, a key per column ({@link RecordFormat#jsonLines()}). */
    public InputSpec(
            String streamName,
            StreamLocation location,
            KdaSchema schema,
            RowtimeMode rowtime,
            Duration watermarkDelay,
            ArrivalTimeMode arrivalTime) {
        this(
                streamName,
                location,
                schema,
                rowtime,
                watermarkDelay,
                arrivalTime,
                RecordFormat.jsonLines());
    }

    /** This input with records of another format. */
    public InputSpec withFormat(RecordFormat recordFormat) {
        return new InputSpec(
                streamName, location, schema, rowtime, watermarkDelay, arrivalTime, recordFormat);
    }

    /** The mapping of this input's records to rows. */
    public RecordMapper recordMapper() {
        return RecordMapper.of(schema, format, rowtime, arrivalTime);
    }

    /** An input with the default {@code APPROXIMATE_ARRIVAL_TIME} for its location. */
    public InputSpec(
            String streamName,
            StreamLocation location,
            KdaSchema schema,
            RowtimeMode rowtime,
            Duration watermarkDelay) {
        this(
                streamName,
                location,
                schema,
                rowtime,
                watermarkDelay,
                ArrivalTimeMode.defaultFor(location));
    }

    /**
     * An input with the default {@code ROWTIME} and {@code APPROXIMATE_ARRIVAL_TIME} for its
     * location and no watermark delay.
     */
    public static InputSpec of(String streamName, StreamLocation location, KdaSchema schema) {
        return new InputSpec(
                streamName, location, schema, RowtimeMode.defaultFor(location), Duration.ZERO);
    }
}
