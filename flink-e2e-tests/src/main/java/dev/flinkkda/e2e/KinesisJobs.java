package dev.flinkkda.e2e;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

import java.time.Duration;
import java.util.Properties;

/**
 * What the jobs of this module ({@link StaggerKinesisJob}, {@link SlidingKinesisJob}) share: the
 * Kinesis source and sink against Kinesalite, the AWS client properties from the arguments, and
 * checkpointing with a restart strategy.
 *
 * <p>Arguments read here: {@code --endpoint http://127.0.0.1:4567}, optionally {@code --region}
 * (default {@code us-east-1}), {@code --access-key}/{@code --secret-key} (any value for
 * Kinesalite), and {@code --checkpoint-interval-millis N}.
 *
 * <p>The source is the connector's {@link FlinkKinesisConsumer} (the FLIP-27 {@code
 * KinesisStreamsSource} lists shards by stream ARN, which Kinesalite does not support). The sink
 * speaks HTTP/1.1; the JVM must run with {@code -Daws.cborEnabled=false} (and {@code
 * -Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true} for the source) against
 * Kinesalite.
 */
public final class KinesisJobs {

    /** Restarts after a failure when the job is checkpointed. */
    public static final int RESTART_ATTEMPTS = 5;

    /** The pause before each restart when the job is checkpointed. */
    public static final long RESTART_DELAY_MILLIS = 1_000L;

    private KinesisJobs() {}

    /**
     * With {@code --checkpoint-interval-millis N}: checkpoints every N ms (exactly-once state; the
     * Kinesis consumer's shard positions are part of it, the sink flushes at each checkpoint) and,
     * after a failure, restarts from the latest checkpoint (fixed delay: at most {@value
     * #RESTART_ATTEMPTS} attempts, {@value #RESTART_DELAY_MILLIS} ms apart). Without it the job
     * runs without checkpoints and with the cluster's restart strategy. The checkpoint storage is
     * the cluster's ({@code execution.checkpointing.dir}).
     */
    static void configureCheckpointing(StreamExecutionEnvironment env, ParameterTool params) {
        if (!params.has("checkpoint-interval-millis")) {
            return;
        }
        Configuration recovery = new Configuration();
        recovery.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        recovery.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        recovery.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                Duration.ofMillis(RESTART_DELAY_MILLIS));
        env.configure(recovery);
        env.enableCheckpointing(params.getLong("checkpoint-interval-millis"));
    }

    /**
     * The records of {@code stream} as UTF-8 text, from its oldest record (TRIM_HORIZON), read by
     * one subtask.
     */
    // FlinkKinesisConsumer is a SourceFunction, deprecated in Flink 1.20, and the only Kinesis
    // source of connector 4.3.0-1.19 that works against Kinesalite.
    @SuppressWarnings("deprecation")
    static SingleOutputStreamOperator<String> source(
            StreamExecutionEnvironment env, String stream, Properties aws) {
        Properties consumer = new Properties();
        consumer.putAll(aws);
        consumer.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, "TRIM_HORIZON");
        consumer.setProperty(ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS, "1000");
        consumer.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS, "100");
        return env.addSource(new FlinkKinesisConsumer<>(stream, new SimpleStringSchema(), consumer))
                .name("FlinkKinesisConsumer")
                .setParallelism(1);
    }

    /** A sink writing UTF-8 text records to {@code stream} (at least once). */
    // KinesisStreamsSinkBuilder.setStreamName is deprecated in favour of setStreamArn; Kinesalite
    // knows streams by name only.
    @SuppressWarnings("deprecation")
    static KinesisStreamsSink<String> sink(String stream, Properties aws) {
        Properties sink = new Properties();
        sink.putAll(aws);
        sink.setProperty(AWSConfigConstants.HTTP_PROTOCOL_VERSION, "HTTP1_1");
        return KinesisStreamsSink.<String>builder()
                .setKinesisClientProperties(sink)
                .setSerializationSchema(new SimpleStringSchema())
                .setPartitionKeyGenerator(json -> Integer.toString(json.hashCode()))
                .setStreamName(stream)
                .setFailOnError(true)
                .setMaxTimeInBufferMS(100)
                .build();
    }

    /** The AWS client properties of the source and sink, from the arguments. */
    static Properties awsProperties(ParameterTool params) {
        Properties aws = new Properties();
        aws.setProperty(AWSConfigConstants.AWS_REGION, params.get("region", "us-east-1"));
        aws.setProperty(AWSConfigConstants.AWS_ENDPOINT, params.getRequired("endpoint"));
        aws.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
        aws.setProperty(
                AWSConfigConstants.AWS_ACCESS_KEY_ID, params.get("access-key", "kinesalite"));
        aws.setProperty(
                AWSConfigConstants.AWS_SECRET_ACCESS_KEY, params.get("secret-key", "kinesalite"));
        return aws;
    }
}
