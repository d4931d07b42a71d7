package dev.flinkkda.kda.config;

import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.kinesis.KinesisSettings;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.options.TranslationOptions;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What {@code --config} gives {@code run} and {@code translate}, and how flags replace parts. */
class ConfigRunOptionsTest {

    private static final KdaSchema COLUMNS = KdaSchema.parse("TICKER VARCHAR(4), PRICE DOUBLE");

    @TempDir Path dir;
    private Path config;
    private Path replay;

    @BeforeEach
    void files() throws Exception {
        config = dir.resolve("application.json");
        Files.writeString(config, BadConfigurationsTest.VALID);
        replay = dir.resolve("replay.jsonl");
        Files.writeString(replay, "{\"ROWTIME\": \"2024-01-01 00:00:00\", \"TICKER\": \"A\"}\n");
    }

    private void configure(String from, String to) throws Exception {
        String text = BadConfigurationsTest.VALID;
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
    }

    @Test
    void kinesisStreamsInTheRegionsOfTheirArns() throws Exception {
        configure(
                "\"InputParallelism\": {\"Count\": 1},",
                "\"InputParallelism\": {\"Count\": 1}, \"InputStartingPositionConfiguration\":"
                        + " {\"InputStartingPosition\": \"TRIM_HORIZON\"},");
        String text =
                Files.readString(config)
                        .replace(
                                "us-east-1:012345678901:stream/results",
                                "eu-west-2:012345678901:stream/results");
        Files.writeString(config, text);

        RunOptions options = RunOptions.parse("--config", config.toString());

        assertThat(options.application()).isEqualTo(config);
        assertThat(options.code().orElseThrow().sourceName())
                .isEqualTo("application.json: $.ApplicationCode");
        InputSpec input = options.inputs().get(0);
        assertThat(input.streamName()).isEqualTo("SOURCE_SQL_STREAM_001");
        assertThat(input.schema()).isEqualTo(COLUMNS);
        StreamLocation.Kinesis source = (StreamLocation.Kinesis) input.location();
        assertThat(source.streamName()).isEqualTo("trades");
        assertThat(source.settings().region()).isEqualTo("us-east-1");
        assertThat(source.settings().start()).isEqualTo(KinesisSettings.TRIM_HORIZON);
        assertThat(source.settings().endpoint()).isEmpty();
        assertThat(input.rowtime()).isEqualTo(RowtimeMode.defaultFor(source));
        OutputSpec output = options.outputs().get(0);
        assertThat(output.streamName()).isEqualTo("DESTINATION_SQL_STREAM");
        StreamLocation.Kinesis results = (StreamLocation.Kinesis) output.location();
        assertThat(results.streamName()).isEqualTo("results");
        assertThat(results.settings().region()).isEqualTo("eu-west-2");
    }

    @Test
    void kdasNowIsLatestAndIsTheDefault() throws Exception {
        RunOptions options = RunOptions.parse("--config", config.toString());
        assertThat(((StreamLocation.Kinesis) options.inputs().get(0).location()).settings().start())
                .isEqualTo(KinesisSettings.LATEST);
        configure(
                "\"InputParallelism\": {\"Count\": 1},",
                "\"InputParallelism\": {\"Count\": 1}, \"InputStartingPositionConfiguration\":"
                        + " {\"InputStartingPosition\": \"NOW\"},");
        options = RunOptions.parse("--config", config.toString());
        assertThat(((StreamLocation.Kinesis) options.inputs().get(0).location()).settings().start())
                .isEqualTo(KinesisSettings.LATEST);
    }

    @Test
    void flagsReplaceSingleSettings() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path errors = dir.resolve("errors.jsonl");
        RunOptions options =
                RunOptions.parse(
                        "--config",
                        config.toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + replay,
                        "--output",
                        "DESTINATION_SQL_STREAM=" + out,
                        "--output",
                        "error_stream=" + errors,
                        "--watermark-delay",
                        "5s",
                        "--parallelism",
                        "3");

