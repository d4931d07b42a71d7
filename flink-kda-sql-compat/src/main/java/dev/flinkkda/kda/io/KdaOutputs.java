package dev.flinkkda.kda.io;

import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.json.CsvRowFormatter;
import dev.flinkkda.kda.json.JsonLinesSink;
import dev.flinkkda.kda.json.RowFormatter;
import dev.flinkkda.kda.json.RowJsonFormatter;
import dev.flinkkda.kda.kinesis.KinesisJvm;
import dev.flinkkda.kda.kinesis.KinesisSettings;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.StreamLocation;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.sink.PartitionKeyGenerator;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.transformations.LegacySinkTransformation;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * Writes an application's output streams as JSON lines ({@link RowJsonFormatter}), or CSV lines
 * when the output's format says so ({@link #formatter}): to a file, to stdout, to a Kinesis stream
 * or to a Firehose delivery stream ({@link FirehoseSinks}). The table must be append-only (as KDA's
 * streams are); each row becomes one record: a line of a file or stdout, or one Kinesis or Firehose
 * record. Rows written are counted ({@link KdaCounters#rowsOut}). A file appears, complete, when
 * its stream ends ({@link JsonLinesSink}).
 */
public final class KdaOutputs {

    /** The largest partition key Kinesis accepts, in characters. */
    private static final int MAX_PARTITION_KEY_LENGTH = 256;

    private KdaOutputs() {}

    /**
     * Adds a sink writing {@code table} to the output's location. The job runs when the caller
     * executes the environment of {@code tableEnv}.
     *
     * @throws org.apache.flink.table.api.TableException if the table is not append-only
     * @throws IllegalArgumentException if a Kinesis {@code partitionKey} names no column
     */
    public static DataStreamSink<?> write(
            StreamTableEnvironment tableEnv, Table table, OutputSpec output) {
        return write(tableEnv, table, output, 1);
    }

    /**
     * As {@link #write(StreamTableEnvironment, Table, OutputSpec)}, for the {@code n}-th output of
     * its stream (from 1): a stream may have several destinations (KDA's configuration sends one
     * stream to a Kinesis stream and a Firehose delivery stream), and each needs operator ids of
     * its own; the first keeps the ids of a stream's only output.
     */
    public static DataStreamSink<?> write(
            StreamTableEnvironment tableEnv, Table table, OutputSpec output, int n) {
        RowFormatter formatter = formatter(table, output);
        DataStream<Row> rows = tableEnv.toDataStream(table);
        String counter = KdaCounters.rowsOutName(output);
        // The ids that Flink would generate depend on the job's shape and parallelism: a
        // savepoint taken before a rescale or another --output would not map to them.
        String uid = "flink-kda-output-" + output.streamName() + (n == 1 ? "" : "-" + n);
        String name =
                output.streamName()
                        + " -> "
                        + (output.location() instanceof StreamLocation.File file
                                ? file.path().getFileName()
                                : output.location() instanceof StreamLocation.Stdout
                                        ? "stdout"
                                        : output.location().label());
        if (output.location() instanceof StreamLocation.Kinesis kinesis) {
            DataStream<Row> counted =
                    rows.map(new CountRows(counter))
                            .returns(rows.getType())
                            .name("count " + output.streamName())
                            .uid(uid + "-count");
            return counted.sinkTo(kinesisSink(kinesis, formatter)).name(name).uid(uid + "-sink");
        }
        if (output.location() instanceof StreamLocation.Firehose firehose) {
            // Firehose: one record per row, JSON or CSV, as the Kinesis output writes
            // (FirehoseSinks)
            return rows.map(new CountRows(counter))
                    .returns(rows.getType())
                    .name("count " + output.streamName())
                    .uid(uid + "-count")
                    .sinkTo(FirehoseSinks.sink(firehose, new JsonBytes(formatter)))
                    .name(name)
                    .uid(uid + "-sink");
        }
        JsonLinesSink sink =
                output.location() instanceof StreamLocation.File file
                        ? JsonLinesSink.toFile(file.path(), output.overwrite())
                        : JsonLinesSink.toStdout();
        return rows.map(new FormatJsonLines(formatter, counter))
                .returns(Types.STRING)
                .name("JSON of " + output.streamName())
                .uid(uid + "-json")
                .sinkTo(sink)
                .name(name)
                .uid(uid + "-sink")
                .setParallelism(1);
    }

    /**
     * The rows of {@code table} as JSON lines, collected to this client as the job runs (they are
     * available once the caller executes the environment): the way to print an output on the
     * command's own stdout when the job runs on a cluster.
     */
    public static CloseableIterator<String> collect(
            StreamTableEnvironment tableEnv, Table table, OutputSpec output) {
        RowFormatter formatter = formatter(table, output);
        String uid = "flink-kda-collected-output-" + output.streamName();
        return collectAsync(
                tableEnv.toDataStream(table)
                        .map(new FormatJsonLines(formatter, KdaCounters.rowsOutName(output)))
                        .returns(Types.STRING)
                        .name("JSON of " + output.streamName())
                        .uid(uid + "-json"),
                uid + "-collect");
    }

    /**
     * {@link DataStream#collectAsync()} with {@code uid} on its sink: the collect sink keeps state
     * (what the client has not fetched yet), and {@code collectAsync} gives no handle to set its
     * uid, so the id Flink would generate for it changes with the job's shape and parallelism, and
     * a savepoint would not restore into a job at another parallelism.
     */
    public static <T> CloseableIterator<T> collectAsync(DataStream<T> stream, String uid) {
        int before = stream.getExecutionEnvironment().getTransformations().size();
        CloseableIterator<T> collected = stream.collectAsync();
        List<Transformation<?>> transformations =
                stream.getExecutionEnvironment().getTransformations();
        if (transformations.size() != before + 1
                || !(transformations.get(before) instanceof LegacySinkTransformation<?> sink)) {
            throw new IllegalStateException(
                    "collectAsync() added no sink of its own: " + transformations);
        }
        sink.setUid(uid);
        return collected;
    }

    // KinesisStreamsSinkBuilder.setStreamName is deprecated in favour of setStreamArn; Kinesalite
    // knows streams by name only, and a name is what KDA users have.
    @SuppressWarnings("deprecation")
    private static KinesisStreamsSink<Row> kinesisSink(
            StreamLocation.Kinesis kinesis, RowFormatter formatter) {
        KinesisSettings settings = kinesis.settings();
        KinesisJvm.prepare(settings);
        Properties properties = settings.clientProperties(false);
        // The connector's HTTP/2 client does not work against Kinesalite; HTTP/1.1 works
        // everywhere.
        properties.putIfAbsent(AWSConfigConstants.HTTP_PROTOCOL_VERSION, "HTTP1_1");
        return KinesisStreamsSink.<Row>builder()
                .setKinesisClientProperties(properties)
                .setSerializationSchema(new JsonBytes(formatter))
                .setPartitionKeyGenerator(partitionKeys(settings, formatter))
                .setStreamName(kinesis.streamName())
                .setFailOnError(true)
                .setMaxTimeInBufferMS(200)
                .build();
    }

    private static PartitionKeyGenerator<Row> partitionKeys(
            KinesisSettings settings, RowFormatter formatter) {
        if (settings.partitionKey().isEmpty()) {
            return new RowHashKey();
        }
        String column = settings.partitionKey().get();
        int index = formatter.columnNames().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "partitionKey="
                            + column
                            + " is not a column of the output; its columns are "
                            + formatter.columnNames());
        }
        return new ColumnKey(index);
    }

    /** Counts the rows (the accumulator of {@link KdaCounters#rowsOut}). */
    private static final class CountRows extends RichMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String counterName;
        private transient LongCounter rows;

        CountRows(String counterName) {
            this.counterName = counterName;
        }

        @Override
        public void open(OpenContext openContext) {
            rows = KdaCounters.counter(getRuntimeContext(), counterName);
        }

        @Override
        public Row map(Row row) {
            rows.add(1L);
            return row;
        }
    }

    /** Formats and counts the rows. */
    private static final class FormatJsonLines extends RichMapFunction<Row, String> {
        private static final long serialVersionUID = 1L;
        private final RowFormatter formatter;
        private final String counterName;
        private transient LongCounter rows;

        FormatJsonLines(RowFormatter formatter, String counterName) {
            this.formatter = formatter;
            this.counterName = counterName;
        }

        @Override
        public void open(OpenContext openContext) {
            rows = KdaCounters.counter(getRuntimeContext(), counterName);
        }

        @Override
        public String map(Row row) {
            rows.add(1L);
            return formatter.format(row);
        }
    }

    /** A row as the UTF-8 bytes of its JSON object. */
    private static final class JsonBytes implements SerializationSchema<Row> {
        private static final long serialVersionUID = 1L;
        private final RowFormatter formatter;

        JsonBytes(RowFormatter formatter) {
            this.formatter = formatter;
        }

        @Override
        public byte[] serialize(Row row) {
            return formatter.format(row).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The row's hash: rows spread over the shards, equal rows go to the same one. */
    private static final class RowHashKey implements PartitionKeyGenerator<Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(Row row) {
            return Integer.toString(row.hashCode());
        }
    }

    /** A column's value (its row's hash when it is null or empty). */
    private static final class ColumnKey implements PartitionKeyGenerator<Row> {
        private static final long serialVersionUID = 1L;
        private final int column;

        ColumnKey(int column) {
            this.column = column;
        }

        @Override
        public String apply(Row row) {
            Object value = row.getField(column);
            String key = value == null ? "" : value.toString();
            if (key.isEmpty()) {
                return Integer.toString(row.hashCode());
            }
            return key.length() > MAX_PARTITION_KEY_LENGTH
                    ? key.substring(0, MAX_PARTITION_KEY_LENGTH)
                    : key;
        }
    }

    // ---- The output's record format (KDA's DestinationSchema.RecordFormatType) ----

    /**
     * How the output's rows are written: JSON objects ({@link RowJsonFormatter}, the default) or
     * CSV ({@link CsvRowFormatter}), a record (a line of a file or stdout, a Kinesis record) per
     * row.
     */
    static RowFormatter formatter(Table table, OutputSpec output) {
        return output.format() == RecordFormatType.CSV
                ? CsvRowFormatter.of(table.getResolvedSchema())
                : RowJsonFormatter.of(table.getResolvedSchema());
    }
}
