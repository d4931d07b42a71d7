package dev.flinkkda.e2e;

import dev.flinkkda.kda.examples.ParseTickerTrades;
import dev.flinkkda.kda.examples.StaggerTickerCount;
import dev.flinkkda.kda.examples.TickerTrade;
import dev.flinkkda.kda.examples.TickerTradeJson;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
 * a failure, restarts from the latest checkpoint (fixed delay: at most {@value
 * KinesisJobs#RESTART_ATTEMPTS} attempts, {@value KinesisJobs#RESTART_DELAY_MILLIS} ms apart).
 * Without it the job runs without checkpoints and with the cluster's restart strategy. The
 * checkpoint storage is the cluster's ({@code execution.checkpointing.dir}).
 *
 * <p>The source is the connector's {@code FlinkKinesisConsumer} (the FLIP-27 {@code
 * KinesisStreamsSource} lists shards by stream ARN, which Kinesalite does not support). It runs
 * with parallelism 1 together with the watermark generator, so one watermark covers all records.
 * The sink speaks HTTP/1.1; the JVM must run with {@code -Daws.cborEnabled=false} (and {@code
 * -Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true} for the source) against
 * Kinesalite ({@link KinesisJobs}).
 */
public final class StaggerKinesisJob {

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
        Properties aws = KinesisJobs.awsProperties(params);
        long windowMillis = params.getLong("window-millis", 60_000L);
        long outOfOrdernessMillis = params.getLong("out-of-orderness-millis", 10_000L);
        KinesisJobs.configureCheckpointing(env, params);

        SingleOutputStreamOperator<TickerTrade> parsed =
                KinesisJobs.source(env, params.getRequired("input-stream"), aws)
                        .process(new ParseTickerTrades())
                        .name("ParseTickerTrades")
                        .setParallelism(1);
        parsed.getSideOutput(ParseTickerTrades.MALFORMED)
                .sinkTo(KinesisJobs.sink(params.getRequired("error-stream"), aws))
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
                .sinkTo(KinesisJobs.sink(params.getRequired("output-stream"), aws))
                .name("KinesisStreamsSink");
    }
}
