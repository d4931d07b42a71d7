package dev.flinkkda.kda.options;

import dev.flinkkda.kda.kinesis.KinesisSettings;
import dev.flinkkda.kda.reference.ReferenceFormat;
import dev.flinkkda.kda.schema.KdaSchema;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arguments of {@code flink-kda run}. */
class RunOptionsTest {

    private static final String COLUMNS = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";

    @TempDir Path dir;
    private String app;
    private String trades;

    @BeforeEach
    void files() throws Exception {
        app = Files.writeString(dir.resolve("app.sql"), "-- app").toString();
        trades = Files.writeString(dir.resolve("trades.jsonl"), "{}").toString();
    }

    private static String errorOf(String... args) {
        try {
            RunOptions.parse(args);
        } catch (RunOptionsException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void theSmallestRunReadsAFileIntoSourceSqlStream001() {
        RunOptions options = RunOptions.parse(app, "--input", trades, "--schema", COLUMNS);
        assertThat(options.application()).isEqualTo(Path.of(app));
        assertThat(options.inputs())
                .containsExactly(
                        new InputSpec(
                                "SOURCE_SQL_STREAM_001",
                                new StreamLocation.File(Path.of(trades)),
                                KdaSchema.parse(COLUMNS),
                                RowtimeMode.field("ROWTIME"),
                                Duration.ZERO));
        assertThat(options.outputs()).isEmpty();
        assertThat(options.parallelism()).isEqualTo(OptionalInt.empty());
        assertThat(options.randomSeed()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void arrivalTimeDefaultsToTheKinesisArrivalTimeOrTheFilesField() {
        RunOptions options =
                RunOptions.parse(
                        app,
                        "--input",
                        trades,
                        "--input",
                        "Q=kinesis:quotes",
                        "--schema",
                        COLUMNS,
                        "--schema",
                        "Q=Q DOUBLE");
        assertThat(options.inputs())
                .extracting(i -> i.streamName() + " " + i.arrivalTime())
                .containsExactly(
                        "SOURCE_SQL_STREAM_001 field:APPROXIMATE_ARRIVAL_TIME", "Q arrival");
    }

    @Test
    void arrivalTimeOption() {
        RunOptions options =
                RunOptions.parse(
                        app,
                        "--input",
                        trades,
                        "--input",
                        "Q=kinesis:quotes",
                        "--schema",
                        COLUMNS,
                        "--schema",
                        "Q=Q DOUBLE",
                        "--arrival-time",
                        "field:sent_at",
                        "--arrival-time=q=ROWTIME");
        assertThat(options.inputs())
                .extracting(InputSpec::arrivalTime)
                .containsExactly(ArrivalTimeMode.field("sent_at"), ArrivalTimeMode.rowtime());
        // a declared APPROXIMATE_ARRIVAL_TIME TIMESTAMP is accepted, once
        assertThat(
                        RunOptions.parse(
                                        app,
                                        "--input",
                                        trades,
                                        "--schema",
                                        "T VARCHAR(4), APPROXIMATE_ARRIVAL_TIME TIMESTAMP")
                                .inputs()
                                .get(0)
                                .schema()
                                .size())
                .isEqualTo(2);
        // translate and validate take it too
        assertThat(
                        RunOptions.parseForTranslation(
                                        app, "--schema", COLUMNS, "--arrival-time", "rowtime")
                                .inputs())
                .containsOnlyKeys("SOURCE_SQL_STREAM_001");
    }

    @Test
    void arrivalTimeErrors() {
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--arrival-time", "soon"))
                .isEqualTo(
                        "--arrival-time soon: 'soon': expected arrival, field:NAME (e.g."
                                + " field:APPROXIMATE_ARRIVAL_TIME) or rowtime");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--arrival-time", "field:"))
                .isEqualTo(
                        "--arrival-time field:: 'field:': field: needs a field name, e.g."
                                + " field:APPROXIMATE_ARRIVAL_TIME");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--arrival-time",
                                "arrival"))
                .isEqualTo(
                        "--arrival-time arrival: input SOURCE_SQL_STREAM_001 is the file "
                                + trades
                                + ", which has no Kinesis arrival time; use --arrival-time"
                                + " field:NAME or rowtime");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--arrival-time",
                                "OTHER=rowtime"))
                .isEqualTo("--arrival-time OTHER=rowtime: there is no --input of stream OTHER");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--arrival-time",
                                "SOURCE_SQL_STREAM_001=rowtime",
                                "--arrival-time",
                                "SOURCE_SQL_STREAM_001=arrival"))
                .isEqualTo("--arrival-time is given twice for stream SOURCE_SQL_STREAM_001");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                "T VARCHAR(4), APPROXIMATE_ARRIVAL_TIME VARCHAR(30)"))
                .isEqualTo(
                        "--schema SOURCE_SQL_STREAM_001: column APPROXIMATE_ARRIVAL_TIME is the"
                                + " system column of every input stream, a TIMESTAMP; it cannot be"
                                + " declared as VARCHAR(30)");
        assertThatThrownBy(
                        () ->
                                RunOptions.parseForTranslation(
                                        app, "--schema", COLUMNS, "--arrival-time", "later"))
                .isInstanceOf(RunOptionsException.class)
                .hasMessageStartingWith("--arrival-time later: ");
        assertThatThrownBy(
                        () ->
                                RunOptions.parseForTranslation(
                                        app, "--schema", "APPROXIMATE_ARRIVAL_TIME INTEGER"))
                .isInstanceOf(RunOptionsException.class)
                .hasMessageContaining("it cannot be declared as INTEGER");
        assertThat(RunOptions.HELP).contains("--arrival-time [STREAM=]MODE");
    }

    @Test
    void everyOption() throws Exception {
        Path schemaFile = Files.writeString(dir.resolve("s.schema"), "-- quotes\nQ DOUBLE\n");
        RunOptions options =
                RunOptions.parse(
                        app,
                        "--input",
                        "source_sql_stream_001=" + trades,
                        "--input=\"Quotes\"=kinesis:quotes?endpoint=http://127.0.0.1:4567&start=TRIM_HORIZON",
                        "--schema",
                        "SOURCE_SQL_STREAM_001=" + COLUMNS,
                        "--schema",
                        "\"Quotes\"=@" + schemaFile,
                        "--output",
                        "DESTINATION_SQL_STREAM=-",
                        "--output",
                        dir.resolve("out.jsonl").toString(),
                        "--output",
                        "errors=kinesis:errors?partitionKey=MESSAGE",
                        "--rowtime",
                        "processing",
                        "--rowtime",
                        "\"Quotes\"=arrival",
                        "--watermark-delay",
                        "\"Quotes\"=5s",
                        "--parallelism",
                        "4",
                        "--random-seed",
                        "-7");
        assertThat(options.inputs())
                .extracting(
                        i ->
                                i.streamName()
                                        + " "
                                        + i.location()
                                        + " "
                                        + i.schema()
                                        + " "
                                        + i.rowtime()
                                        + " "
                                        + i.watermarkDelay())
                .containsExactly(
                        "SOURCE_SQL_STREAM_001 "
                                + trades
                                + " TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE processing PT0S",
                        "Quotes kinesis:quotes?endpoint=http://127.0.0.1:4567&region="
                                + KinesisSettings.parse("").region()
                                + "&start=TRIM_HORIZON Q DOUBLE arrival PT5S");
        assertThat(options.outputs())
                .extracting(OutputSpec::toString)
                .containsExactly(
                        "DESTINATION_SQL_STREAM=-",
                        "DESTINATION_SQL_STREAM=" + dir.resolve("out.jsonl"),
                        "ERRORS=kinesis:errors?region="
                                + KinesisSettings.parse("").region()
                                + "&start=LATEST&partitionKey=MESSAGE");
        assertThat(options.parallelism()).isEqualTo(OptionalInt.of(4));
        assertThat(options.randomSeed()).isEqualTo(OptionalLong.of(-7));
    }

    @Test
    void referenceSettingsAreTheTableConnectorsOptions() throws Exception {
        String companies = Files.writeString(dir.resolve("companies.txt"), "t;c\n").toString();
        RunOptions options =
                RunOptions.parse(
                        app,
                        "--input",
                        trades,
                        "--schema",
                        COLUMNS,
                        "--reference",
                        "\"Companies\"="
                                + companies
                                + "?csv.header=true&csv.field-delimiter=;&csv.quote-character='",
                        "--schema",
                        "\"Companies\"=TICKER VARCHAR(4), NAME VARCHAR(64)");
        assertThat(options.references().get(0).format())
                .isEqualTo(ReferenceFormat.csv(';', '\'', true));
        String json = Files.writeString(dir.resolve("c.jsonl"), "").toString();
        assertThat(
                        RunOptions.parse(
                                        app,
                                        "--input",
                                        trades,
                                        "--schema",
                                        COLUMNS,
                                        "--reference",
                                        "C=" + json,
                                        "--schema",
                                        "C=T VARCHAR(4)")
                                .references()
                                .get(0)
                                .format())
                .isEqualTo(ReferenceFormat.json());
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--reference",
                                "C=" + companies + "?header=true",
                                "--schema",
                                "C=T VARCHAR(4)"))
                .isEqualTo(
                        "--reference C="
                                + companies
                                + "?header=true: unknown setting 'header' (the table connector's:"
                                + " format, csv.field-delimiter, csv.quote-character, csv.header)");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--reference",
                                "C=" + json + "?csv.header=true",
                                "--schema",
                                "C=T VARCHAR(4)"))
                .endsWith(
                        ": option 'csv.header' applies to format 'csv' only, but 'format' is"
                                + " 'json'");
    }

    @Test
    void translateAndValidateTakeRunsOptionsAndNeedNoFiles() {
        TranslationOptions options =
                RunOptions.parseForTranslation(
                        app,
                        "--schema",
                        COLUMNS,
                        "--schema",
                        "\"Quotes\"=Q DOUBLE",
                        "--reference",
                        "\"Companies\"",
                        "--schema",
                        "\"Companies\"=TICKER VARCHAR(4)",
                        "--output",
                        "-",
                        "--rowtime",
                        "processing");
        assertThat(options.inputs().keySet()).containsExactly("SOURCE_SQL_STREAM_001", "Quotes");
        assertThat(options.referenceTables().keySet()).containsExactly("Companies");
        // a run's whole command line, files not read
        assertThat(
                        RunOptions.parseForTranslation(
                                        app,
                                        "--input",
                                        "missing.jsonl",
                                        "--schema",
                                        COLUMNS,
                                        "--reference",
                                        "C=missing.csv?csv.header=true",
                                        "--schema",
                                        "C=T VARCHAR(4)")
                                .referenceTables())
                .containsOnlyKeys("C");
        assertThatThrownBy(() -> RunOptions.parseForTranslation(app, "--reference", "C"))
                .hasMessageStartingWith("--reference C: no --schema for reference table C");
        assertThatThrownBy(() -> RunOptions.parseForTranslation(app, "--rowtime", "sometimes"))
                .isInstanceOf(RunOptionsException.class);
    }

    @Test
    void watermarkDelays() {
        for (String[] delay :
                new String[][] {
                    {"0", "PT0S"},
                    {"500ms", "PT0.5S"},
                    {"5s", "PT5S"},
                    {"2min", "PT2M"},
                    {"1h", "PT1H"},
                    {"3 m", "PT3M"}
                }) {
            RunOptions options =
                    RunOptions.parse(
                            app,
                            "--input",
                            trades,
                            "--schema",
                            COLUMNS,
                            "--watermark-delay",
                            delay[0]);
            assertThat(options.inputs().get(0).watermarkDelay()).hasToString(delay[1]);
        }
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--watermark-delay", "5"))
                .isEqualTo(
                        "--watermark-delay 5: expected a duration such as 0, 500ms, 5s, 2min or"
                                + " 1h");
    }

    @Test
    void errorsNameTheArgument() throws Exception {
        assertThat(errorOf("--input", trades))
                .isEqualTo(
                        "no application: expected APP.sql before the options, or --config"
                                + " application.json");
        assertThat(errorOf(dir.resolve("nope.sql").toString()))
                .startsWith(dir.resolve("nope.sql") + ": application file not found");
        assertThat(errorOf(app, "more.sql"))
                .startsWith("unexpected argument 'more.sql': the application is " + app);
        assertThat(errorOf(app)).startsWith("no --input: expected e.g. --input trades.jsonl");
        assertThat(errorOf(app, "--input")).isEqualTo("--input needs a value (see --help)");
        assertThat(errorOf(app, "--inptu", trades))
                .isEqualTo("unknown option --inptu (see flink-kda run --help)");
        assertThat(errorOf(app, "--input", trades))
                .isEqualTo(
                        "--input "
                                + trades
                                + ": no --schema for stream SOURCE_SQL_STREAM_001;"
                                + " give its columns, e.g. --schema \"TICKER_SYMBOL VARCHAR(4),"
                                + " PRICE DOUBLE\"");
        assertThat(errorOf(app, "--input", "missing.jsonl", "--schema", COLUMNS))
                .startsWith("--input missing.jsonl: file not found (");
        assertThat(errorOf(app, "--input", "-", "--schema", COLUMNS))
                .isEqualTo("--input -: reading stdin is not supported; give a file");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--input",
                                "source_sql_stream_001=" + trades,
                                "--schema",
                                COLUMNS))
                .isEqualTo(
                        "--input is given twice for stream SOURCE_SQL_STREAM_001: '"
                                + trades
                                + "' and 'source_sql_stream_001="
                                + trades
                                + "'");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--schema", "OTHER=A INT"))
                .isEqualTo("--schema OTHER=A INT: there is no --input or --reference of OTHER");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                "TICKER_SYMBOL VARCHAR(4), PRICE DOUBL"))
                .startsWith("--schema SOURCE_SQL_STREAM_001: column 33: syntax error at 'DOUBL'");
        assertThat(errorOf(app, "--input", trades, "--schema", "@nope.schema"))
                .startsWith("--schema @nope.schema: schema file not found (");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--rowtime", "arrival"))
                .isEqualTo(
                        "--rowtime arrival: input SOURCE_SQL_STREAM_001: --rowtime arrival takes"
                                + " ROWTIME from the Kinesis arrival time, which the file "
                                + trades
                                + " does not have; use --rowtime field:NAME (e.g. field:ROWTIME) or"
                                + " processing");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--rowtime", "event"))
                .isEqualTo(
                        "--rowtime event: 'event': expected arrival, field:NAME (e.g."
                                + " field:ROWTIME) or processing");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--rowtime",
                                "X=processing"))
                .isEqualTo("--rowtime X=processing: there is no --input of stream X");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--parallelism", "0"))
                .isEqualTo("--parallelism 0: expected a whole number of at least 1");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--random-seed", "1.5"))
                .isEqualTo("--random-seed 1.5: expected a whole number (a 64-bit integer)");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--random-seed",
                                "1",
                                "--random-seed",
                                "2"))
                .isEqualTo("--random-seed is given twice");
        assertThat(errorOf(app, "--input", trades, "--schema", COLUMNS, "--output", trades))
                .isEqualTo(
                        "--output "
                                + trades
                                + ": is the same file as --input "
                                + trades
                                + " ("
                                + Path.of(trades).toRealPath()
                                + "); an output must not replace a file the run reads");
        assertThat(
                        errorOf(
                                app,
                                "--input",
                                trades,
                                "--schema",
                                COLUMNS,
                                "--output",
                                "nodir/out.jsonl"))
                .startsWith("--output nodir/out.jsonl: directory not found (");
        assertThat(errorOf(app, "--input", "kinesis:t?start=now&x=1", "--schema", COLUMNS))
                .startsWith("--input kinesis:t?start=now&x=1: unknown setting 'x'");
    }

    @Test
    void helpIsAskedForAnywhere() {
        assertThat(RunOptions.isHelpRequest(new String[] {app, "--help"})).isTrue();
        assertThat(RunOptions.isHelpRequest(new String[] {"-h"})).isTrue();
        assertThat(RunOptions.isHelpRequest(new String[] {app})).isFalse();
        assertThat(RunOptions.HELP)
                .startsWith("usage: flink-kda run APP.sql --input [STREAM=]LOCATION");
    }
}
