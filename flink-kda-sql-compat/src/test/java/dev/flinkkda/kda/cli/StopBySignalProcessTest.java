package dev.flinkkda.kda.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flink-kda run} in a process of its own, stopped by SIGTERM or SIGINT while it writes: the
 * job is cancelled, the rows written so far stay in the partial file as whole lines, the output
 * file is not created, a summary is printed, and the exit status is 128 + the signal's number.
 */
class StopBySignalProcessTest {

    /** Scores every row with a forest: slow enough (about 15,000 rows/s) to be stopped midway. */
    private static final String APP =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (PRICE DOUBLE, ANOMALY_SCORE DOUBLE);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM PRICE, ANOMALY_SCORE
                FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM PRICE FROM "SOURCE_SQL_STREAM_001")));
            """;

    private static final int ROWS = 300_000;

    /** About how many rows the partial file holds when the signal is sent. */
    private static final int ROWS_BEFORE_THE_SIGNAL = 2_000;

    /**
     * An output row's size: {@code {"ROWTIME":"2024-05-01 10:00:00.000","PRICE":100.1,
     * "ANOMALY_SCORE":0.0}} and its line break.
     */
    private static final int BYTES_A_ROW = 75;

    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalStopsTheJobAndLeavesWholeLinesAndASummary(String signal, int status)
            throws Exception {
        Path app = Files.writeString(dir.resolve("app.sql"), APP);
        Path input = dir.resolve("prices.jsonl");
        writeRows(input);
        Path output = dir.resolve("out.jsonl");

        JavaProcess run =
                JavaProcess.start(
                        dir,
                        Map.of(),
                        FlinkKdaCli.class,
                        List.of(
                                "run",
                                app.toString(),
                                "--input",
                                input.toString(),
                                "--schema",
                                "PRICE DOUBLE",
                                "--output",
                                output.toString()));
        Path partial = awaitFirstRows(run);
        run.kill(signal);
        int exit = run.waitFor(120);

        String stderr = run.stderr();
        assertThat(exit).as(stderr).isEqualTo(status);
        assertThat(output).doesNotExist();
        assertThat(stderr)
                .contains("flink-kda: SIG" + signal + ": stopping the job")
                .doesNotContain("Exception in thread");
        Matcher summary =
                Pattern.compile(
                                "flink-kda: stopped by SIG"
                                        + signal
                                        + " after [0-9.]+ s; as last reported: ([0-9]+) records"
                                        + " in, ([0-9]+) rows out to DESTINATION_SQL_STREAM, 0"
                                        + " errors")
                        .matcher(stderr);
        assertThat(summary.find()).as(stderr).isTrue();
        List<String> lines = Files.readAllLines(partial, StandardCharsets.UTF_8);
        // counted before they were written, and all written rows are flushed at the stop
        assertThat(Long.parseLong(summary.group(2))).isLessThanOrEqualTo(lines.size());
        Matcher reported =
                Pattern.compile(
                                "flink-kda: DESTINATION_SQL_STREAM: "
                                        + Pattern.quote(output.toString())
                                        + " is not created or replaced; the ([0-9]+) rows written"
                                        + " before the end are in "
                                        + Pattern.quote(partial.toString()))
                        .matcher(stderr);
        assertThat(reported.find()).as(stderr).isTrue();
        assertThat(Long.parseLong(reported.group(1))).isEqualTo(lines.size());
        assertThat(lines).isNotEmpty().hasSizeLessThan(ROWS);
        assertThat(Files.readString(partial, StandardCharsets.UTF_8)).endsWith("\n");
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            assertThat(row.has("PRICE") && row.has("ANOMALY_SCORE")).as(line).isTrue();
        }
        System.out.printf(
                "SIG%s: exit %d, %d whole rows in the partial file; %s%n",
                signal,
                exit,
                lines.size(),
                stderr.lines().filter(l -> l.contains("stopped by")).findFirst().orElse(""));
    }

    private static void writeRows(Path input) throws IOException {
        LocalDateTime start = LocalDateTime.of(2024, 5, 1, 10, 0);
        DateTimeFormatter rowtime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < ROWS; i++) {
                out.write(
                        "{\"ROWTIME\":\""
                                + rowtime.format(start.plusNanos(i * 1_000_000L))
                                + "\",\"PRICE\":"
                                + (100 + (i % 17) / 10.0)
                                + "}\n");
            }
        }
    }

    /** The partial file, once it holds some rows; fails if the run ends first. */
    private Path awaitFirstRows(JavaProcess run) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Path> partial = partialFile();
            if (partial.isPresent()
                    && Files.size(partial.get()) > ROWS_BEFORE_THE_SIGNAL * BYTES_A_ROW) {
                return partial.get();
            }
            if (!run.isAlive()) {
                throw new AssertionError(
                        "the run ended before it was stopped; stderr:\n" + run.stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no rows within 180 s; stderr:\n" + run.stderr());
    }

    private Optional<Path> partialFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            f -> {
                                String name = f.getFileName().toString();
                                return name.startsWith(".out.jsonl.") && name.endsWith(".partial");
                            })
                    .findFirst();
        }
    }
}
