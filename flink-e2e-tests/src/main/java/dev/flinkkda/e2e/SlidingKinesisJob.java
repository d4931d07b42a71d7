package dev.flinkkda.e2e;

import dev.flinkkda.windows.hopping.EventTimeHoppingWindows;
import dev.flinkkda.windows.sliding.EventTimePerEventSlidingWindows;
import dev.flinkkda.windows.sliding.PerEventSlidingWindows;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Properties;

/**
 * The windows of {@code flink-sliding-window} as a Flink job on Kinesis: reads JSON sensor readings
 * from a Kinesis stream, takes event time from their {@code EVENT_TIME} with a bounded
 * out-of-orderness watermark, keys them by {@code SENSOR}, and counts and sums their {@code VALUE}s
 * in two kinds of windows at once:
 *
 * <ul>
 *   <li><b>hopping windows</b> of {@code --hopping-size-millis} every {@code --hopping-hop-millis}
 *       (overlapping when the hop is smaller), epoch-aligned, on the fast path {@link
 *       EventTimeHoppingWindows#incremental} (panes of {@code gcd(size, hop)} in two stacks);
 *   <li><b>per-event sliding windows</b> of {@code --per-event-size-millis} ({@link
 *       PerEventSlidingWindows#incremental}): each reading at {@code t} fires one window over its
 *       sensor's readings in {@code [t - size, t]}.
 * </ul>
 *
 * <p>Both write one JSON record per window to the output stream:
 *
 * <pre>{@code
 * {"WINDOWS":"hopping","SENSOR":"a","WINDOW_START":"2018-08-01T11:00:05.000",
 *  "WINDOW_END":"2018-08-01T11:00:20.000","ROWTIME":"2018-08-01T11:00:19.999","COUNT":4,"SUM":108}
 * {"WINDOWS":"per-event","SENSOR":"a","WINDOW_START":"2018-08-01T11:00:08.000",
 *  "WINDOW_END":"2018-08-01T11:00:18.001","ROWTIME":"2018-08-01T11:00:18.000","COUNT":4,"SUM":108}
 * }</pre>
 *
 * <p>{@code WINDOW_START} and {@code WINDOW_END} are the {@link TimeWindow}'s bounds (end
 * exclusive: for a per-event window, the reading's time plus 1 ms), {@code ROWTIME} is the result's
 * timestamp, the window's {@code end - 1} (for a per-event window the time of the reading that
 * fired it); times as {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC.
 *
 * <p>Input: {@code {"SENSOR":"a","EVENT_TIME":"2018-08-01T11:00:18","VALUE":64}}; {@code
 * EVENT_TIME} an ISO-8601 local date-time in UTC, a date-time with an offset, or epoch
 * milliseconds; {@code VALUE} an integer. A record that cannot be read goes to the error stream as
 * {@code {"ERROR_NAME":"MALFORMED_RECORD","MESSAGE":…,"DATA_ROW":…}}.
 *
 * <p>Arguments: {@code --endpoint http://127.0.0.1:4567 --input-stream IN --output-stream OUT
 * --error-stream ERRORS}, optionally {@code --hopping-size-millis 15000}, {@code
 * --hopping-hop-millis 5000}, {@code --per-event-size-millis 10000}, {@code
 * --out-of-orderness-millis 5000} (the defaults), and those of {@link KinesisJobs}: {@code
 * --region}, {@code --access-key}/{@code --secret-key}, {@code --checkpoint-interval-millis 1000}
 * (checkpoints and restarts from the latest one after a failure). The windows' state — open panes
 * and slices, the queues of complete ones, the windows still to fire and each subtask's watermark —
 * is part of every checkpoint, with the consumer's shard positions.
 *
 * <p>The source and the watermark generator run with parallelism 1, so one watermark covers all
 * readings; the windows run at the job's parallelism. The job jar's main class is {@link
 * StaggerKinesisJob}: submit this one with its entry class, {@code
 * dev.flinkkda.e2e.SlidingKinesisJob}.
 */
