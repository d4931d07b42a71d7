package dev.flinkkda.kda.config;

import dev.flinkkda.kda.format.RecordFormatType;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures in AWS's documented shapes (src/test/resources/config) read into the expected model:
 * every value below is written out from the fixture by hand, with the JSON path it sits at.
 */
class ApplicationConfigReaderTest {

    private static final Path CONFIGS = Path.of("src/test/resources/config");

    private static final String ROLE =
            "arn:aws:iam::012345678901:role/service-role/kinesis-analytics-sample-app-us-east-1";

    @Test
    void gettingStartedCreateApplicationRequest() throws Exception {
        ApplicationConfig config =
                ApplicationConfigReader.read(CONFIGS.resolve("getting-started.json"));

        assertThat(config.file()).isEqualTo("getting-started.json");
        assertThat(config.shape()).isEqualTo(ApplicationConfig.Shape.CREATE_APPLICATION);
        assertThat(config.applicationName())
                .isEqualTo(Located.at("$.ApplicationName", "sample-app"));
        assertThat(config.applicationCode().orElseThrow().jsonPath())
                .isEqualTo("$.ApplicationCode");
        assertThat(config.applicationCode().orElseThrow().value())
                .startsWith("CREATE OR REPLACE STREAM \"DESTINATION_SQL_STREAM\"")
                .contains("WHERE sector SIMILAR TO '%TECH%';");

        assertThat(config.inputs()).hasSize(1);
        ConfiguredInput input = config.inputs().get(0);
        assertThat(input.jsonPath()).isEqualTo("$.Inputs[0]");
        assertThat(input.namePrefix())
                .isEqualTo(Located.at("$.Inputs[0].NamePrefix", "SOURCE_SQL_STREAM"));
        assertThat(input.streamNames()).containsExactly("SOURCE_SQL_STREAM_001");
        assertThat(input.source())
                .isEqualTo(
                        new InputSource.KinesisStream(
                                new StreamArn(
                                        "kinesis-analytics-demo-stream",
                                        "us-east-1",
                                        "012345678901",
                                        Located.at(
                                                "$.Inputs[0].KinesisStreamsInput.ResourceARN",
                                                "arn:aws:kinesis:us-east-1:012345678901:stream/"
                                                        + "kinesis-analytics-demo-stream"))));
        assertThat(input.startingPosition()).isEmpty();
        assertThat(input.lambdaPreprocessor()).isEmpty();

        ConfiguredSchema schema = input.schema();
        assertThat(schema.jsonPath()).isEqualTo("$.Inputs[0].InputSchema");
        assertThat(schema.recordEncoding()).isEqualTo("UTF-8");
        assertThat(schema.recordFormat())
                .isEqualTo(
                        new ConfiguredRecordFormat.Json(
                                Located.at(
                                        "$.Inputs[0].InputSchema.RecordFormat.MappingParameters"
                                                + ".JSONMappingParameters.RecordRowPath",
                                        "$"),
                                "$.Inputs[0].InputSchema.RecordFormat"));
        assertThat(schema.schema())
                .isEqualTo(
                        KdaSchema.parse(
                                "TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL,"
                                        + " PRICE REAL"));
        ConfiguredColumn third = schema.columns().get(2);
        String column = "$.Inputs[0].InputSchema.RecordColumns[2]";
        assertThat(third.name()).isEqualTo(Located.at(column + ".Name", "CHANGE"));
        assertThat(third.sqlType()).isEqualTo(Located.at(column + ".SqlType", "REAL"));
        assertThat(third.mapping()).contains(Located.at(column + ".Mapping", "$.CHANGE"));
        assertThat(schema.columns().stream().map(c -> c.mapping().orElseThrow().value()))
                .containsExactly("$.TICKER_SYMBOL", "$.SECTOR", "$.CHANGE", "$.PRICE");

        assertThat(config.outputs())
                .containsExactly(
                        new ConfiguredOutput(
                                Located.at("$.Outputs[0].Name", "DESTINATION_SQL_STREAM"),
                                new OutputDestination.KinesisStream(
                                        new StreamArn(
                                                "ExampleOutputStream",
                                                "us-east-1",
                                                "012345678901",
                                                Located.at(
                                                        "$.Outputs[0].KinesisStreamsOutput"
                                                                + ".ResourceARN",
                                                        "arn:aws:kinesis:us-east-1:012345678901:"
                                                                + "stream/ExampleOutputStream"))),
                                Located.at(
                                        "$.Outputs[0].DestinationSchema.RecordFormatType",
                                        RecordFormatType.JSON),
                                "$.Outputs[0]"));
        assertThat(config.referenceData()).isEmpty();
    }

