package dev.flinkkda.kda.kinesis;

import dev.flinkkda.kda.json.RawRecord;
import dev.flinkkda.kda.options.StreamLocation;

import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kinesis locations and the connector properties they become. */
class KinesisSettingsTest {

    @Test
    void aKinesaliteInput() {
        StreamLocation location =
                StreamLocation.parse(
                        "kinesis:ticker-trades?endpoint=http://127.0.0.1:4567&region=us-east-1"
                                + "&start=trim_horizon&flink.shard.discovery.intervalmillis=500");
        assertThat(location).isInstanceOf(StreamLocation.Kinesis.class);
        StreamLocation.Kinesis kinesis = (StreamLocation.Kinesis) location;
        assertThat(kinesis.streamName()).isEqualTo("ticker-trades");
        assertThat(kinesis.settings().isLocalEndpoint()).isTrue();

        Properties properties = kinesis.settings().clientProperties(true);
        assertThat(properties)
                .containsEntry(AWSConfigConstants.AWS_REGION, "us-east-1")
                .containsEntry(AWSConfigConstants.AWS_ENDPOINT, "http://127.0.0.1:4567")
                .containsEntry(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC")
                .containsEntry(ConsumerConfigConstants.STREAM_INITIAL_POSITION, "TRIM_HORIZON")
                .containsEntry(ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS, "500");
        assertThat(kinesis.toString())
                .isEqualTo(
                        "kinesis:ticker-trades?endpoint=http://127.0.0.1:4567&region=us-east-1"
                                + "&start=TRIM_HORIZON&flink.shard.discovery.intervalmillis=500");
    }

    @Test
    void awsUsesTheDefaultCredentialsChainUnlessKeysAreGiven() {
        KinesisSettings aws = KinesisSettings.parse("region=eu-west-1&partitionKey=TICKER");
        assertThat(aws.clientProperties(false))
                .containsEntry(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO")
                .doesNotContainKey(AWSConfigConstants.AWS_ENDPOINT)
                .doesNotContainKey(ConsumerConfigConstants.STREAM_INITIAL_POSITION);
        assertThat(aws.partitionKey()).isEqualTo(Optional.of("TICKER"));
        assertThat(aws.start()).isEqualTo("LATEST");

        KinesisSettings keys = KinesisSettings.parse("accessKey=AKIA&secretKey=s3cr/t+");
        assertThat(keys.clientProperties(false))
                .containsEntry(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC")
                .containsEntry(AWSConfigConstants.AWS_ACCESS_KEY_ID, "AKIA")
                .containsEntry(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, "s3cr/t+");
        assertThat(keys.toString()).contains("secretKey=***").doesNotContain("s3cr");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> KinesisSettings.parse("start=yesterday"))
                .hasMessage("start 'yesterday': expected TRIM_HORIZON or LATEST (NOW)");
        assertThatThrownBy(() -> KinesisSettings.parse("endpont=http://x"))
                .hasMessageStartingWith("unknown setting 'endpont': expected endpoint, region,");
        assertThatThrownBy(() -> KinesisSettings.parse("endpoint=127.0.0.1:4567"))
                .hasMessage("endpoint '127.0.0.1:4567': expected http(s)://host[:port]");
        assertThatThrownBy(() -> KinesisSettings.parse("region"))
                .hasMessage("'region': expected key=value, e.g. region=us-east-1");
        assertThatThrownBy(() -> KinesisSettings.parse("accessKey=a"))
                .hasMessage("accessKey and secretKey go together");
        assertThatThrownBy(() -> StreamLocation.parse("kinesis:?region=x"))
                .hasMessage(
                        "'kinesis:?region=x': kinesis: needs a stream name, e.g."
                                + " kinesis:ticker-trades");
    }

    @Test
    void aKinesisRecordKnowsItsShardSequenceNumberAndArrivalTime() {
        RawRecord record =
                new KinesisRecordSchema()
                        .deserialize(
                                "{\"A\":1}".getBytes(StandardCharsets.UTF_8),
                                "key",
                                "49590338271490256608559692538361571095921575989136588898",
                                1533121220123L,
                                "ticker-trades",
                                "shardId-000000000000");
        assertThat(record)
                .isEqualTo(
                        new RawRecord(
                                "{\"A\":1}",
                                "kinesis ticker-trades/shardId-000000000000/"
                                        + "49590338271490256608559692538361571095921575989136588898",
                                1533121220123L));
    }
}
