package dev.flinkkda.kda.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kinesis Analytics V2 API's documents of a SQL application ({@code RuntimeEnvironment
 * SQL-1_0}): the same application as the first API's fixtures, with V2's layout (inputs, outputs
 * and reference data in {@code SqlApplicationConfiguration}, the SQL in {@code CodeContent}, one
 * {@code ServiceExecutionRole} instead of a role per resource). Each reads as the same model as its
 * first-API twin, every JSON path moved by V2's nesting.
 */
class ApiV2ConfigurationsTest {

    private static final Path CONFIGS = Path.of("src/test/resources/config");

    private static final String V2_SQL = "$.ApplicationConfiguration.SqlApplicationConfiguration";
    private static final String V2_DESCRIBED =
            "$.ApplicationDetail.ApplicationConfigurationDescription"
                    + ".SqlApplicationConfigurationDescription";

    @Test
    void aV2CreateApplicationRequestIsTheSameApplicationAsTheFirstApis() throws Exception {
        ApplicationConfig v1 = ApplicationConfigReader.read(CONFIGS.resolve("reference-data.json"));
        ApplicationConfig v2 =
                ApplicationConfigReader.read(CONFIGS.resolve("v2-create-application.json"));

        assertThat(v2.shape()).isEqualTo(ApplicationConfig.Shape.CREATE_APPLICATION_V2);
        assertThat(v2.applicationName())
                .isEqualTo(Located.at("$.ApplicationName", "reference-data-app"));
        assertThat(v2.applicationCode())
                .contains(
                        Located.at(
                                "$.ApplicationConfiguration.ApplicationCodeConfiguration"
                                        + ".CodeContent.TextContent",
                                v1.applicationCode().orElseThrow().value()));
        assertThat(v2.inputs().get(0).source())
                .isEqualTo(
                        new InputSource.KinesisStream(
                                new StreamArn(
                                        "kinesis-analytics-demo-stream",
                                        "us-east-1",
                                        "012345678901",
                                        Located.at(
                                                V2_SQL
                                                        + ".Inputs[0].KinesisStreamsInput.ResourceARN",
                                                "arn:aws:kinesis:us-east-1:012345678901:stream/"
                                                        + "kinesis-analytics-demo-stream"))));
        assertThat(v2.referenceData().get(0).tableName())
                .isEqualTo(
                        Located.at(V2_SQL + ".ReferenceDataSources[0].TableName", "CompanyName"));
        assertSameApplication(v2, V2_SQL, v1, "$");
    }

    @Test
    void aV2DescribeApplicationOutputIsTheSameApplicationAsTheFirstApis() throws Exception {
        ApplicationConfig v1 =
                ApplicationConfigReader.read(CONFIGS.resolve("describe-application.json"));
        ApplicationConfig v2 =
                ApplicationConfigReader.read(CONFIGS.resolve("v2-describe-application.json"));

        assertThat(v2.shape()).isEqualTo(ApplicationConfig.Shape.DESCRIBE_APPLICATION_V2);
        assertThat(v2.applicationCode().orElseThrow().jsonPath())
                .isEqualTo(
                        "$.ApplicationDetail.ApplicationConfigurationDescription"
                                + ".ApplicationCodeConfigurationDescription.CodeContentDescription"
                                + ".TextContent");
        assertThat(v2.inputs()).hasSize(2);
        assertThat(v2.outputs()).hasSize(3);
        assertThat(v2.referenceData()).hasSize(1);
        assertSameApplication(v2, V2_DESCRIBED, v1, "$.ApplicationDetail");
    }

    @Test
    void aFlinkApplicationIsNotKdaForSql() {
        String flink =
                """
                {"ApplicationName": "app", "RuntimeEnvironment": "FLINK-1_20",
                 "ServiceExecutionRole": "arn:aws:iam::012345678901:role/kda"}
                """;
        assertThatThrownBy(() -> ApplicationConfigReader.parse(flink, "application.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "application.json: $.RuntimeEnvironment: 'FLINK-1_20' is not KDA for SQL;"
                                + " flink-kda runs applications of the runtime SQL-1_0 (a Flink or"
                                + " Zeppelin application runs on Flink as it is)");
    }

    @Test
    void aV2ResourceNamesNoRoleOfItsOwn() {
        String withRole =
                """
                {"ApplicationName": "app", "RuntimeEnvironment": "SQL-1_0",
                 "ServiceExecutionRole": "arn:aws:iam::012345678901:role/kda",
                 "ApplicationConfiguration": {"SqlApplicationConfiguration": {"Outputs": [{
                   "Name": "OUT",
                   "KinesisStreamsOutput": {
                     "ResourceARN": "arn:aws:kinesis:us-east-1:012345678901:stream/results",
                     "RoleARN": "arn:aws:iam::012345678901:role/kda"},
                   "DestinationSchema": {"RecordFormatType": "JSON"}}]}}}
                """;
        assertThatThrownBy(() -> ApplicationConfigReader.parse(withRole, "application.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "application.json: $.ApplicationConfiguration.SqlApplicationConfiguration"
                                + ".Outputs[0].KinesisStreamsOutput.RoleARN: unknown field; a"
                                + " KinesisStreamsOutput has ResourceARN");
    }

    @Test
    void aV2RequestNeedsItsServiceExecutionRoleAndRuntime() {
        assertThatThrownBy(
                        () ->
                                ApplicationConfigReader.parse(
                                        "{\"ApplicationName\": \"app\", \"ApplicationConfiguration\": {}}",
                                        "application.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "application.json: $.RuntimeEnvironment: missing; a CreateApplication"
                                + " request needs RuntimeEnvironment (a string)")
                .hasMessageContaining(
                        "application.json: $.ServiceExecutionRole: missing; a CreateApplication"
                                + " request needs ServiceExecutionRole (a string)");
    }

    /** {@code actual} is {@code expected} with each JSON path's prefix moved. */
    private static void assertSameApplication(
            ApplicationConfig actual,
            String actualPrefix,
            ApplicationConfig expected,
            String expectedPrefix) {
        assertThat(moved(actual.inputs().toString(), actualPrefix, expectedPrefix))
                .isEqualTo(expected.inputs().toString());
        assertThat(moved(actual.outputs().toString(), actualPrefix, expectedPrefix))
                .isEqualTo(expected.outputs().toString());
        assertThat(moved(actual.referenceData().toString(), actualPrefix, expectedPrefix))
                .isEqualTo(expected.referenceData().toString());
    }

    private static String moved(String model, String from, String to) {
        assertThat(model).contains(from);
        return model.replace(from, to);
    }
}
