package dev.flinkkda.kda.config;

import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.sql.parser.NotUtf8Exception;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad configurations, each a small change to a valid CreateApplication request, and the exact lines
 * {@code flink-kda} reports for it: {@code application.json: <JSON path>: <problem>}.
 */
class BadConfigurationsTest {

    /** A valid request: one Kinesis input of two JSON columns, one Kinesis output. */
    static final String VALID =
            """
            {
              "ApplicationName": "app",
              "Inputs": [{
                "NamePrefix": "SOURCE_SQL_STREAM",
                "KinesisStreamsInput": {
                  "ResourceARN": "arn:aws:kinesis:us-east-1:012345678901:stream/trades",
                  "RoleARN": "arn:aws:iam::012345678901:role/kda"},
                "InputParallelism": {"Count": 1},
                "InputSchema": {
                  "RecordFormat": {"RecordFormatType": "JSON",
                    "MappingParameters": {"JSONMappingParameters": {"RecordRowPath": "$"}}},
                  "RecordEncoding": "UTF-8",
                  "RecordColumns": [
                    {"Name": "TICKER", "SqlType": "VARCHAR(4)", "Mapping": "$.TICKER"},
                    {"Name": "PRICE", "SqlType": "DOUBLE", "Mapping": "$.PRICE"}]}}],
              "Outputs": [{
                "Name": "DESTINATION_SQL_STREAM",
                "KinesisStreamsOutput": {
                  "ResourceARN": "arn:aws:kinesis:us-east-1:012345678901:stream/results",
                  "RoleARN": "arn:aws:iam::012345678901:role/kda"},
                "DestinationSchema": {"RecordFormatType": "JSON"}}],
              "ApplicationCode": "CREATE OR REPLACE STREAM \\"DESTINATION_SQL_STREAM\\" (TICKER VARCHAR(4), PRICE DOUBLE); CREATE OR REPLACE PUMP \\"P\\" AS INSERT INTO \\"DESTINATION_SQL_STREAM\\" SELECT STREAM TICKER, PRICE FROM \\"SOURCE_SQL_STREAM_001\\";"
            }
            """;

    private static final String COLUMNS = "$.Inputs[0].InputSchema.RecordColumns";