public final class SlidingKinesisJob {

    /** The value of {@code WINDOWS} in the output records of the hopping windows. */
    public static final String HOPPING = "hopping";

    /** The value of {@code WINDOWS} in the output records of the per-event sliding windows. */
    public static final String PER_EVENT = "per-event";

    /** Error records of the input records that could not be read. */
    static final OutputTag<String> MALFORMED = new OutputTag<>("malformed", Types.STRING);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter OUTPUT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SlidingKinesisJob() {}

    /** Builds and runs the job; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, params);
        env.execute("Hopping and per-event sliding windows on Kinesis");
    }

    /** Adds the job's pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, ParameterTool params) {
        Properties aws = KinesisJobs.awsProperties(params);
        Duration hoppingSize = Duration.ofMillis(params.getLong("hopping-size-millis", 15_000L));
        Duration hoppingHop = Duration.ofMillis(params.getLong("hopping-hop-millis", 5_000L));
        Duration perEventSize = Duration.ofMillis(params.getLong("per-event-size-millis", 10_000L));
        Duration outOfOrderness =
                Duration.ofMillis(params.getLong("out-of-orderness-millis", 5_000L));
        KinesisJobs.configureCheckpointing(env, params);

        SingleOutputStreamOperator<Reading> parsed =
                KinesisJobs.source(env, params.getRequired("input-stream"), aws)
                        .uid("kinesis-source")
                        .process(new ParseReadings())
                        .name("ParseReadings")
                        .uid("parse-readings")
                        .setParallelism(1);
        parsed.getSideOutput(MALFORMED)
                .sinkTo(KinesisJobs.sink(params.getRequired("error-stream"), aws))
                .name("ErrorStreamSink")
                .uid("error-stream-sink");

        DataStream<Reading> readings =
                parsed.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Reading>forBoundedOutOfOrderness(outOfOrderness)
                                        .withTimestampAssigner((reading, ts) -> reading.eventTime))
                        .name("EventTimeWatermarks")
                        .uid("event-time-watermarks")
                        .setParallelism(1);

        TypeInformation<CountSum> accumulatorType = Types.POJO(CountSum.class);
        DataStream<String> hopping =
                EventTimeHoppingWindows.of(hoppingSize, hoppingHop)
                        .incremental(bySensor(readings))
                        .aggregate(
                                new CountAndSum(),
                                new ToJson(HOPPING),
                                accumulatorType,
                                Types.STRING)
                        .name("HoppingWindows")
                        .uid("hopping-windows");
        DataStream<String> perEvent =
                EventTimePerEventSlidingWindows.of(perEventSize)
                        .incremental(bySensor(readings))
                        .aggregate(
                                new CountAndSum(),
                                new ToJson(PER_EVENT),
                                accumulatorType,
                                Types.STRING)
                        .name("PerEventSlidingWindows")
                        .uid("per-event-sliding-windows");

        hopping.union(perEvent)
                .sinkTo(KinesisJobs.sink(params.getRequired("output-stream"), aws))
                .name("KinesisStreamsSink")
                .uid("output-stream-sink");
    }

    private static KeyedStream<Reading, String> bySensor(DataStream<Reading> readings) {
        return readings.keyBy(new BySensor(), Types.STRING);
    }

    /** Formats epoch milliseconds as {@code yyyy-MM-ddTHH:mm:ss.SSS} in UTC. */
    static String formatTime(long epochMillis) {
        return OUTPUT_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** One input record: a sensor's reading at an event time. A Flink POJO. */
    public static class Reading {
        /** The key. */
        public String sensor;

        /** EVENT_TIME, epoch milliseconds. */
        public long eventTime;

        /** The value that is summed. */
        public long value;

        /** For Flink's POJO serializer. */
        public Reading() {}

        Reading(String sensor, long eventTime, long value) {
            this.sensor = sensor;
            this.eventTime = eventTime;
            this.value = value;
        }

        /**
         * Parses one input record.
         *
         * @throws IllegalArgumentException naming the field and the problem
         */
        static Reading parse(String json) {
            JsonNode node;
            try {
                node = MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "not JSON: " + e.getOriginalMessage().replace('\n', ' '), e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode sensor = node.get("SENSOR");
            if (sensor == null || !sensor.isTextual()) {
                throw new IllegalArgumentException("field SENSOR is missing or not a string");
            }
            JsonNode value = node.get("VALUE");
            if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
                throw new IllegalArgumentException("field VALUE is missing or not an integer");
            }
            return new Reading(sensor.asText(), eventTime(node.get("EVENT_TIME")), value.asLong());
        }

        private static long eventTime(JsonNode value) {
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException("field EVENT_TIME is missing");
            }
            if (value.isIntegralNumber()) {
                return value.asLong();
            }
            try {
                TemporalAccessor parsed =
                        DateTimeFormatter.ISO_DATE_TIME.parseBest(
                                value.asText(), OffsetDateTime::from, LocalDateTime::from);
                Instant instant =
                        parsed instanceof OffsetDateTime
                                ? ((OffsetDateTime) parsed).toInstant()
                                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
                return instant.toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "field EVENT_TIME is not an ISO-8601 timestamp: '" + value.asText() + "'",
                        e);
            }
        }
    }

    /** Count and sum of a window's readings. A Flink POJO. */
    public static class CountSum {
        public long count;
        public long sum;

        /** For Flink's POJO serializer. */
        public CountSum() {}
    }

    /** Reads input records; a record that cannot be read goes to {@link #MALFORMED}. */
    static final class ParseReadings extends ProcessFunction<String, Reading> {

        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(String record, Context ctx, Collector<Reading> out) {
            Reading reading;
            try {
                reading = Reading.parse(record);
            } catch (IllegalArgumentException e) {
                ObjectNode error = MAPPER.createObjectNode();
                error.put("ERROR_NAME", "MALFORMED_RECORD");
                error.put("MESSAGE", e.getMessage());
                error.put("DATA_ROW", record);
                ctx.output(MALFORMED, error.toString());
                return;
            }
            out.collect(reading);
        }
    }

    static final class BySensor implements KeySelector<Reading, String> {

        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Reading reading) {
            return reading.sensor;
        }
    }

    /** Counts the readings and sums their values. */
    static final class CountAndSum implements AggregateFunction<Reading, CountSum, CountSum> {

        private static final long serialVersionUID = 1L;

        @Override
        public CountSum createAccumulator() {
            return new CountSum();
        }

        @Override
        public CountSum add(Reading reading, CountSum accumulator) {
            accumulator.count++;
            accumulator.sum += reading.value;
            return accumulator;
        }

        @Override
        public CountSum getResult(CountSum accumulator) {
            return accumulator;
        }

        @Override
        public CountSum merge(CountSum a, CountSum b) {
            CountSum merged = new CountSum();
            merged.count = a.count + b.count;
            merged.sum = a.sum + b.sum;
            return merged;
        }
    }

    /** The output record of one window. */
    static final class ToJson extends ProcessWindowFunction<CountSum, String, String, TimeWindow> {

        private static final long serialVersionUID = 1L;

        private final String windows;

        ToJson(String windows) {
            this.windows = windows;
        }

        @Override
        public void process(
                String sensor, Context context, Iterable<CountSum> results, Collector<String> out) {
            for (CountSum result : results) {
                ObjectNode node = MAPPER.createObjectNode();
                node.put("WINDOWS", windows);
                node.put("SENSOR", sensor);
                node.put("WINDOW_START", formatTime(context.window().getStart()));
                node.put("WINDOW_END", formatTime(context.window().getEnd()));
                node.put("ROWTIME", formatTime(context.window().maxTimestamp()));
                node.put("COUNT", result.count);
                node.put("SUM", result.sum);
                out.collect(node.toString());
            }
        }
    }
}