        InputSpec input = options.inputs().get(0);
        assertThat(input.location()).isEqualTo(new StreamLocation.File(replay));
        assertThat(input.schema()).isEqualTo(COLUMNS); // the configuration's columns stay
        assertThat(input.rowtime()).isEqualTo(RowtimeMode.parse("field:ROWTIME"));
        assertThat(input.watermarkDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.outputs())
                .containsExactly(
                        new OutputSpec("DESTINATION_SQL_STREAM", new StreamLocation.File(out)),
                        new OutputSpec("ERROR_STREAM", new StreamLocation.File(errors)));
        assertThat(options.parallelism()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void aSchemaFlagReplacesTheColumns() throws Exception {
        RunOptions options =
                RunOptions.parse(
                        "--config",
                        config.toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + replay,
                        "--schema",
                        "TICKER VARCHAR(8)");
        assertThat(options.inputs().get(0).schema())
                .isEqualTo(KdaSchema.parse("TICKER VARCHAR(8)"));
    }

    @Test
    void eachInApplicationStreamOfACountAboveOneFromItsOwnInput() throws Exception {
        configure("\"Count\": 1", "\"Count\": 2");
        Path second = dir.resolve("second.jsonl");
        Files.writeString(second, "");
        RunOptions options =
                RunOptions.parse(
                        "--config",
                        config.toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_002=" + second,
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + replay);
        assertThat(options.inputs().stream().map(InputSpec::streamName))
                .containsExactly("SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002");
        assertThat(options.inputs().stream().map(InputSpec::location))
                .containsExactly(new StreamLocation.File(replay), new StreamLocation.File(second));
        assertThat(options.inputs().get(1).schema()).isEqualTo(COLUMNS);
    }

    /**
     * {@code InputParallelism.Count} 3 on a Kinesis stream: each in-application stream reads the
     * stream's shards whose number is its own index − 1 modulo 3 (KDA splits the shards among
     * them); an {@code --input} still replaces one.
     */
    @Test
    void aCountAboveOneSplitsTheKinesisStreamsShards() throws Exception {
        configure("\"Count\": 1", "\"Count\": 3");
        RunOptions options =
                RunOptions.parse(
                        "--config",
                        config.toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_003=" + replay);

        assertThat(options.inputs().stream().map(i -> i.streamName() + " " + i.location()))
                .containsExactly(
                        "SOURCE_SQL_STREAM_001 kinesis:trades?region=us-east-1&start=LATEST"
                                + "&shards=1/3",
                        "SOURCE_SQL_STREAM_002 kinesis:trades?region=us-east-1&start=LATEST"
                                + "&shards=2/3",
                        "SOURCE_SQL_STREAM_003 " + replay);
    }

    @Test
    void aFirehoseInputAndALambdaOutputRunWhenFlagsReplaceThem() throws Exception {
        configure(
                "\"KinesisStreamsInput\": {\n"
                        + "      \"ResourceARN\": \"arn:aws:kinesis:us-east-1:012345678901:stream/trades\"",
                "\"KinesisFirehoseInput\": {\n      \"ResourceARN\":"
                        + " \"arn:aws:firehose:us-east-1:012345678901:deliverystream/trades\"");
        String text =
                Files.readString(config)
                        .replace(
                                "\"KinesisStreamsOutput\": {\n      \"ResourceARN\":"
                                        + " \"arn:aws:kinesis:us-east-1:012345678901:stream/results\"",
                                "\"LambdaOutput\": {\n      \"ResourceARN\":"
                                        + " \"arn:aws:lambda:us-east-1:012345678901:function:sink\"");
        Files.writeString(config, text);
        RunOptions options =
                RunOptions.parse(
                        "--config",
                        config.toString(),
                        "--input",
                        "SOURCE_SQL_STREAM_001=" + replay,
                        "--output",
                        "DESTINATION_SQL_STREAM=-");
        assertThat(options.inputs().get(0).location()).isEqualTo(new StreamLocation.File(replay));
        assertThat(options.outputs())
                .containsExactly(
                        new OutputSpec("DESTINATION_SQL_STREAM", new StreamLocation.Stdout()));
    }

    @Test
    void anOutputMayNotReplaceTheConfigurationFile() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                RunOptions.parse(
                                        "--config",
                                        config.toString(),
                                        "--input",
                                        "SOURCE_SQL_STREAM_001=" + replay,
                                        "--output",
                                        "DESTINATION_SQL_STREAM=" + config,
                                        "--overwrite"))
                .hasMessage(
                        "--output DESTINATION_SQL_STREAM="
                                + config
                                + ": is the same file as the application file "
                                + config
                                + " ("
                                + config.toRealPath()
                                + "); an output must not replace a file the run reads");
    }

    @Test
    void translationTakesEveryStreamAndTableOfTheDescribeOutput() throws Exception {
        TranslationOptions options =
                RunOptions.parseForTranslation(
                        "--config", "src/test/resources/config/describe-application.json");
        assertThat(options.inputs())
                .containsExactly(
                        Map.entry(
                                "ORDERS_001",
                                KdaSchema.parse(
                                        "\"order_id\" VARCHAR(16), \"customer\" VARCHAR(16),"
                                                + " \"amount\" DECIMAL(10,2)")),
                        Map.entry(
                                "CLICKS_001",
                                KdaSchema.parse(
                                        "PAGE VARCHAR(64), VISITS INTEGER, CLICKED_AT TIMESTAMP")),
                        Map.entry(
                                "CLICKS_002",
                                KdaSchema.parse(
                                        "PAGE VARCHAR(64), VISITS INTEGER, CLICKED_AT TIMESTAMP")));
        assertThat(options.referenceTables())
                .containsExactly(
                        Map.entry("CUSTOMERS", KdaSchema.parse("NAME VARCHAR(16), TIER CHAR(1)")));
        assertThat(options.code().orElseThrow().sourceName())
                .isEqualTo("describe-application.json: $.ApplicationDetail.ApplicationCode");
    }