    /** {@code VALID} with {@code from} replaced by {@code to} (which must occur). */
    private static String with(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("not in the valid configuration: " + from);
        }
        return VALID.replace(from, to);
    }

    private static final String KINESIS_INPUT =
            "\"KinesisStreamsInput\": {\n"
                    + "      \"ResourceARN\": \"arn:aws:kinesis:us-east-1:012345678901:stream/trades\"";
    private static final String KINESIS_OUTPUT =
            "\"KinesisStreamsOutput\": {\n"
                    + "      \"ResourceARN\": \"arn:aws:kinesis:us-east-1:012345678901:stream/results\"";
    private static final String TRADES_ARN = "arn:aws:kinesis:us-east-1:012345678901:stream/trades";
    private static final String PARALLELISM = "\"InputParallelism\": {\"Count\": 1},";
    private static final String JSON_PARAMETERS =
            "\"JSONMappingParameters\": {\"RecordRowPath\": \"$\"}";
    private static final String CSV_PARAMETERS =
            "\"CSVMappingParameters\": {\"RecordRowDelimiter\": \"\\n\", \"RecordColumnDelimiter\": \",\"}";

    /**
     * Problems of the file itself: {@code run}, {@code translate} and {@code validate} refuse it.
     */
    static Stream<Arguments> readerProblems() {
        String expectedTypes =
                " is not a KDA SQL type; expected one of KDA's SQL types, e.g. VARCHAR(4), INTEGER,"
                        + " BIGINT, DOUBLE, REAL, DECIMAL(8,2), BOOLEAN, DATE, TIMESTAMP";
        return Stream.of(
                Arguments.of(
                        "not JSON",
                        "{\"ApplicationName\": \"a\",\n  \"Inputs\": [}",
                        List.of(
                                "application.json:2:14: not JSON: Unexpected close marker '}':"
                                        + " expected ']'")),
                Arguments.of(
                        "a field twice",
                        "{\"ApplicationName\": \"a\", \"ApplicationName\": \"b\"}",
                        List.of(
                                "application.json:1:43: not JSON: Duplicate field 'ApplicationName'")),
                Arguments.of(
                        "not an object",
                        "[1]",
                        List.of(
                                "application.json: $: expected an object (a CreateApplication"
                                        + " request, the output of describe-application or a"
                                        + " CloudFormation template), found an array")),
                Arguments.of(
                        "unknown field, with the nearest name",
                        with("\"SqlType\": \"DOUBLE\"", "\"SqlTyp\": \"DOUBLE\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[1].SqlTyp: unknown field (did you"
                                        + " mean SqlType?); a RecordColumn has Name, Mapping, SqlType",
                                "application.json: "
                                        + COLUMNS
                                        + "[1].SqlType: missing; a"
                                        + " RecordColumn needs SqlType (a string)")),
                Arguments.of(
                        "an object that is not one is one problem, not one per field",
                        with("\"InputParallelism\": {\"Count\": 1},", "\"InputParallelism\": [1],"),
                        List.of(
                                "application.json: $.Inputs[0].InputParallelism: expected an"
                                        + " InputParallelism object, found an array")),
                Arguments.of(
                        "a schema that is a string",
                        VALID.replaceFirst(
                                "\"InputSchema\": \\{(?s).*?\\]\\}\\}\\]",
                                "\"InputSchema\": \"TICKER VARCHAR(4)\"}]"),
                        List.of(
                                "application.json: $.Inputs[0].InputSchema: expected a SourceSchema"
                                        + " object, found the string 'TICKER VARCHAR(4)'")),
                Arguments.of(
                        "missing required field",
                        with("\"NamePrefix\": \"SOURCE_SQL_STREAM\",", ""),
                        List.of(
                                "application.json: $.Inputs[0].NamePrefix: missing; an Input needs"
                                        + " NamePrefix (a string)")),
                Arguments.of(
                        "wrong JSON type",
                        with("\"Count\": 1", "\"Count\": \"2\""),
                        List.of(
                                "application.json: $.Inputs[0].InputParallelism.Count: expected a"
                                        + " whole number from 1 to 64, found the string '2'")),
                Arguments.of(
                        "Count above KDA's 64",
                        with("\"Count\": 1", "\"Count\": 65"),
                        List.of(
                                "application.json: $.Inputs[0].InputParallelism.Count: 65 is out of"
                                        + " range; expected 1 to 64 (KDA's InputParallelism limit);"
                                        + " Flink's parallelism is --parallelism")),
                Arguments.of(
                        "Count 0",
                        with("\"Count\": 1", "\"Count\": 0"),
                        List.of(
                                "application.json: $.Inputs[0].InputParallelism.Count: 0 is out of"
                                        + " range; expected 1 to 64 (KDA's InputParallelism limit);"
                                        + " Flink's parallelism is --parallelism")),
                Arguments.of(
                        "ARN that does not parse",
                        with(TRADES_ARN, "trades"),
                        List.of(
                                "application.json: $.Inputs[0].KinesisStreamsInput.ResourceARN:"
                                        + " 'trades' is not an ARN; expected a Kinesis data"
                                        + " stream's, arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")),
                Arguments.of(
                        "ARN of another service",
                        with(
                                TRADES_ARN,
                                "arn:aws:firehose:us-east-1:012345678901:deliverystream/trades"),
                        List.of(
                                "application.json: $.Inputs[0].KinesisStreamsInput.ResourceARN: the"
                                        + " ARN names the service 'firehose'"
                                        + " (deliverystream/trades), not a Kinesis data stream;"
                                        + " expected arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")),
                Arguments.of(
                        "ARN without a region",
                        with(TRADES_ARN, "arn:aws:kinesis::012345678901:stream/trades"),
                        List.of(
                                "application.json: $.Inputs[0].KinesisStreamsInput.ResourceARN:"
                                        + " 'arn:aws:kinesis::012345678901:stream/trades' does not"
                                        + " name a Kinesis data stream; expected"
                                        + " arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")),
                Arguments.of(
                        "a role ARN that is a user",
                        with(
                                "\"RoleARN\": \"arn:aws:iam::012345678901:role/kda\"},\n    "
                                        + "\"InputParallelism\"",
                                "\"RoleARN\": \"arn:aws:iam::012345678901:user/kda\"},\n    "
                                        + "\"InputParallelism\""),
                        List.of(
                                "application.json: $.Inputs[0].KinesisStreamsInput.RoleARN:"
                                        + " 'arn:aws:iam::012345678901:user/kda' does not name an"
                                        + " IAM role; expected arn:aws:iam::ACCOUNT:role/NAME")),
                Arguments.of(
                        "an access key id where an ARN belongs is not repeated",
                        with(TRADES_ARN, "AKIAIOSFODNN7EXAMPLE"),
                        List.of(
                                "application.json: $.Inputs[0].KinesisStreamsInput.ResourceARN:"
                                        + " '***' is not an ARN; expected a Kinesis data stream's,"
                                        + " arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")),
                Arguments.of(
                        "a secret key where an ARN belongs is not repeated",
                        with(TRADES_ARN, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                        List.of(
                                "application.json: $.Inputs[0].KinesisStreamsInput.ResourceARN:"
                                        + " '***' is not an ARN; expected a Kinesis data stream's,"
                                        + " arn:aws:kinesis:REGION:ACCOUNT:stream/NAME")),
                Arguments.of(
                        "a field named like an access key is not repeated, nor its value",
                        with(
                                "\"ApplicationName\": \"app\",",
                                "\"ApplicationName\": \"app\", \"AKIAIOSFODNN7EXAMPLE\":"
                                        + " \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\","),
                        List.of(
                                "application.json: $['***']: unknown field; a CreateApplication"
                                        + " request has ApplicationName, ApplicationDescription,"
                                        + " Inputs, Outputs, CloudWatchLoggingOptions,"
                                        + " ApplicationCode, Tags, ReferenceDataSources,"
                                        + " ReferenceDataSource")),
                Arguments.of(
                        "a misspelt SqlType",
                        with("\"VARCHAR(4)\"", "\"VARCHR(4)\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[0].SqlType: 'VARCHR(4)'"
                                        + expectedTypes)),
                Arguments.of(
                        "a Flink type that is not KDA's",
                        with("\"VARCHAR(4)\"", "\"STRING\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[0].SqlType: 'STRING'"
                                        + expectedTypes)),
                Arguments.of(
                        "a SqlType that smuggles in a column",
                        with("\"VARCHAR(4)\"", "\"VARCHAR(4), X INTEGER\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[0].SqlType: 'VARCHAR(4), X INTEGER'"
                                        + expectedTypes)),
                Arguments.of(
                        "a length out of range",
                        with("\"VARCHAR(4)\"", "\"VARCHAR(0)\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[0].SqlType: 'VARCHAR(0)':"
                                        + " VARCHAR(0): the length must be at least 1")),
                Arguments.of(
                        "duplicate column names",
                        with("{\"Name\": \"PRICE\"", "{\"Name\": \"TICKER\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[1].Name: duplicate column name"
                                        + " 'TICKER' (also at "
                                        + COLUMNS
                                        + "[0].Name)")),
                Arguments.of(
                        "ROWTIME as a column",
                        with("{\"Name\": \"PRICE\"", "{\"Name\": \"ROWTIME\""),
                        List.of(
                                "application.json: "
                                        + COLUMNS
                                        + "[1].Name: ROWTIME is the implicit"
                                        + " time column of every stream; it cannot be a"
                                        + " RecordColumn")),
                Arguments.of(
                        "mapping parameters of the other record format",
                        with(JSON_PARAMETERS, CSV_PARAMETERS),
                        List.of(
                                "application.json: $.Inputs[0].InputSchema.RecordFormat"
                                        + ".MappingParameters.CSVMappingParameters:"
                                        + " CSVMappingParameters are for RecordFormatType CSV; a"
                                        + " JSON RecordFormat takes JSONMappingParameters"
                                        + " {RecordRowPath}")),
                Arguments.of(
                        "a record format that is not JSON or CSV",
                        with("\"RecordFormatType\": \"JSON\",", "\"RecordFormatType\": \"XML\","),
                        List.of(
                                "application.json: $.Inputs[0].InputSchema.RecordFormat"
                                        + ".RecordFormatType: 'XML' is not a record format;"
                                        + " expected JSON or CSV")),
                Arguments.of(
                        "an encoding AWS does not allow",
                        with("\"UTF-8\"", "\"UTF-16\""),
                        List.of(
                                "application.json: $.Inputs[0].InputSchema.RecordEncoding:"
                                        + " 'UTF-16' is not supported; AWS allows only UTF-8")),
                Arguments.of(
                        "no columns",
                        with("\"RecordColumns\": [", "\"RecordColumns\": [], \"X\": ["),
                        List.of(
                                "application.json: $.Inputs[0].InputSchema.X: unknown field; a"
                                        + " SourceSchema has RecordFormat, RecordEncoding,"
                                        + " RecordColumns",
                                "application.json: "
                                        + COLUMNS
                                        + ": is empty; expected at least 1"
                                        + " RecordColumn")),
                Arguments.of(
                        "a starting position that is Kinesis's, not KDA's",
                        with(
                                PARALLELISM,
                                PARALLELISM
                                        + " \"InputStartingPositionConfiguration\":"
                                        + " {\"InputStartingPosition\": \"LATEST\"},"),
                        List.of(
                                "application.json: $.Inputs[0].InputStartingPositionConfiguration"
                                        + ".InputStartingPosition: 'LATEST' is not a starting"
                                        + " position; expected NOW, TRIM_HORIZON or"
                                        + " LAST_STOPPED_POINT")),
                Arguments.of(
                        "two destinations of one output",
                        with(
                                "\"DestinationSchema\": {\"RecordFormatType\": \"JSON\"}}],",
                                "\"LambdaOutput\": {\"ResourceARN\":"
                                        + " \"arn:aws:lambda:us-east-1:012345678901:function:f\","
                                        + " \"RoleARN\": \"arn:aws:iam::012345678901:role/kda\"},"
                                        + " \"DestinationSchema\": {\"RecordFormatType\": \"JSON\"}}],"),
                        List.of(
                                "application.json: $.Outputs[0]: has KinesisStreamsOutput and"
                                        + " LambdaOutput; an output needs exactly one of"
                                        + " KinesisStreamsOutput, KinesisFirehoseOutput or"
                                        + " LambdaOutput {ResourceARN, RoleARN}")),
                Arguments.of(
                        "two inputs making the same in-application stream",
                        VALID.replace(
                                "\"Inputs\": [{",
                                "\"Inputs\": [{\"NamePrefix\": \"SOURCE_SQL_STREAM\","
                                        + " \"KinesisStreamsInput\": {\"ResourceARN\":"
                                        + " \"arn:aws:kinesis:us-east-1:012345678901:stream/b\","
                                        + " \"RoleARN\": \"arn:aws:iam::012345678901:role/kda\"},"
                                        + " \"InputSchema\": {\"RecordFormat\":"
                                        + " {\"RecordFormatType\": \"JSON\"}, \"RecordColumns\":"
                                        + " [{\"Name\": \"A\", \"SqlType\": \"INTEGER\"}]}}, {"),
                        List.of(
                                "application.json: $.Inputs[1].NamePrefix: the in-application"
                                        + " stream 'SOURCE_SQL_STREAM_001' is also made by"
                                        + " $.Inputs[0].NamePrefix; give each input its own"
                                        + " NamePrefix")),
                Arguments.of(
                        "an application name AWS does not allow",
                        with("\"ApplicationName\": \"app\"", "\"ApplicationName\": \"my app\""),
                        List.of(
                                "application.json: $.ApplicationName: 'my app': expected 1 to 128"
                                        + " letters, digits, '_', '.' or '-'")));
    }

    /** What {@code run} cannot do with a valid file, unless flags replace it. */
    static Stream<Arguments> runProblems() {
        return Stream.of(
                Arguments.of(
                        "a Firehose input",
                        with(
                                KINESIS_INPUT,
                                "\"KinesisFirehoseInput\": {\n      \"ResourceARN\":"
                                        + " \"arn:aws:firehose:us-east-1:012345678901:"
                                        + "deliverystream/trades\""),
                        "application.json: $.Inputs[0].KinesisFirehoseInput.ResourceARN: a Firehose"
                                + " delivery stream cannot be read (Flink has no Firehose"
                                + " source): point the application at the Kinesis data stream"
                                + " the delivery stream reads (KinesisStreamsInput), or replay a"
                                + " recording with --input SOURCE_SQL_STREAM_001=FILE.jsonl"),
                Arguments.of(
                        "Lambda preprocessing",
                        with(
                                PARALLELISM,
                                PARALLELISM
                                        + " \"InputProcessingConfiguration\":"
                                        + " {\"InputLambdaProcessor\": {\"ResourceARN\":"
                                        + " \"arn:aws:lambda:us-east-1:012345678901:function:pre\","
                                        + " \"RoleARN\": \"arn:aws:iam::012345678901:role/kda\"}},"),
                        "application.json:"
                                + " $.Inputs[0].InputProcessingConfiguration.InputLambdaProcessor"
                                + ".ResourceARN: Lambda preprocessing"
                                + " (InputProcessingConfiguration) is not supported: run the"
                                + " Lambda's transformation before the stream (write its output"
                                + " to a Kinesis stream the application reads) or as an"
                                + " expression in a pump of the application's SQL; or replay"
                                + " records as the Lambda returns them with --input"
                                + " SOURCE_SQL_STREAM_001=FILE.jsonl"),
                Arguments.of(
                        "LAST_STOPPED_POINT",
                        with(
                                PARALLELISM,
                                PARALLELISM
                                        + " \"InputStartingPositionConfiguration\":"
                                        + " {\"InputStartingPosition\": \"LAST_STOPPED_POINT\"},"),
                        "application.json: $.Inputs[0].InputStartingPositionConfiguration"
                                + ".InputStartingPosition: LAST_STOPPED_POINT is where the KDA"
                                + " application last stopped, which only KDA knows; use"
                                + " TRIM_HORIZON or NOW, and resume flink-kda runs from their"
                                + " checkpoints (--checkpoint-dir, --resume)"),
                Arguments.of(
                        "a JSONPath that does not parse",
                        with("\"$.PRICE\"", "\"$.quote..price\""),
                        "application.json: "
                                + COLUMNS
                                + "[1].Mapping: '$.quote..price': column 9: expected a name after"
                                + " '.', found '.' (recursive descent '..' is not KDA's JSONPath)"),
                Arguments.of(
                        "two flattened arrays",
                        with("\"$.PRICE\"", "\"$.legs[0:].fills[0:].price\""),
                        "application.json: "
                                + COLUMNS
                                + "[1].Mapping: column PRICE: Mapping \"$.legs[0:].fills[0:].price\":"
                                + " [0:] within a flattened array's element; KDA flattens one level"
                                + " only (a path may end in a second [0:], the inner array read"
                                + " whole)"),
                Arguments.of(
                        "a Lambda output",
                        with(
                                KINESIS_OUTPUT,
                                "\"LambdaOutput\": {\n      \"ResourceARN\":"
                                        + " \"arn:aws:lambda:us-east-1:012345678901:function:sink\""),
                        "application.json: $.Outputs[0].LambdaOutput.ResourceARN: Lambda outputs"
                                + " (LambdaOutput) are not supported: write to a Kinesis stream"
                                + " that the Lambda reads (KinesisStreamsOutput, with the stream"
                                + " as the Lambda's event source), or give --output"
                                + " DESTINATION_SQL_STREAM=LOCATION"),
                Arguments.of(
                        "a reference mapping that does not parse",
                        with(
                                "\"Outputs\": [",
                                "\"ReferenceDataSources\": [{\"TableName\": \"COMPANIES\","
                                        + " \"S3ReferenceDataSource\": {\"BucketARN\":"
                                        + " \"arn:aws:s3:::bucket-one\", \"FileKey\": \"c.json\","
                                        + " \"ReferenceRoleARN\":"
                                        + " \"arn:aws:iam::012345678901:role/kda\"},"
                                        + " \"ReferenceSchema\": {\"RecordFormat\":"
                                        + " {\"RecordFormatType\": \"JSON\", \"MappingParameters\":"
                                        + " {\"JSONMappingParameters\": {\"RecordRowPath\":"
                                        + " \"$.companies[0:]\"}}}, \"RecordColumns\":"
                                        + " [{\"Name\": \"T\", \"SqlType\": \"VARCHAR(4)\","
                                        + " \"Mapping\": \"$.companies[0:]..t\"}]}}],"
                                        + " \"Outputs\": ["),
                        "application.json: $.ReferenceDataSources[0].ReferenceSchema"
                                + ".RecordColumns[0].Mapping: '$.companies[0:]..t': column 17:"
                                + " expected a name after '.', found '.' (recursive descent '..'"
                                + " is not KDA's JSONPath)"),
                Arguments.of(
                        "no ApplicationCode and no APP.sql",
                        with("\"ApplicationCode\"", "\"ApplicationDescription\""),
                        "application.json: $.ApplicationCode: missing; give the application's SQL"
                                + " there, or as APP.sql before the options"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readerProblems")
    void eachProblemIsOneLineNamingItsJsonPath(
            String name, String json, List<String> expected, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ApplicationConfigReader.read(file))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems()).containsExactlyElementsOf(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runProblems")
    void runRefusesWhatItCannotRunNamingTheJsonPath(
            String name, String json, String expected, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        // the file itself is valid: translate and validate take it
        ApplicationConfigReader.read(file);
        assertThatThrownBy(() -> RunOptions.parse("--config", file.toString()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(expected));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAtItsByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.json");
        Files.write(file, new byte[] {'{', '"', 'A', (byte) 0xff, '"', ':', '1', '}'});
        assertThatThrownBy(() -> ApplicationConfigReader.read(file))
                .isInstanceOf(NotUtf8Exception.class)
                .hasMessageStartingWith("application.json: not UTF-8 at byte 3");
    }

    @Test
    void deepNestingIsNotJsonRatherThanAStackOverflow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.json");
        Files.writeString(file, "[".repeat(100_000) + "]".repeat(100_000));
        assertThatThrownBy(() -> ApplicationConfigReader.read(file))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactly(
                                                "application.json: not JSON: Document nesting"
                                                        + " depth (1001) exceeds the maximum"
                                                        + " allowed (1000)"));
    }

    /** The valid configuration runs; the checks above are not refusing everything. */
    @Test
    void theValidConfigurationIsAccepted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("application.json");
        Files.writeString(file, VALID, StandardCharsets.UTF_8);
        RunOptions options = RunOptions.parse("--config", file.toString());
        assertThat(options.inputs()).hasSize(1);
        assertThat(options.outputs()).hasSize(1);
        assertThat(options.code()).isPresent();
    }
}
