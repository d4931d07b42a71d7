package dev.flinkkda.kda.cli;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code flink-kda example} command on the bundled KDA example data. */
class FlinkKdaCliTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return FlinkKdaCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /**
     * The bundled file holds the rows of both AWS stagger pages; the expected table is their
     * published results (11:01:20 count 3 and 11:02:15 count 1 on the concept page; six rows per
     * ticker in one window each on the example page).
     */
    @Test
    void exampleOnTheBundledDataPrintsTheKdaResults() throws Exception {
        int exit = run("example", "../" + FlinkKdaCli.DEFAULT_EXAMPLE_INPUT);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "ROWTIME              EVENT_TIME           TICKER  TICKER_COUNT",
                        "2018-08-01 11:01:20  2018-08-01 11:00:00  AMZN    3",
                        "2018-08-01 11:02:15  2018-08-01 11:01:00  AMZN    1",
                        "2018-08-01 20:18:30  2018-08-01 20:17:00  AMZN    6",
                        "2018-08-01 20:19:31  2018-08-01 20:18:00  INTC    6");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("16 rows in, 0 malformed, 4 windows out");
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumberAndTheRunGoesOn(@TempDir Path dir)
            throws Exception {
        Path input = dir.resolve("trades.jsonl");
        Files.writeString(
                input,
                "{\"ROWTIME\": \"2018-08-01T11:00:20\", \"EVENT_TIME\": \"2018-08-01T11:00:10\", \"TICKER\": \"AMZN\"}\n"
                        + "{\"ROWTIME\": \"yesterday\", \"EVENT_TIME\": \"2018-08-01T11:00:10\", \"TICKER\": \"AMZN\"}\n"
                        + "not json\n"
                        + "{\"ROWTIME\": \"2018-08-01T11:00:30\", \"EVENT_TIME\": \"2018-08-01T11:00:20\"}\n"
                        + "{\"ROWTIME\": \"2018-08-01T11:00:40\", \"EVENT_TIME\": \"2018-08-01T11:00:20\", \"TICKER\": \"AMZN\"}\n");
        int exit = run("example", input.toString());
        assertThat(exit).isZero();
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors)
                .contains(input + ":2: field ROWTIME is not an ISO-8601 timestamp: 'yesterday'")
                .contains(input + ":3: ")
                .contains(input + ":4: field TICKER is missing or not a string")
                .contains("2 rows in, 3 malformed, 1 windows out");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("2018-08-01 11:01:20  2018-08-01 11:00:00  AMZN    2");
    }

    @Test
    void unknownCommandAndMissingFileAreClearErrors() throws Exception {
        assertThat(run("translate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("flink-kda: unknown command 'translate'");
        assertThat(run("example", "no-such-file.jsonl")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("input file not found:")
                .contains("no-such-file.jsonl");
    }
}
