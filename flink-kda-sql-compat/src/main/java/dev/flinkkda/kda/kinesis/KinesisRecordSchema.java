package dev.flinkkda.kda.kinesis;

import dev.flinkkda.kda.json.RawRecord;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

import java.nio.charset.StandardCharsets;

/**
 * A Kinesis record as a {@link RawRecord}: its data as UTF-8 text, its origin {@code kinesis
 * stream/shard/sequence-number} and its ApproximateArrivalTimestamp.
 */
public final class KinesisRecordSchema implements KinesisDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public RawRecord deserialize(
            byte[] recordValue,
            String partitionKey,
            String sequenceNumber,
            long approximateArrivalTimestamp,
            String stream,
            String shardId) {
        return new RawRecord(
                new String(recordValue, StandardCharsets.UTF_8),
                "kinesis " + stream + "/" + shardId + "/" + sequenceNumber,
                approximateArrivalTimestamp);
    }

    /** The shard id in a record's origin, {@code kinesis STREAM/SHARD/SEQUENCE-NUMBER}. */
    public static String shardId(RawRecord record) {
        String origin = record.origin();
        int end = origin.lastIndexOf('/');
        return origin.substring(origin.lastIndexOf('/', end - 1) + 1, end);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
