package dev.flinkkda.e2e;

import dev.flinkkda.kda.examples.ParseTickerTrades;
import dev.flinkkda.kda.examples.StaggerTickerCount;
import dev.flinkkda.kda.examples.TickerTrade;
import dev.flinkkda.kda.examples.TickerTradeJson;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

import java.time.Duration;
import java.util.Properties;

/**
 * Kinesis Data Analytics' stagger-window example ({@link StaggerTickerCount}) as a Flink job on
 * Kinesis: reads JSON ticker records from a Kinesis stream, counts them per {@code (TICKER,
 * FLOOR(EVENT_TIME TO MINUTE))} in one-minute stagger windows on the records' {@code ROWTIME}, and
 * writes one JSON record per window to a second Kinesis stream (formats: {@link TickerTradeJson}).
 * Records that cannot be read go, as error records, to the error stream.
 *
 * <p>Arguments: {@code --endpoint http://127.0.0.1:4567 --region us-east-1 --input-stream IN
 * --output-stream OUT --error-stream ERRORS}, optionally {@code --window-millis 60000}, {@code
 * --out-of-orderness-millis 10000}, {@code --access-key}/{@code --secret-key} (any value for
 * Kinesalite), and {@code --checkpoint-interval-millis 1000}: checkpoints at that interval and, on
 * a failure, restarts from the latest checkpoint (fixed delay: at most {@value #RESTART_ATTEMPTS}
 * attempts, {@value #RESTART_DELAY_MILLIS} ms apart). Without it the job runs without checkpoints
 * and with the cluster's restart strategy. The checkpoint storage is the cluster's ({@code
 * execution.checkpointing.dir}).
 *
 * <p>The source is the connector's {@link FlinkKinesisConsumer} (the FLIP-27 {@code
 * KinesisStreamsSource} lists shards by stream ARN, which Kinesalite does not support). It runs
 * with parallelism 1 together with the watermark generator, so one watermark covers all records.
 * The sink speaks HTTP/1.1; the JVM must run with {@code -Daws.cborEnabled=false} (and {@code
 * -Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true} for the source) against
 * Kinesalite.
 */
public final class StaggerKinesisJob {

    /** Restarts after a failure when the job is checkpointed. */
    public static final int RESTART_ATTEMPTS = 5;

    /** The pause before each restart when the job is checkpointed. */
    public static final long RESTART_DELAY_MILLIS = 1_000L;

    private StaggerKinesisJob() {}

    /** Builds and runs the job; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, params);
        env.execute("KDA stagger window example on Kinesis");
    }

    /** Adds the job's pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, ParameterTool params) {
        Properties aws = awsProperties(params);
        long windowMillis = params.getLong("window-millis", 60_000L);
        long outOfOrdernessMillis = params.getLong("out-of-orderness-millis", 10_000L);
        if (params.has("checkpoint-interval-millis")) {
            enableCheckpointing(env, params.getLong("checkpoint-interval-millis"));
        }

        SingleOutputStreamOperator<TickerTrade> parsed =
                kinesisSource(env, params.getRequired("input-stream"), aws)
                        .process(new ParseTickerTrades())
                        .name("ParseTickerTrades")
                        .setParallelism(1);
        parsed.getSideOutput(ParseTickerTrades.MALFORMED)
                .sinkTo(kinesisSink(params.getRequired("error-stream"), aws))
                .name("ErrorStreamSink");

        DataStream<TickerTrade> trades =
                parsed.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TickerTrade>forBoundedOutOfOrderness(
                                                Duration.ofMillis(outOfOrdernessMillis))
                                        .withTimestampAssigner((trade, ts) -> trade.rowtime))
                        .name("RowtimeWatermarks")
                        .setParallelism(1);

        StaggerTickerCount.apply(trades, Duration.ofMillis(windowMillis))
                .map(TickerTradeJson::format)
                .name("ToJson")
                .sinkTo(kinesisSink(params.getRequired("output-stream"), aws))
                .name("KinesisStreamsSink");
    }

    /**
     * Checkpoints every {@code intervalMillis} (exactly-once state; the Kinesis consumer's shard
     * positions are part of it, the sink flushes at each checkpoint) and restarts from the latest
     * checkpoint after a failure.
     */
    private static void enableCheckpointing(StreamExecutionEnvironment env, long intervalMillis) {
        Configuration recovery = new Configuration();
        recovery.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        recovery.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        recovery.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                Duration.ofMillis(RESTART_DELAY_MILLIS));
        env.configure(recovery);
        env.enableCheckpointing(intervalMillis);
    }

    // FlinkKinesisConsumer is a SourceFunction, deprecated in Flink 1.20, and the only Kinesis
    // source of connector 4.3.0-1.19 that works against Kinesalite.
    @SuppressWarnings("deprecation")
    private static DataStream<String> kinesisSource(
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

    // KinesisStreamsSinkBuilder.setStreamName is deprecated in favour of setStreamArn; Kinesalite
    // knows streams by name only.
    @SuppressWarnings("deprecation")
    private static KinesisStreamsSink<String> kinesisSink(String stream, Properties aws) {
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

    private static Properties awsProperties(ParameterTool params) {
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
