package dev.flinkkda.kda.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flink-kda run --checkpoint-dir} in a process of its own, killed with SIGKILL after a
 * checkpoint, then {@code run --resume}: its outputs end exactly as those of a run that was never
 * interrupted (the reference, run without checkpoints).
 *
 * <p>The application keeps state of three kinds: a Random Cut Forest (one score per row, in input
 * order), a tumbling window of ten seconds (one row per window, in window order) and the input's
 * greatest ROWTIME, which decides which rows are late. Both outputs have one order only, so they
 * are compared byte for byte. (Not a SUM of DOUBLEs: Flink's window aggregation adds partial sums
 * buffered between watermarks and checkpoints, whose timing differs between any two runs, and so do
 * the last digits of the sum.) {@code error_stream} (the late rows) is compared without its
 * ERROR_TIME, the processing time at which the error was seen.
 */
class ResumeAfterKillProcessTest {

    private static final String APP =
            """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (PRICE DOUBLE, ANOMALY_SCORE DOUBLE);
            CREATE OR REPLACE PUMP "SCORE_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM PRICE, ANOMALY_SCORE
                FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM PRICE FROM "SOURCE_SQL_STREAM_001")));
            CREATE OR REPLACE STREAM "PER_TEN_SECONDS" (PRICES BIGINT, LOW DOUBLE, HIGH DOUBLE);
            CREATE OR REPLACE PUMP "WINDOW_PUMP" AS INSERT INTO "PER_TEN_SECONDS"
                SELECT STREAM COUNT(*) AS PRICES, MIN(PRICE) AS LOW, MAX(PRICE) AS HIGH
                FROM "SOURCE_SQL_STREAM_001"
                GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);
            """;

    /** Scored at about 10,000 rows/s: a run of several seconds, killed midway. */
    private static final int ROWS = 200_000;

    /** Every this many rows, one is 5 s behind: late, to error_stream. */
    private static final int LATE_EVERY = 9_973;

    /**
     * The rows the partial file holds before the checkpoint the test waits for: three windows and
     * three late rows.
     */
    private static final int ROWS_BEFORE_THE_CHECKPOINT = 3 * LATE_EVERY + 1_000;

    /**
     * An output row's size in bytes, at least (a row with its ROWTIME, price and score): the
     * partial file's lines are counted once it is that large.
     */
    private static final int BYTES_A_ROW = 60;

    private static final Pattern ERROR_TIME = Pattern.compile("\"ERROR_TIME\":\"[^\"]*\",?");

    @TempDir Path dir;