    @Test
    void referenceDataSourcesOfTheReferenceDataExample() throws Exception {
        ApplicationConfig config =
                ApplicationConfigReader.read(CONFIGS.resolve("reference-data.json"));

        assertThat(config.referenceData()).hasSize(1);
        ConfiguredReferenceData reference = config.referenceData().get(0);
        String at = "$.ReferenceDataSources[0]";
        assertThat(reference.jsonPath()).isEqualTo(at);
        assertThat(reference.tableName()).isEqualTo(Located.at(at + ".TableName", "CompanyName"));
        assertThat(reference.s3Object())
                .isEqualTo(
                        new ConfiguredS3Object(
                                "kda-reference-data",
                                Located.at(
                                        at + ".S3ReferenceDataSource.BucketARN",
                                        "arn:aws:s3:::kda-reference-data"),
                                Located.at(
                                        at + ".S3ReferenceDataSource.FileKey",
                                        "TickerReference.csv")));
        assertThat(reference.s3Object().uri())
                .isEqualTo("s3://kda-reference-data/TickerReference.csv");
        String format = at + ".ReferenceSchema.RecordFormat";
        assertThat(reference.schema().recordFormat())
                .isEqualTo(
                        new ConfiguredRecordFormat.Csv(
                                Located.at(
                                        format
                                                + ".MappingParameters.CSVMappingParameters"
                                                + ".RecordColumnDelimiter",
                                        ","),
                                Located.at(
                                        format
                                                + ".MappingParameters.CSVMappingParameters"
                                                + ".RecordRowDelimiter",
                                        "\n"),
                                format));
        // Names are KDA's as written: the SQL reads them quoted ("c"."Ticker").
        assertThat(reference.schema().schema())
                .isEqualTo(KdaSchema.parse("\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(20)"));
        assertThat(reference.schema().columns().get(0).mapping()).isEmpty();
    }

