package dev.flinkkda.kda.io;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.options.StreamLocation;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.aws.config.AWSConfigConstants;
import org.apache.flink.connector.firehose.sink.KinesisFirehoseSink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Firehose outputs: Flink's {@link KinesisFirehoseSink} ({@code
 * flink-connector-aws-kinesis-firehose}, the AWS connector family of the Kinesis sink) writing one
 * record per row, the row's bytes as the caller serializes them.
 *
 * <p>Records that Firehose refuses in a batch ({@code FailedPutCount}, e.g. throttling) are sent
 * again until they are accepted: no row is dropped. A delivery stream that does not exist, or
 * access denied, fails the job (the connector's fatal errors).
 */
public final class FirehoseSinks {

    /** The access and secret key given to an emulator on this machine, which checks none. */
    static final String EMULATOR_KEY = "local-emulator";

    private FirehoseSinks() {}

    /** A sink writing each element as one record of the location's delivery stream. */
    public static <T> KinesisFirehoseSink<T> sink(
            StreamLocation.Firehose firehose, SerializationSchema<T> recordBytes) {
        return KinesisFirehoseSink.<T>builder()
                .setFirehoseClientProperties(clientProperties(firehose.settings()))
                .setSerializationSchema(recordBytes)
                .setDeliveryStreamName(firehose.deliveryStreamName())
                // refused records are retried, not a reason to fail the job
                .setFailOnError(false)
                .setMaxTimeInBufferMS(200)
                .build();
    }

    /**
     * The options of Flink SQL's {@code firehose} table connector (the same connector's {@code
     * KinesisFirehoseDynamicTableFactory}) for this location, as {@link #sink} configures the
     * DataStream sink: {@code connector}, {@code delivery-stream}, the client properties ({@code
     * aws.region}, {@code aws.endpoint}, {@code aws.credentials.provider}…), HTTP/1.1 ({@code
     * sink.http-client.protocol.version}) and {@code sink.fail-on-error} false. Without {@code
     * format}: the caller adds it ({@code json}, {@code csv}). For a {@code CREATE TABLE} of a
     * Flink SQL script; an emulator's dummy keys are the only keys it can hold.
     */
    public static Map<String, String> tableOptions(StreamLocation.Firehose firehose) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "firehose");
        options.put("delivery-stream", firehose.deliveryStreamName());
        Properties client = clientProperties(firehose.settings());
        client.remove(AWSConfigConstants.HTTP_PROTOCOL_VERSION);
        // SQL spells the provider's settings without ".provider" (aws.credentials.basic.…), and
        // the connector's AWSOptionUtils translates them back
        client.stringPropertyNames().stream()
                .sorted()
                .forEach(
                        key ->
                                options.put(
                                        key.replace(
                                                "aws.credentials.provider.", "aws.credentials."),
                                        client.getProperty(key)));
        options.put("sink.http-client.protocol.version", "HTTP1_1");
        options.put("sink.fail-on-error", "false");
        return options;
    }

    /**
     * The connector's client properties: region, endpoint, where the credentials come from (the
     * named profile; dummy keys for an emulator on this machine; else the AWS default chain), HTTP
     * 1.1 (which every endpoint speaks), and the location's {@code aws.…} settings.
     */
    static Properties clientProperties(AwsSettings settings) {
        Properties properties = new Properties();
        properties.setProperty(AWSConfigConstants.AWS_REGION, settings.region());
        settings.endpointUrl()
                .ifPresent(e -> properties.setProperty(AWSConfigConstants.AWS_ENDPOINT, e));
        if (settings.profileName().isPresent()) {
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "PROFILE");
            properties.setProperty(
                    AWSConfigConstants.AWS_PROFILE_NAME, settings.profileName().get());
        } else if (settings.connectorProperties()
                .containsKey(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER)) {
            // the connector's own choice, set below
        } else if (settings.isLocalEndpoint()) {
            // An emulator checks no signature; these are not anyone's keys.
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
            properties.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, EMULATOR_KEY);
            properties.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, EMULATOR_KEY);
        } else {
            properties.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO");
        }
        properties.setProperty(AWSConfigConstants.HTTP_PROTOCOL_VERSION, "HTTP1_1");
        properties.putAll(settings.connectorProperties());
        return properties;
    }
}