    /**
     * The configuration's {@code error_stream} output is replaced by {@code --output
     * error_stream=…}.
     */
    @Test
    void theErrorStreamOutputIsReplacedWhateverItsCase() throws Exception {
        configure(
                "\"DestinationSchema\": {\"RecordFormatType\": \"JSON\"}}],",
                "\"DestinationSchema\": {\"RecordFormatType\": \"JSON\"}}, {\"Name\": \"error_stream\","
                        + " \"KinesisStreamsOutput\": {\"ResourceARN\":"
                        + " \"arn:aws:kinesis:us-east-1:012345678901:stream/errors\", \"RoleARN\":"
                        + " \"arn:aws:iam::012345678901:role/kda\"}, \"DestinationSchema\":"
                        + " {\"RecordFormatType\": \"JSON\"}}],");
        RunOptions configured = RunOptions.parse("--config", config.toString());
        assertThat(configured.outputs().stream().map(OutputSpec::streamName))
                .containsExactly("DESTINATION_SQL_STREAM", "error_stream");
        assertThat(((StreamLocation.Kinesis) configured.outputs().get(1).location()).streamName())
                .isEqualTo("errors");

        RunOptions replaced =
                RunOptions.parse("--config", config.toString(), "--output", "error_stream=-");
        assertThat(replaced.outputs().stream().map(OutputSpec::location))
                .containsExactly(
                        configured.outputs().get(0).location(), new StreamLocation.Stdout());
    }

    /**
     * The describe-application fixture sends ORDER_STREAM to a Kinesis stream as JSON and to a
     * Firehose delivery stream as CSV: two {@code --output ORDER_STREAM=…} replace them in that
     * order, each keeping its destination's DestinationSchema; a third takes the first's.
     */
    @Test
    void eachReplacementKeepsTheRecordFormatOfTheDestinationItReplaces() throws Exception {
        Path orders = dir.resolve("orders.jsonl");
        Path clicks = dir.resolve("clicks.csv");
        Files.writeString(orders, "");
        Files.writeString(clicks, "");
        RunOptions options =
                RunOptions.parse(
                        "--config",
                        "src/test/resources/config/describe-application.json",
                        "--input",
                        "ORDERS_001=" + orders,
                        "--input",
                        "CLICKS_001=" + clicks,
                        "--input",
                        "CLICKS_002=" + clicks,
                        "--rowtime",
                        "CLICKS_001=field:CLICKED_AT",
                        "--rowtime",
                        "CLICKS_002=field:CLICKED_AT",
                        "--reference",
                        "CUSTOMERS=" + orders + "?format=json",
                        "--output",
                        "ORDER_STREAM=" + dir.resolve("a.jsonl"),
                        "--output",
                        "ORDER_STREAM=" + dir.resolve("b.csv"),
                        "--output",
                        "ORDER_STREAM=" + dir.resolve("c.jsonl"),
                        "--output",
                        "error_stream=-");
        assertThat(options.outputs())
                .extracting(OutputSpec::location, OutputSpec::format)
                .containsExactly(
                        tuple(
                                new StreamLocation.File(dir.resolve("a.jsonl")),
                                RecordFormatType.JSON),
                        tuple(new StreamLocation.File(dir.resolve("b.csv")), RecordFormatType.CSV),
                        tuple(
                                new StreamLocation.File(dir.resolve("c.jsonl")),
                                RecordFormatType.JSON),
                        tuple(new StreamLocation.Stdout(), RecordFormatType.JSON));
    }

    /**
     * A Firehose destination of the describe-application fixture: its delivery stream and region
     * from the ARN ({@code arn:aws:firehose:eu-west-1:210987654321:deliverystream/order-archive}).
     */
    @Test
    void firehoseDestinationsInTheRegionsOfTheirArns() throws Exception {
        ApplicationConfig describe =
                ApplicationConfigReader.read(
                        Path.of("src/test/resources/config/describe-application.json"));
        StreamLocation location =
                describe.outputs().stream()
                        .filter(
                                o ->
                                        o.destination()
                                                instanceof OutputDestination.FirehoseDeliveryStream)
                        .map(o -> ConfigRunOptions.outputLocation(describe, o))
                        .findFirst()
                        .orElseThrow();
        assertThat(location).isInstanceOf(StreamLocation.Firehose.class);
        StreamLocation.Firehose firehose = (StreamLocation.Firehose) location;
        assertThat(firehose.label()).isEqualTo("firehose:order-archive");
        assertThat(firehose.settings().region()).isEqualTo("eu-west-1");
        assertThat(firehose.settings().endpoint()).isNull();
    }
}
