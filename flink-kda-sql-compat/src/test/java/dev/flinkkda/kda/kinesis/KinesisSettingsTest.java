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
    void awsUsesTheDefaultCredentialsChainUnlessAProfileIsNamed() {
        KinesisSettings aws = KinesisSettings.parse("region=eu-west-1&partitionKey=TICKER");
        assertThat(aws.clientProperties(false))
                .containsEntry(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO")
                .doesNotContainKey(AWSConfigConstants.AWS_ENDPOINT)
                .doesNotContainKey(ConsumerConfigConstants.STREAM_INITIAL_POSITION);
        assertThat(aws.partitionKey()).isEqualTo(Optional.of("TICKER"));
        assertThat(aws.start()).isEqualTo("LATEST");

        KinesisSettings profile =
                KinesisSettings.parse("endpoint=http://127.0.0.1:4567&profile=analytics");
        assertThat(profile.clientProperties(false))
                .containsEntry(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "PROFILE")
                .containsEntry(AWSConfigConstants.AWS_PROFILE_NAME, "analytics")
                .doesNotContainKey(AWSConfigConstants.AWS_ACCESS_KEY_ID);
        assertThat(profile.toString()).contains("profile=analytics");

        // the connector's own choice of provider, e.g. the default chain against an emulator
        KinesisSettings chain =
                KinesisSettings.parse(
                        "endpoint=http://127.0.0.1:4567&aws.credentials.provider=AUTO");
        assertThat(chain.clientProperties(false))
                .containsEntry(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO")
                .doesNotContainKey(AWSConfigConstants.AWS_ACCESS_KEY_ID);
    }

    @Test
    void credentialsOnTheCommandLineAreRefusedWithoutShowingThem() {
        for (String setting :
                new String[] {
                    "accessKey=AKIAFAKE1234",
                    "secretKey=FAKE/secret+1234",
                    "sessionToken=FAKEtoken1234",
                    "aws.credentials.provider.basic.accesskeyid=AKIAFAKE1234",
                    "aws.credentials.provider.basic.secretkey=FAKE/secret+1234",
                    "aws.credentials.provider.role.provider.basic.secretkey=FAKE/secret+1234",
                    "flink.secret.thing=FAKE/secret+1234"
                }) {
            String key = setting.substring(0, setting.indexOf('='));
            assertThatThrownBy(() -> KinesisSettings.parse("region=x&" + setting))
                    .hasMessage(
                            "setting '"
                                    + key
                                    + "' is refused: "
                                    + CommandLineCredentials.WHERE_CREDENTIALS_COME_FROM)
                    .hasMessageNotContaining("FAKE");
        }
        assertThatThrownBy(() -> KinesisSettings.parse("aws.credentials.provider=basic"))
                .hasMessageStartingWith(
                        "aws.credentials.provider=BASIC is refused: it reads keys from the"
                                + " command line;");
        assertThatThrownBy(() -> KinesisSettings.parse("profile=a&aws.credentials.provider=AUTO"))
                .hasMessage(
                        "profile and aws.credentials.provider both choose the credentials; give"
                                + " one");
        assertThatThrownBy(
                        () ->
                                KinesisSettings.parse(
                                        "endpoint=http://AKIAFAKE:FAKEsecret@127.0.0.1:4567"))
                .hasMessageStartingWith(
                        "endpoint 'http://***@127.0.0.1:4567': a user or password in the endpoint"
                                + " is refused")
                .hasMessageNotContaining("FAKE");
    }

    @Test
    void redactionMasksCredentialValuesOnly() {
        assertThat(
                        CommandLineCredentials.redact(
                                "X=kinesis:s?region=eu-west-1&accessKey=AKIAFAKE&SecretKey=a/b+c"
                                        + "&aws.credentials.provider.basic.secretkey=zz&start=NOW"))
                .isEqualTo(
                        "X=kinesis:s?region=eu-west-1&accessKey=***&SecretKey=***"
                                + "&aws.credentials.provider.basic.secretkey=***&start=NOW");
        assertThat(CommandLineCredentials.redact("kinesis:s?endpoint=https://u:p@host:1&profile=p"))
                .isEqualTo("kinesis:s?endpoint=https://***@host:1&profile=p");
        assertThat(CommandLineCredentials.redact("--input trades.jsonl"))
                .isEqualTo("--input trades.jsonl");
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
