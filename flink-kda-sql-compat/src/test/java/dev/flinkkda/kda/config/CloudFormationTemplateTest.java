package dev.flinkkda.kda.config;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.cli.FlinkKdaCli;
import dev.flinkkda.kda.format.RecordFormatType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KDA applications declared in CloudFormation templates, read into the model: the values below are
 * worked out by hand from the templates in {@code src/test/resources/config/cloudformation}, each
 * intrinsic function evaluated as CloudFormation would in the region {@link
 * AwsSettings#defaultRegion()} and the account {@link CloudFormationIntrinsics#ACCOUNT}.
 */
class CloudFormationTemplateTest {

    private static final Path TEMPLATES = Path.of("src/test/resources/config/cloudformation");
    private static final String REGION = AwsSettings.defaultRegion();

    /** AWS's own example (CloudFormation user guide), YAML with short-form functions. */
    @Test
    void awsExampleOfAV2ApplicationWithItsOutputAndReferenceData() throws Exception {
        ApplicationConfig config =
                ApplicationConfigReader.read(TEMPLATES.resolve("v2-sample-application.yaml"));

        String app = "$.Resources.BasicApplication.Properties";
        assertThat(config.shape()).isEqualTo(ApplicationConfig.Shape.CLOUDFORMATION_TEMPLATE);
        assertThat(config.applicationName())
                .isEqualTo(Located.at(app + ".ApplicationName", "sampleApplication"));
        assertThat(config.applicationCode().orElseThrow().jsonPath())
                .isEqualTo(
                        app
                                + ".ApplicationConfiguration.ApplicationCodeConfiguration"
                                + ".CodeContent.TextContent");
        assertThat(config.applicationCode().orElseThrow().value())
                .startsWith("CREATE OR REPLACE STREAM \"exampleOutput\" (example VARCHAR(16));\n");

        ConfiguredInput input = config.inputs().get(0);
        assertThat(input.streamNames()).containsExactly("exampleNamePrefix_001");
        // a stream without a Name is named by its logical ID
        assertThat(input.source())
                .isEqualTo(
                        new InputSource.KinesisStream(
                                new StreamArn(
                                        "InputKinesisStream",
                                        REGION,
                                        "000000000000",
                                        Located.at(
                                                app
                                                        + ".ApplicationConfiguration"
                                                        + ".SqlApplicationConfiguration.Inputs[0]"
                                                        + ".KinesisStreamsInput.ResourceARN",
                                                "arn:aws:kinesis:"
                                                        + REGION
                                                        + ":000000000000:stream/InputKinesisStream"))));
        assertThat(input.schema().columns()).hasSize(1);
        assertThat(input.schema().columns().get(0).mapping().orElseThrow().value())
                .isEqualTo("$.example");

        assertThat(config.outputs()).hasSize(1);
        ConfiguredOutput output = config.outputs().get(0);
        assertThat(output.jsonPath())
                .isEqualTo("$.Resources.BasicApplicationOutputs.Properties.Output");
        assertThat(output.streamName().value()).isEqualTo("exampleOutput");
        assertThat(output.format().value()).isEqualTo(RecordFormatType.CSV);
        assertThat(((OutputDestination.KinesisStream) output.destination()).stream().name())
                .isEqualTo("OutputKinesisStream");

        assertThat(config.referenceData()).hasSize(1);
        ConfiguredReferenceData reference = config.referenceData().get(0);
        assertThat(reference.tableName().value()).isEqualTo("exampleTable");
        // CloudFormation names a bucket in lower case: its logical ID, lower case, here
        assertThat(reference.s3Object().bucket()).isEqualTo("s3bucket");
        assertThat(reference.s3Object().fileKey())
                .isEqualTo(
                        Located.at(
                                "$.Resources.BasicApplicationReferenceDataSource.Properties"
                                        + ".ReferenceDataSource.S3ReferenceDataSource.FileKey",
                                "fakeKey"));
    }

    /**
     * Parameters by their defaults, {@code !Sub} with pseudo parameters, {@code !GetAtt X.Arn} of a
     * role and a delivery stream whose name is itself a {@code !Sub}, {@code !FindInMap}, {@code
     * !Join}; the output of another application (not in the template) is not this one's.
     */
    @Test
    void aFirstApiApplicationWithParametersSubGetAttAndFindInMap() throws Exception {
        ApplicationConfig config =
                ApplicationConfigReader.read(TEMPLATES.resolve("v1-ticker-alerts.yaml"));

        String app = "$.Resources.TickerAlerts.Properties";
        assertThat(config.applicationName())
                .isEqualTo(Located.at(app + ".ApplicationName", "ticker-alerts"));
        assertThat(config.applicationCode())
                .contains(
                        Located.at(
                                app + ".ApplicationCode",
                                "CREATE OR REPLACE STREAM \"ALERTS\" (TICKER VARCHAR(4), COMPANY"
                                        + " VARCHAR(32), PRICE DOUBLE);\n"
                                        + "CREATE OR REPLACE PUMP \"ALERT_PUMP\" AS INSERT INTO"
                                        + " \"ALERTS\"\n"
                                        + "  SELECT STREAM t.TICKER, c.COMPANY, t.PRICE\n"
                                        + "  FROM \"TRADES_001\" AS t LEFT JOIN \"COMPANIES\" AS c"
                                        + " ON t.TICKER = c.TICKER\n"
                                        + "  WHERE t.PRICE > 100;\n"));
        assertThat(config.inputs().get(0).source())
                .isEqualTo(
                        new InputSource.KinesisStream(
                                new StreamArn(
                                        "ticker-trades",
                                        REGION,
                                        "000000000000",
                                        Located.at(
                                                app + ".Inputs[0].KinesisStreamsInput.ResourceARN",
                                                "arn:aws:kinesis:"
                                                        + REGION
                                                        + ":000000000000:stream/ticker-trades"))));
        assertThat(config.inputs().get(0).schema().columns().get(1).mapping().orElseThrow().value())
                .isEqualTo("$.trade.price");

        assertThat(config.outputs()).hasSize(1);
        ConfiguredOutput alerts = config.outputs().get(0);
        assertThat(alerts.streamName().value()).isEqualTo("ALERTS");
        assertThat(alerts.format().value()).isEqualTo(RecordFormatType.CSV);
        StreamArn firehose =
                ((OutputDestination.FirehoseDeliveryStream) alerts.destination()).deliveryStream();
        assertThat(firehose.name()).isEqualTo("flink-kda-alerts");
        assertThat(firehose.arn().value())
                .isEqualTo(
                        "arn:aws:firehose:"
                                + REGION
                                + ":000000000000:deliverystream/flink-kda-alerts");

        ConfiguredReferenceData companies = config.referenceData().get(0);
        assertThat(companies.tableName().value()).isEqualTo("COMPANIES");
        assertThat(companies.s3Object().bucket()).isEqualTo("ticker-reference");
        assertThat(companies.s3Object().fileKey().value()).isEqualTo("companies/companies.csv");
        assertThat(companies.schema().recordFormat())
                .isInstanceOf(ConfiguredRecordFormat.Csv.class);
    }

    @Test
    void aJsonTemplateReadsLikeItsYaml() {
        String json =
                """
                {"Resources": {
                  "App": {"Type": "AWS::KinesisAnalytics::Application", "Properties": {
                    "ApplicationCode": {"Fn::Join": ["\\n", ["SELECT 1", "FROM x;"]]},
                    "Inputs": [{"NamePrefix": "IN",
                      "KinesisStreamsInput": {
                        "ResourceARN": {"Fn::GetAtt": ["In", "Arn"]},
                        "RoleARN": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/kda"}},
                      "InputSchema": {"RecordFormat": {"RecordFormatType": "CSV",
                          "MappingParameters": {"CSVMappingParameters":
                            {"RecordRowDelimiter": "\\n", "RecordColumnDelimiter": ","}}},
                        "RecordColumns": [{"Name": "A", "SqlType": "INTEGER"}]}}]}},
                  "In": {"Type": "AWS::Kinesis::Stream", "Properties": {"Name": {"Ref": "StreamName"}}}},
                 "Parameters": {"StreamName": {"Type": "String", "Default": "numbers"}}}
                """;
        ApplicationConfig config = ApplicationConfigReader.parse(json, "template.json");

        // no ApplicationName: CloudFormation would make one; the logical ID here
        assertThat(config.applicationName().value()).isEqualTo("App");
        assertThat(config.applicationCode().orElseThrow().value()).isEqualTo("SELECT 1\nFROM x;");
        assertThat(((InputSource.KinesisStream) config.inputs().get(0).source()).stream().name())
                .isEqualTo("numbers");
    }

    /** A template whose SQL needs nothing but the template: {@code validate} accepts it. */
    @Test
    void validateTakesATemplate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                FlinkKdaCli.run(
                        new String[] {
                            "validate",
                            "--config",
                            TEMPLATES.resolve("v1-ticker-alerts.yaml").toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    an export of another stack | "ResourceARN": {"Fn::ImportValue": "trades-arn"} | template.json: $.Resources.App.Properties.Inputs[0].KinesisStreamsInput.ResourceARN: Fn::ImportValue: what another stack exports is not in this template; write the value here, or give the location with --input, --output or --reference
                    a parameter without a default | "ResourceARN": {"Ref": "NoDefault"} | template.json: $.Resources.App.Properties.Inputs[0].KinesisStreamsInput.ResourceARN.Ref: the parameter 'NoDefault' has no Default, and only a deployed stack knows its value; give it a Default or write the value here
                    a Ref of nothing | "ResourceARN": {"Ref": "Strem"} | template.json: $.Resources.App.Properties.Inputs[0].KinesisStreamsInput.ResourceARN.Ref: 'Strem' is no parameter or resource of the template (did you mean Stream?)
                    a condition | "ResourceARN": {"Fn::If": ["Prod", "a", "b"]} | template.json: $.Resources.App.Properties.Inputs[0].KinesisStreamsInput.ResourceARN: Fn::If: flink-kda evaluates Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap and Fn::Base64, not conditions or Fn::If; write the value here
                    an attribute only a stack knows | "ResourceARN": {"Fn::GetAtt": ["Stream", "StreamId"]} | template.json: $.Resources.App.Properties.Inputs[0].KinesisStreamsInput.ResourceARN['Fn::GetAtt']: the attribute 'StreamId' of 'Stream' (AWS::Kinesis::Stream) is known only to a deployed stack; flink-kda makes the Arn of Kinesis streams, Firehose delivery streams, S3 buckets, IAM roles, Lambda functions and log groups. Write the value here
                    """)
    void whatOnlyADeployedStackKnowsIsOneErrorAtItsPath(
            String what, String resourceArn, String message) {
        String template =
                """
                {"Parameters": {"NoDefault": {"Type": "String"}},
                 "Resources": {
                  "Stream": {"Type": "AWS::Kinesis::Stream"},
                  "App": {"Type": "AWS::KinesisAnalytics::Application", "Properties": {
                    "ApplicationCode": "x",
                    "Inputs": [{"NamePrefix": "IN",
                      "KinesisStreamsInput": {
                        RESOURCE_ARN,
                        "RoleARN": "arn:aws:iam::012345678901:role/kda"},
                      "InputSchema": {"RecordFormat": {"RecordFormatType": "JSON",
                          "MappingParameters": {"JSONMappingParameters": {"RecordRowPath": "$"}}},
                        "RecordColumns": [{"Name": "A", "SqlType": "INTEGER", "Mapping": "$.a"}]}}]}}}}
                """
                        .replace("RESOURCE_ARN", resourceArn);
        assertThatThrownBy(() -> ApplicationConfigReader.parse(template, "template.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aTemplateNeedsExactlyOneSqlApplication() {
        assertThatThrownBy(
                        () ->
                                ApplicationConfigReader.parse(
                                        "Resources:\n"
                                                + "  Flink:\n"
                                                + "    Type: AWS::KinesisAnalyticsV2::Application\n"
                                                + "    Properties:\n"
                                                + "      RuntimeEnvironment: FLINK-1_20\n",
                                        "template.yaml"))
                .hasMessage(
                        "template.yaml: $.Resources: no KDA for SQL application: expected a"
                                + " resource of type AWS::KinesisAnalytics::Application (or"
                                + " AWS::KinesisAnalyticsV2::Application with RuntimeEnvironment"
                                + " SQL-1_0)");
        assertThatThrownBy(
                        () ->
                                ApplicationConfigReader.parse(
                                        "Resources:\n"
                                                + "  A: {Type: 'AWS::KinesisAnalytics::Application'}\n"
                                                + "  B: {Type: 'AWS::KinesisAnalytics::Application'}\n",
                                        "template.yaml"))
                .hasMessage(
                        "template.yaml: $.Resources: several KDA for SQL applications (A, B);"
                                + " flink-kda runs one application: give each its own template");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    not YAML                    | 'Resources: [a, b'                                  | template.yaml:1:17: neither JSON nor YAML: expected ',' or ']', but got <stream end>
                    not one of CloudFormation's | 'Resources:\\n  A: !Reff x\\n'                      | template.yaml:2:6: the tag !Reff is not one of CloudFormation's (!Ref, !GetAtt, !Sub, !Join …)
                    a key twice, two values     | 'Resources:\\n  A: {}\\nResources:\\n  B: {}\\n'   | template.yaml:3:1: the key 'Resources' appears twice in one mapping, with two values
                    """)
    void yamlThatCannotBeReadIsNamedByLineAndColumn(String what, String yaml, String message) {
        String text = yaml.replace("\\n", "\n");
        assertThatThrownBy(() -> ApplicationConfigReader.parse(text, "template.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    /**
     * Aliases of aliases: five levels of ten (50 aliases, YAML's own limit) make a million values;
     * refused at 200,000.
     */
    @Test
    void aYamlBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 5; i++) {
            String previous = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, previous)));
            yaml.append("]\n");
        }
        assertThatThrownBy(() -> ApplicationConfigReader.parse(yaml.toString(), "bomb.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "bomb.yaml: not YAML flink-kda reads: more than 200000 values (aliases of"
                                + " aliases?)");
    }

    @Test
    void yamlNestedTooDeeplyIsRefused() {
        String deep = "a: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n";
        assertThatThrownBy(() -> ApplicationConfigReader.parse(deep, "deep.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("deep.yaml: not YAML flink-kda reads: nested more than");
    }
}