    @Test
    void aRunKilledAfterACheckpointAndResumedWritesWhatAnUninterruptedRunWrites() throws Exception {
        Path app = Files.writeString(dir.resolve("app.sql"), APP);
        Path input = dir.resolve("prices.jsonl");
        writeRows(input);
        Path checkpoints = dir.resolve("checkpoints");

        long started = System.nanoTime();
        JavaProcess reference = start("reference", runArguments(app, input, "ref"));
        assertThat(reference.waitFor(600)).as(reference.stderr()).isZero();
        double referenceSeconds = (System.nanoTime() - started) / 1e9;

        List<String> killed = new ArrayList<>(runArguments(app, input, "out"));
        killed.addAll(
                List.of("--checkpoint-dir", checkpoints.toString(), "--checkpoint-interval", "1s"));
        JavaProcess run = start("killed", killed);
        long checkpointAtKill = awaitCheckpointAndRows(run, checkpoints);
        long partialBytes = Files.size(PartialFiles.of(dir, "out.jsonl").orElseThrow());
        run.kill("KILL");
        assertThat(run.waitFor(60)).isEqualTo(137);
        assertThat(dir.resolve("out.jsonl")).doesNotExist();

        started = System.nanoTime();
        JavaProcess resumed = start("resumed", List.of("run", "--resume", checkpoints.toString()));
        int exit = resumed.waitFor(600);
        double resumedSeconds = (System.nanoTime() - started) / 1e9;
        String stderr = resumed.stderr();
        assertThat(exit).as(stderr).isZero();
        Matcher from =
                Pattern.compile(
                                "flink-kda: .* in [0-9.]+ s; resumed from checkpoint ([0-9]+) \\(.*"
                                        + "chk-[0-9]+\\), the counts since then")
                        .matcher(stderr);
        assertThat(from.find()).as(stderr).isTrue();
        long restored = Long.parseLong(from.group(1));
        Matcher readAgain =
                Pattern.compile(
                                "flink-kda: ([0-9]+) records in, .* ([0-9]+) rows out to"
                                        + " error_stream, .* in [0-9.]+ s; resumed from")
                        .matcher(stderr);
        assertThat(readAgain.find()).as(stderr).isTrue();
        // the checkpoint held the rows before: windows closed and late rows seen
        assertThat(Long.parseLong(readAgain.group(1)))
                .isLessThan(ROWS - ROWS_BEFORE_THE_CHECKPOINT);
        assertThat(Long.parseLong(readAgain.group(2))).isLessThanOrEqualTo(lateRows() - 3);
        assertThat(restored).isGreaterThanOrEqualTo(checkpointAtKill);

        for (String output : List.of("ref", "out")) {
            assertThat(Files.readAllLines(dir.resolve(output + ".jsonl")))
                    .hasSize(ROWS - lateRows());
        }
        assertThat(Files.readString(dir.resolve("out.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("ref.jsonl")));
        assertThat(Files.readString(dir.resolve("out-windows.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("ref-windows.jsonl")));
        List<String> errors = withoutErrorTime(dir.resolve("out-errors.jsonl"));
        assertThat(errors)
                .hasSize(lateRows())
                .containsExactlyInAnyOrderElementsOf(
                        withoutErrorTime(dir.resolve("ref-errors.jsonl")));
        assertThat(PartialFiles.of(dir, "out.jsonl")).isEmpty();
        assertThat(latestCheckpoint(checkpoints)).as("checkpoints left").isEqualTo(-1);

        JavaProcess again = start("again", List.of("run", "--resume", checkpoints.toString()));
        assertThat(again.waitFor(120)).isEqualTo(2);
        assertThat(again.stderr()).contains("finished; its outputs are complete");

        System.out.printf(
                "reference run %.1f s; killed (kill -9) after checkpoint %d with %d bytes in the"
                        + " partial file; resumed from checkpoint %d in %.1f s: %d scored rows,"
                        + " %d windows, %d late rows, as the reference%n%s%n",
                referenceSeconds,
                checkpointAtKill,
                partialBytes,
                restored,
                resumedSeconds,
                ROWS - lateRows(),
                Files.readAllLines(dir.resolve("out-windows.jsonl")).size(),
                errors.size(),
                stderr.lines()
                        .filter(l -> l.contains("resum"))
                        .reduce((a, b) -> a + "\n" + b)
                        .orElse(""));
    }

    private List<String> runArguments(Path app, Path input, String prefix) {
        return List.of(
                "run",
                app.toString(),
                "--input",
                input.toString(),
                "--schema",
                "PRICE DOUBLE",
                "--random-seed",
                "7",
                "--output",
                dir.resolve(prefix + ".jsonl").toString(),
                "--output",
                "PER_TEN_SECONDS=" + dir.resolve(prefix + "-windows.jsonl"),
                "--output",
                "error_stream=" + dir.resolve(prefix + "-errors.jsonl"));
    }

    private JavaProcess start(String name, List<String> args) throws IOException {
        Path processDir = Files.createDirectories(dir.resolve("process-" + name));
        return JavaProcess.start(processDir, Map.of(), FlinkKdaCli.class, args);
    }

    private static int lateRows() {
        return (ROWS - 1) / LATE_EVERY;
    }

    private static void writeRows(Path input) throws IOException {
        LocalDateTime start = LocalDateTime.of(2024, 5, 1, 10, 0);
        DateTimeFormatter rowtime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < ROWS; i++) {
                LocalDateTime time = start.plusNanos(i * 1_000_000L);
                if (i > 0 && i % LATE_EVERY == 0) {
                    time = time.minusSeconds(5);
                }
                double price = 100 + (i % 17) / 10.0 + (i % 4_999 == 0 ? 50 : 0);
                out.write(
                        "{\"ROWTIME\":\"" + rowtime.format(time) + "\",\"PRICE\":" + price + "}\n");
            }
        }
    }

    private static List<String> withoutErrorTime(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> ERROR_TIME.matcher(line).replaceAll(""))
                .toList();
    }

    /**
     * Waits until the partial file holds {@link #ROWS_BEFORE_THE_CHECKPOINT} rows, then for a
     * checkpoint completed after that, then a moment more: the checkpoint holds closed windows and
     * late rows, and the rows written after it are those the resumed run must cut off and write
     * again.
     *
     * @return the greatest completed checkpoint's id
     */
    private long awaitCheckpointAndRows(JavaProcess run, Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        long before = -1;
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new AssertionError(
                        "the run ended before it was killed; stderr:\n" + run.stderr());
            }
            long latest = latestCheckpoint(checkpoints);
            if (before < 0) {
                Optional<Path> partial = PartialFiles.of(dir, "out.jsonl");
                if (partial.isPresent()
                        && Files.size(partial.get()) > ROWS_BEFORE_THE_CHECKPOINT * BYTES_A_ROW
                        && UnfinishedOutputs.wholeLines(partial.get())
                                >= ROWS_BEFORE_THE_CHECKPOINT) {
                    before = Math.max(latest, 0);
                }
            } else if (latest > before) {
                Thread.sleep(300); // rows after the checkpoint
                return latest;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint within 300 s; stderr:\n" + run.stderr());
    }

    /** The greatest id of a {@code chk-N} with its {@code _metadata}; -1 if there is none. */
    private static long latestCheckpoint(Path checkpoints) throws IOException {
        long latest = -1;
        if (!Files.isDirectory(checkpoints.resolve("checkpoints"))) {
            return latest;
        }
        Pattern chk = Pattern.compile("chk-([0-9]+)");
        try (Stream<Path> files = Files.walk(checkpoints.resolve("checkpoints"), 3)) {
            for (Path metadata :
                    files.filter(f -> f.getFileName().toString().equals("_metadata")).toList()) {
                Matcher id = chk.matcher(metadata.getParent().getFileName().toString());
                if (id.matches()) {
                    latest = Math.max(latest, Long.parseLong(id.group(1)));
                }
            }
        }
        return latest;
    }
}