    @Test
    void describeApplicationOutputWithSeveralInputsAndOutputs() throws Exception {
        ApplicationConfig config =
                ApplicationConfigReader.read(CONFIGS.resolve("describe-application.json"));

        assertThat(config.shape()).isEqualTo(ApplicationConfig.Shape.DESCRIBE_APPLICATION);
        assertThat(config.applicationName())
                .isEqualTo(Located.at("$.ApplicationDetail.ApplicationName", "orders-and-clicks"));
        assertThat(config.applicationCode().orElseThrow().jsonPath())
                .isEqualTo("$.ApplicationDetail.ApplicationCode");

        assertThat(config.inputs()).hasSize(2);
        ConfiguredInput orders = config.inputs().get(0);
        String at = "$.ApplicationDetail.InputDescriptions[0]";
        assertThat(orders.jsonPath()).isEqualTo(at);
        assertThat(orders.streamNames()).containsExactly("ORDERS_001");
        assertThat(orders.source().stream().name()).isEqualTo("orders");
        assertThat(orders.source().stream().region()).isEqualTo("eu-west-1");
        assertThat(orders.source().stream().account()).isEqualTo("210987654321");
        assertThat(orders.source().stream().arn().jsonPath())
                .isEqualTo(at + ".KinesisStreamsInputDescription.ResourceARN");
        assertThat(orders.startingPosition())
                .contains(
                        Located.at(
                                at + ".InputStartingPositionConfiguration.InputStartingPosition",
                                StartingPosition.TRIM_HORIZON));
        ConfiguredRecordFormat.Json json =
                (ConfiguredRecordFormat.Json) orders.schema().recordFormat();
        assertThat(json.recordRowPath().value()).isEqualTo("$.orders[0:]");
        assertThat(orders.schema().columns().get(1).mapping())
                .contains(
                        Located.at(
                                at + ".InputSchema.RecordColumns[1].Mapping",
                                "$.orders[0:].customer.name"));
        assertThat(orders.schema().schema())
                .isEqualTo(
                        KdaSchema.parse(
                                "\"order_id\" VARCHAR(16), \"customer\" VARCHAR(16),"
                                        + " \"amount\" DECIMAL(10,2)"));

        ConfiguredInput clicks = config.inputs().get(1);
        assertThat(clicks.streamNames()).containsExactly("CLICKS_001", "CLICKS_002");
        assertThat(clicks.source().stream().region()).isEqualTo("eu-central-1");
        assertThat(clicks.startingPosition().map(Located::value)).contains(StartingPosition.NOW);
        ConfiguredRecordFormat.Csv csv =
                (ConfiguredRecordFormat.Csv) clicks.schema().recordFormat();
        assertThat(csv.columnDelimiter().value()).isEqualTo(";");
        assertThat(csv.rowDelimiter().value()).isEqualTo("|");
        assertThat(clicks.schema().schema())
                .isEqualTo(
                        KdaSchema.parse("PAGE VARCHAR(64), VISITS INTEGER, CLICKED_AT TIMESTAMP"));

        assertThat(config.outputs()).hasSize(3);
        assertThat(config.outputs().stream().map(o -> o.streamName().value()))
                .containsExactly("ORDER_STREAM", "ORDER_STREAM", "error_stream");
        ConfiguredOutput archive = config.outputs().get(1);
        assertThat(archive.destination())
                .isEqualTo(
                        new OutputDestination.FirehoseDeliveryStream(
                                new StreamArn(
                                        "order-archive",
                                        "eu-west-1",
                                        "210987654321",
                                        Located.at(
                                                "$.ApplicationDetail.OutputDescriptions[1]"
                                                        + ".KinesisFirehoseOutputDescription"
                                                        + ".ResourceARN",
                                                "arn:aws:firehose:eu-west-1:210987654321:"
                                                        + "deliverystream/order-archive"))));
        assertThat(archive.format().value()).isEqualTo(RecordFormatType.CSV);

        ConfiguredReferenceData customers = config.referenceData().get(0);
        assertThat(customers.tableName().value()).isEqualTo("CUSTOMERS");
        assertThat(customers.s3Object().uri())
                .isEqualTo("s3://example-reference-bucket/customers/customers.json");
        assertThat(customers.s3Object().fileKey().jsonPath())
                .isEqualTo(
                        "$.ApplicationDetail.ReferenceDataSourceDescriptions[0]"
                                + ".S3ReferenceDataSourceDescription.FileKey");
        assertThat(customers.schema().columns().stream().map(c -> c.mapping().map(Located::value)))
                .containsExactly(Optional.of("$.name"), Optional.of("$.tier"));
    }

    @Test
    void theBundledExampleReadsAsItsFlagsSayIt() throws Exception {
        Path example = Path.of("..", "examples", "windowed-aggregation-weather");
        ApplicationConfig config =
                ApplicationConfigReader.read(example.resolve("application.json"));
        assertThat(config.inputs().get(0).schema().schema())
                .isEqualTo(KdaSchema.fromFile(example.resolve("schema.txt")));
        assertThat(config.applicationCode().orElseThrow().value())
                .isEqualTo(Files.readString(example.resolve("app.sql")));
        assertThat(config.outputs().stream().map(o -> o.streamName().value()).toList())
                .isEqualTo(List.of("DESTINATION_SQL_STREAM"));
    }
}
