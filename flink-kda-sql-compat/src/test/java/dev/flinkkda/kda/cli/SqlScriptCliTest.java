package dev.flinkkda.kda.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flink-kda translate … --format sql-script [--jar PATH]} on the command line: the script on
 * stdout, the default format unchanged, and clear errors for bad uses.
 */
class SqlScriptCliTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "reference-join");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] referenceJoin(String... more) {
        String[] base = {
            "translate",
            EXAMPLE.resolve("app.sql").toString(),
            "--input",
            "kinesis:trades?region=eu-west-1&start=TRIM_HORIZON",
            "--schema",
            "@" + EXAMPLE.resolve("schema.txt"),
            "--reference",
            "\"CompanyName\"=" + EXAMPLE.resolve("companies.csv") + "?csv.header=true",
            "--schema",
            "\"CompanyName\"=@" + EXAMPLE.resolve("companies-schema.txt"),
            "--output",
            "kinesis:results?region=eu-west-1"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void printsTheScriptWithTheJarGiven() throws Exception {
        int status =
                run(
                        referenceJoin(
                                "--format", "sql-script", "--jar", "/opt/flink-kda/flink-kda.jar"));

        String script = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(script)
                .startsWith("-- app.sql, a Kinesis Data Analytics for SQL application")
                .contains("ADD JAR '/opt/flink-kda/flink-kda.jar';")
                .contains("CREATE TABLE `CompanyName` (")
                .contains("'connector' = 'kda-reference-file'")
                .contains("'stream' = 'trades'")
                .contains("'stream' = 'results'")
                .contains("FOR SYSTEM_TIME AS OF")
                .contains("INSERT INTO `DESTINATION_SQL_STREAM__OUTPUT`")
                .endsWith("END;\n");
    }

    @Test
    void withoutFormatTranslateIsUnchanged() throws Exception {
        int status = run(referenceJoin());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("-- app.sql translated by flink-kda")
                .doesNotContain("EXECUTE STATEMENT SET");
    }

    @Test
    void anUnknownFormatNamesBoth() throws Exception {
        int status = run(referenceJoin("--format", "yaml"));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "flink-kda translate: --format yaml: expected flink-sql (the default: the"
                                + " translation and its report) or sql-script (a script for Flink's"
                                + " SQL client)\n");
    }

    @Test
    void jarWithoutTheScriptFormatIsRefused() throws Exception {
        int status = run(referenceJoin("--jar", "/opt/flink-kda.jar"));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("flink-kda translate: --jar is an option of --format sql-script\n");
    }

    @Test
    void validateTakesNoFormat() throws Exception {
        String[] args = referenceJoin("--format", "sql-script");
        args[0] = "validate";

        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "flink-kda validate: --format: validate takes none (it is translate's"
                                + " option)\n");
    }

    @Test
    void aMissingInputFileIsNamed(@TempDir Path dir) throws Exception {
        int status =
                run(
                        "translate",
                        EXAMPLE.resolve("app.sql").toString(),
                        "--input",
                        dir.resolve("nowhere.jsonl").toString(),
                        "--schema",
                        "@" + EXAMPLE.resolve("schema.txt"),
                        "--format",
                        "sql-script");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--input")
                .contains("file not found");
    }

    /**
     * The script of a configuration: the SQL from its ApplicationCode, the input its Kinesis stream
     * (name and region from the ARN), a Firehose destination as Flink's firehose connector and S3
     * reference data as flink-kda's reference connector on the object.
     */
    @Test
    void theScriptOfAConfiguration(@TempDir Path dir) throws Exception {
        String gettingStarted =
                Files.readString(Path.of("src/test/resources/config/getting-started.json"));
        String withFirehose =
                gettingStarted.replace(
                        "\"KinesisStreamsOutput\": {\n"
                                + "        \"ResourceARN\":"
                                + " \"arn:aws:kinesis:us-east-1:012345678901:stream/ExampleOutputStream\"",
                        "\"KinesisFirehoseOutput\": {\n"
                                + "        \"ResourceARN\":"
                                + " \"arn:aws:firehose:us-east-1:012345678901:deliverystream/archive\"");
        assertThat(withFirehose).isNotEqualTo(gettingStarted);
        Path config = Files.writeString(dir.resolve("application.json"), withFirehose);
        int status = run("translate", "--config", config.toString(), "--format", "sql-script");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String script = out.toString(StandardCharsets.UTF_8);
        assertThat(script)
                .contains("'connector' = 'kinesis'")
                .contains("'stream' = 'kinesis-analytics-demo-stream'")
                .contains("'aws.region' = 'us-east-1'")
                .contains("'connector' = 'firehose'")
                .contains("'delivery-stream' = 'archive'")
                .contains("the Firehose connector 4.3.0-1.19")
                .contains("EXECUTE STATEMENT SET");
    }

    /** S3 reference data in a script: flink-kda's reference connector on the object. */
    @Test
    void theScriptReadsConfiguredReferenceDataFromS3() throws Exception {
        int status =
                run(
                        "translate",
                        "--config",
                        "src/test/resources/config/reference-data.json",
                        "--format",
                        "sql-script");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("'connector' = 'kda-reference-file'")
                .contains("'path' = 's3://kda-reference-data/TickerReference.csv'")
                .contains("'s3.region' = 'us-east-1'");
    }
}
