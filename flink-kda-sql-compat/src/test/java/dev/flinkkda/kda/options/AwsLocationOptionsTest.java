package dev.flinkkda.kda.options;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.aws.S3ObjectLocation;
import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.reference.ReferenceSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS locations of {@code run}'s options: {@code --reference NAME=s3://BUCKET/KEY?…} and {@code
 * --output [STREAM=]firehose:NAME?…}, with the credential rules of Kinesis locations.
 */
class AwsLocationOptionsTest {

    private static final String COLUMNS = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";
    private static final String COMPANIES =
            "\"CompanyName\"=\"Ticker\" VARCHAR(4), \"Company\" VARCHAR(20)";

    @TempDir Path dir;
    private String app;
    private String trades;

    @BeforeEach
    void files() throws Exception {
        app = Files.writeString(dir.resolve("app.sql"), "-- app").toString();
        trades = Files.writeString(dir.resolve("trades.jsonl"), "{}").toString();
    }

    private RunOptions withReference(String reference) {
        return RunOptions.parse(
                app,
                "--input",
                trades,
                "--schema",
                COLUMNS,
                "--reference",
                reference,
                "--schema",
                COMPANIES);
    }

    private String referenceError(String reference) {
        try {
            withReference(reference);
        } catch (RunOptionsException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    private static String outputError(String output, String app, String input) {
        try {
            RunOptions.parse(app, "--input", input, "--schema", COLUMNS, "--output", output);
        } catch (RunOptionsException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void anS3ReferenceNamesBucketKeyAndSettingsAndIsNotReadWhenParsed() {
        ReferenceSpec reference =
                withReference(
                                "\"CompanyName\"=s3://kda-ref/data/companies.csv?endpoint=http://127.0.0.1:4568"
                                        + "&region=eu-west-1&csv.header=true")
                        .references()
                        .get(0);
        assertThat(reference.tableName()).isEqualTo("CompanyName");
        assertThat(reference.source())
                .isEqualTo(
                        ReferenceSource.s3(
                                new S3ObjectLocation(
                                        "kda-ref",
                                        "data/companies.csv",
                                        new AwsSettings(
                                                "http://127.0.0.1:4568",
                                                "eu-west-1",
                                                null,
                                                Map.of()))));
        assertThat(reference.format()).isEqualTo(ReferenceFormat.csv().withHeader(true));
        assertThat(reference.file()).isNull();
        assertThat(reference.source())
                .hasToString(
                        "s3://kda-ref/data/companies.csv?endpoint=http://127.0.0.1:4568&region=eu-west-1");
    }

    @Test
    void anS3ReferenceTakesItsFormatFromTheKeysExtension() {
        assertThat(
                        withReference("\"CompanyName\"=s3://b/companies.json")
                                .references()
                                .get(0)
                                .format())
                .isEqualTo(ReferenceFormat.json());
        assertThat(
                        withReference("\"CompanyName\"=s3://b/c.csv?profile=analytics")
                                .references()
                                .get(0)
                                .source())
                .hasToString(
                        "s3://b/c.csv?region="
                                + AwsSettings.defaults().region()
                                + "&profile=analytics");
    }

    @Test
    void badS3ReferencesAreRefusedByName() {
        assertThat(referenceError("\"CompanyName\"=s3://kda-ref"))
                .isEqualTo(
                        "--reference \"CompanyName\"=s3://kda-ref: s3://kda-ref: no object key;"
                                + " expected s3://BUCKET/KEY, e.g. s3://my-bucket/companies.csv");
        assertThat(referenceError("\"CompanyName\"=s3://b/c.csv?start=LATEST"))
                .isEqualTo(
                        "--reference \"CompanyName\"=s3://b/c.csv?start=LATEST: unknown setting"
                                + " 'start': expected endpoint, region, profile, csv.field-delimiter,"
                                + " csv.header, csv.quote-character, format");
        assertThat(referenceError("\"CompanyName\"=s3://b/c.csv?endpoint=ftp://x"))
                .contains("endpoint 'ftp://x': expected http(s)://host[:port]");
    }

    @Test
    void credentialsInAnS3ReferenceAreRefusedAndNotShown() {
        String message =
                referenceError(
                        "\"CompanyName\"=s3://b/c.csv?region=us-east-1&secretKey=TOPSECRET1");
        assertThat(message)
                .contains(
                        "setting 'secretKey' is refused: credentials are not taken from the command line")
                .doesNotContain("TOPSECRET1");
        String inEndpoint =
                referenceError(
                        "\"CompanyName\"=s3://b/c.csv?endpoint=http://AKIDX:TOPSECRET2@127.0.0.1:1");
        assertThat(inEndpoint)
                .contains("a user or password in the endpoint is refused")
                .doesNotContain("TOPSECRET2");
    }

    @Test
    void translationNeedsNoS3Access() {
        TranslationOptions options =
                RunOptions.parseForTranslation(
                        app,
                        "--schema",
                        COLUMNS,
                        "--reference",
                        "\"CompanyName\"=s3://no-such-bucket/c.csv?endpoint=http://127.0.0.1:1",
                        "--schema",
                        COMPANIES);
        assertThat(options.referenceTables()).containsOnlyKeys("CompanyName");
    }

    @Test
    void aFirehoseOutputNamesItsDeliveryStreamWithoutSecrets() {
        RunOptions options =
                RunOptions.parse(
                        app,
                        "--input",
                        trades,
                        "--schema",
                        COLUMNS,
                        "--output",
                        "firehose:ticker-archive?endpoint=http://127.0.0.1:4573&region=eu-west-1",
                        "--output",
                        "error_stream=firehose:errors?profile=ops");
        StreamLocation.Firehose firehose =
                (StreamLocation.Firehose) options.outputs().get(0).location();
        assertThat(firehose.deliveryStreamName()).isEqualTo("ticker-archive");
        assertThat(firehose.settings().endpointUrl()).contains("http://127.0.0.1:4573");
        assertThat(firehose.label()).isEqualTo("firehose:ticker-archive");
        assertThat(firehose)
                .hasToString(
                        "firehose:ticker-archive?endpoint=http://127.0.0.1:4573&region=eu-west-1");
        assertThat(options.outputs().get(0).label())
                .isEqualTo("DESTINATION_SQL_STREAM=firehose:ticker-archive");
        assertThat(options.outputs().get(1).streamName()).isEqualTo("ERROR_STREAM");
        assertThat(options.outputs().get(1).location().label()).isEqualTo("firehose:errors");
    }

    @Test
    void badFirehoseOutputsAreRefusedAndSecretsNotShown() {
        assertThat(outputError("firehose:", app, trades))
                .isEqualTo(
                        "--output firehose:: 'firehose:': firehose: needs a delivery stream name,"
                                + " e.g. firehose:ticker-archive");
        assertThat(outputError("firehose:s?partitionKey=TICKER", app, trades))
                .contains(
                        "unknown setting 'partitionKey': expected endpoint, region, profile, or a connector property aws.…");
        String keys =
                outputError("firehose:s?accessKey=AKIDTOPSECRET&secretKey=TOPSECRET3", app, trades);
        assertThat(keys)
                .contains("setting 'accessKey' is refused")
                .doesNotContain("AKIDTOPSECRET")
                .doesNotContain("TOPSECRET3");
        assertThat(outputError("firehose:s?aws.credentials.provider=BASIC", app, trades))
                .contains("aws.credentials.provider=BASIC is refused");
    }

    @Test
    void aFirehoseDeliveryStreamIsNoInput() {
        assertThatThrownBy(
                        () ->
                                RunOptions.parse(
                                        app, "--input", "firehose:incoming", "--schema", COLUMNS))
                .isInstanceOf(RunOptionsException.class)
                .hasMessageStartingWith(
                        "--input firehose:incoming: a Firehose delivery stream cannot be an input");
    }
}
