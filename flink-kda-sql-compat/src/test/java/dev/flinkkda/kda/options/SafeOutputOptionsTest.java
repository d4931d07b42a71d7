package dev.flinkkda.kda.options;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --output} files are checked before the job starts: none replaces a file the run reads or
 * another output's file, whatever path names it, and none replaces an existing file without {@code
 * --overwrite}.
 */
class SafeOutputOptionsTest {

    private static final String COLUMNS = "TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE";
    private static final String READS = "; an output must not replace a file the run reads";

    @TempDir Path dir;
    private Path app;
    private Path trades;

    @BeforeEach
    void files() throws Exception {
        app = Files.writeString(dir.resolve("app.sql"), "-- app");
        trades = Files.writeString(dir.resolve("trades.jsonl"), "{}\n");
    }

    /** The options of the application reading the trades, and {@code more}. */
    private RunOptions parse(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = app.toString();
        args[1] = "--input";
        args[2] = trades.toString();
        args[3] = "--schema=" + COLUMNS;
        System.arraycopy(more, 0, args, 4, more.length);
        return RunOptions.parse(args);
    }

    private String errorOf(String... more) {
        try {
            parse(more);
        } catch (RunOptionsException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    private static String real(Path path) throws Exception {
        return path.toRealPath().toString();
    }

    @Test
    void anOutputOntoASymbolicLinkToTheInputIsRefusedAndTheInputKept() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), trades);
        assertThat(errorOf("--output", link.toString()))
                .isEqualTo(
                        "--output "
                                + link
                                + ": is the same file as --input "
                                + trades
                                + " ("
                                + real(trades)
                                + ")"
                                + READS);
        assertThat(Files.readString(trades)).isEqualTo("{}\n");
    }

    @Test
    void anOutputOntoAHardLinkOfTheInputIsRefused() throws Exception {
        Path link = Files.createLink(dir.resolve("hard.jsonl"), trades);
        assertThat(errorOf("--output", link.toString(), "--overwrite"))
                .startsWith("--output " + link + ": is the same file as --input " + trades);
    }

    @Test
    void anOutputThroughALinkedDirectoryIsRefused() throws Exception {
        Path linkedDir = Files.createSymbolicLink(dir.resolve("same-dir"), dir);
        Path spelled = linkedDir.resolve("..").resolve(dir.getFileName()).resolve("trades.jsonl");
        assertThat(errorOf("--output", "X=" + spelled))
                .startsWith("--output X=" + spelled + ": is the same file as --input " + trades);
    }

    @Test
    void theApplicationASchemaAndAReferenceFileAreRefused() throws Exception {
        assertThat(errorOf("--output", app.toString(), "--overwrite"))
                .isEqualTo(
                        "--output "
                                + app
                                + ": is the same file as the application file "
                                + app
                                + " ("
                                + real(app)
                                + ")"
                                + READS);

        Path schema = Files.writeString(dir.resolve("quotes.schema"), "Q DOUBLE");
        Path companies = Files.writeString(dir.resolve("companies.csv"), "AMZN,Amazon\n");
        String[] withBoth = {
            "--schema",
            "\"Quotes\"=@" + schema,
            "--input",
            "\"Quotes\"=" + trades,
            "--reference",
            "\"Companies\"=" + companies,
            "--schema",
            "\"Companies\"=TICKER VARCHAR(4), COMPANY VARCHAR(64)",
            "--overwrite",
            "--output"
        };
        assertThat(errorOf(append(withBoth, schema.toString())))
                .isEqualTo(
                        "--output "
                                + schema
                                + ": is the same file as --schema \"Quotes\"=@"
                                + schema
                                + " ("
                                + real(schema)
                                + ")"
                                + READS);
        assertThat(errorOf(append(withBoth, "S=" + companies)))
                .isEqualTo(
                        "--output S="
                                + companies
                                + ": is the same file as --reference \"Companies\"="
                                + companies
                                + " ("
                                + real(companies)
                                + ")"
                                + READS);
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void twoOutputsToOneFileAreRefusedHoweverSpelled() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path again = dir.resolve(".").resolve("sub").resolve("..").resolve("out.jsonl");
        Files.createDirectory(dir.resolve("sub"));
        assertThat(errorOf("--output", "A=" + out, "--output", "B=" + again))
                .isEqualTo(
                        "--output B="
                                + again
                                + ": is the same file as --output A="
                                + out
                                + " ("
                                + dir.toRealPath().resolve("out.jsonl")
                                + "); give each output its own file");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithOverwrite() throws Exception {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "old\n");
        assertThat(errorOf("--output", out.toString()))
                .isEqualTo(
                        "--output "
                                + out
                                + ": "
                                + real(out)
                                + " exists; give --overwrite to replace it (it is replaced when"
                                + " the run has written the stream whole)");
        assertThat(Files.readString(out)).isEqualTo("old\n");

        assertThat(parse("--output", out.toString(), "--overwrite").outputs())
                .extracting(OutputSpec::overwrite)
                .containsExactly(true);
    }

    @Test
    void aSymbolicLinkToNothingCountsAsAnExistingFile() throws Exception {
        Path dangling =
                Files.createSymbolicLink(dir.resolve("dangling.jsonl"), dir.resolve("nowhere"));
        assertThat(errorOf("--output", dangling.toString()))
                .endsWith(
                        " exists; give --overwrite to replace it (it is replaced when the run"
                                + " has written the stream whole)");
    }

    @Test
    void aDeviceNeedsNoOverwrite() {
        assertThat(parse("--output", "/dev/null").outputs())
                .extracting(OutputSpec::overwrite)
                .containsExactly(false);
    }
}
