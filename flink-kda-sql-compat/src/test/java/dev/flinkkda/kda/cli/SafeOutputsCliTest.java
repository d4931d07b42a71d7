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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code flink-kda run}'s file outputs: refused before the job starts, or written whole. */
class SafeOutputsCliTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path EXAMPLE = Path.of("..", "examples", "seed-001-stagger");

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir Path dir;

    private int run(Path input, String... outputArgs) throws Exception {
        String[] args = new String[6 + outputArgs.length];
        args[0] = "run";
        args[1] = EXAMPLE.resolve("app.sql").toString();
        args[2] = "--input";
        args[3] = input.toString();
        args[4] = "--schema";
        args[5] = "@" + EXAMPLE.resolve("schema.txt");
        System.arraycopy(outputArgs, 0, args, 6, outputArgs.length);
        return FlinkKdaCli.run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anOutputOntoALinkToTheInputStopsTheRunBeforeItStarts() throws Exception {
        Path input = Files.copy(EXAMPLE.resolve("input.jsonl"), dir.resolve("input.jsonl"));
        byte[] before = Files.readAllBytes(input);
        Path link = Files.createSymbolicLink(dir.resolve("out.jsonl"), input);

        int exit = run(input, "--output", link.toString(), "--overwrite");

        assertThat(exit).as(err()).isEqualTo(2);
        assertThat(err())
                .startsWith(
                        "flink-kda run: --output "
                                + link
                                + ": is the same file as --input "
                                + input
                                + " ("
                                + input.toRealPath()
                                + "); an output must not replace a file the run reads");
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }

    @Test
    void overwriteReplacesAnExistingFileWholeAndLeavesNoPartialFile() throws Exception {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "old\n");
        assertThat(run(EXAMPLE.resolve("input.jsonl"), "--output", out.toString())).isEqualTo(2);
        assertThat(err()).contains(" exists; give --overwrite to replace it");
        assertThat(Files.readString(out)).isEqualTo("old\n");

        int exit = run(EXAMPLE.resolve("input.jsonl"), "--output", out.toString(), "--overwrite");

        assertThat(exit).as(err()).isZero();
        assertThat(Files.readAllLines(out))
                .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(EXAMPLE.resolve("expected-output.jsonl")));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
