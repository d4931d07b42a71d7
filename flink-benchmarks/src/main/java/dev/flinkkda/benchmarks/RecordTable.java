package dev.flinkkda.benchmarks;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.time.ZoneOffset;

/**
 * The benchmark records as a Flink SQL table, for the SQL peers of the window benchmarks: the same
 * DataStream ({@code fromDataStream}) with the columns {@code key} and {@code value} of {@link
 * IntLongRecord} and {@code rt TIMESTAMP_LTZ(3)}, the stream record's timestamp (metadata {@code
 * rowtime}), as rowtime attribute with the stream's own watermarks ({@code SOURCE_WATERMARK()}).
 * The session time zone is UTC, so window bounds are the epoch milliseconds of the DataStream jobs.
 *
 * <pre>
 *   records ─▶ fromDataStream(key, value, rt = rowtime, watermark = SOURCE_WATERMARK()) ─▶ "records"
 * </pre>
 */
public final class RecordTable {

    /** The name under which the records are registered. */
    public static final String NAME = "records";

    private RecordTable() {}

    /** A table environment on {@code env} with {@code records} registered as {@link #NAME}. */
    public static StreamTableEnvironment register(
            StreamExecutionEnvironment env, DataStream<IntLongRecord> records) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        tables.createTemporaryView(
                NAME,
                tables.fromDataStream(
                        records,
                        Schema.newBuilder()
                                .columnByMetadata("rt", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                                .watermark("rt", "SOURCE_WATERMARK()")
                                .build()));
        return tables;
    }
}
