package dev.flinkkda.kda.json;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file output is written as a partial file and appears, whole, under its name when the input
 * ends; a writer closed before (a cancelled or failed job) leaves the partial file with whole
 * lines.
 */
class JsonLinesSinkTest {

    @TempDir Path dir;

    private static OneInputStreamOperatorTestHarness<String, CommittableMessage<Void>> harness(
            JsonLinesSink sink) throws Exception {
        OneInputStreamOperatorTestHarness<String, CommittableMessage<Void>> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new SinkWriterOperatorFactory<String, Void>(sink));
        harness.open();
        return harness;
    }

    private static void write(
            OneInputStreamOperatorTestHarness<String, CommittableMessage<Void>> harness,
            String... lines)
            throws Exception {
        for (String line : lines) {
            harness.processElement(new StreamRecord<>(line));
        }
    }

    private List<Path> partialFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    @Test
    void theFileAppearsWholeWhenTheInputEnds() throws Exception {
        Path out = dir.resolve("out.jsonl");
        var harness = harness(JsonLinesSink.toFile(out, false));
        write(harness, "{\"A\":1}", "{\"A\":2}");
        assertThat(out).doesNotExist();
        assertThat(partialFiles())
                .singleElement()
                .satisfies(
                        p ->
                                assertThat(p.getFileName().toString())
                                        .startsWith(".out.jsonl.")
                                        .endsWith(".partial"));

        harness.endInput();
        harness.close();
        assertThat(Files.readString(out)).isEqualTo("{\"A\":1}\n{\"A\":2}\n");
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void aWriterClosedBeforeTheEndLeavesThePartialFileWithWholeLines() throws Exception {
        Path out = dir.resolve("out.jsonl");
        var harness = harness(JsonLinesSink.toFile(out, false));
        write(harness, "{\"A\":1}", "{\"A\":2}", "{\"A\":3}");
        harness.close(); // as a cancelled job's task does
        assertThat(out).doesNotExist();
        assertThat(partialFiles())
                .singleElement()
                .satisfies(
                        p ->
                                assertThat(Files.readString(p, StandardCharsets.UTF_8))
                                        .isEqualTo("{\"A\":1}\n{\"A\":2}\n{\"A\":3}\n"));
    }

    @Test
    void aFileThatAppearedMeanwhileIsNotReplacedWithoutOverwrite() throws Exception {
        Path out = dir.resolve("out.jsonl");
        var harness = harness(JsonLinesSink.toFile(out, false));
        write(harness, "{\"A\":1}");
        Files.writeString(out, "someone else's\n");
        assertThatThrownBy(harness::endInput)
                .hasMessageContaining(
                        out
                                + " appeared while the job ran and is not replaced without"
                                + " --overwrite; the rows are in ");
        harness.close();
        assertThat(Files.readString(out)).isEqualTo("someone else's\n");
        assertThat(partialFiles())
                .singleElement()
                .satisfies(p -> assertThat(Files.readString(p)).isEqualTo("{\"A\":1}\n"));
    }

    @Test
    void overwriteReplacesTheFileALinkPointsTo() throws Exception {
        Path real = Files.writeString(dir.resolve("real.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("out.jsonl"), real);
        var harness = harness(JsonLinesSink.toFile(link, true));
        write(harness, "{\"A\":1}");
        assertThat(Files.readString(real)).isEqualTo("old\n");
        harness.endInput();
        harness.close();
        assertThat(Files.readString(real)).isEqualTo("{\"A\":1}\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(partialFiles()).isEmpty();
    }

    /** A harness restored from {@code state}, as a job resumed from a checkpoint starts. */
    private static OneInputStreamOperatorTestHarness<String, CommittableMessage<Void>> restored(
            JsonLinesSink sink, OperatorSubtaskState state) throws Exception {
        OneInputStreamOperatorTestHarness<String, CommittableMessage<Void>> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new SinkWriterOperatorFactory<String, Void>(sink));
        harness.initializeState(state);
        harness.open();
        return harness;
    }

    @Test
    void aRestoredWriterCutsThePartialFileBackToTheCheckpointAndGoesOn() throws Exception {
        Path out = dir.resolve("out.jsonl");
        var killed = harness(JsonLinesSink.toFile(out, false));
        write(killed, "{\"A\":1}", "{\"A\":\"é\"}");
        OperatorSubtaskState checkpoint = killed.snapshot(1L, 1L);
        // written after the checkpoint, flushed, then the process dies
        write(killed, "{\"A\":3}", "{\"A\":4}");
        killed.prepareSnapshotPreBarrier(2L);
        Path partial = partialFiles().get(0);
        assertThat(Files.readString(partial, StandardCharsets.UTF_8))
                .isEqualTo("{\"A\":1}\n{\"A\":\"é\"}\n{\"A\":3}\n{\"A\":4}\n");

        // a new job (another id) restored from checkpoint 1 writes into the same partial file
        var resumed = restored(JsonLinesSink.toFile(out, false), checkpoint);
        assertThat(Files.readString(partial, StandardCharsets.UTF_8))
                .isEqualTo("{\"A\":1}\n{\"A\":\"é\"}\n");
        write(resumed, "{\"A\":3}", "{\"A\":4}", "{\"A\":5}");
        resumed.endInput();
        resumed.close();
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo("{\"A\":1}\n{\"A\":\"é\"}\n{\"A\":3}\n{\"A\":4}\n{\"A\":5}\n");
        assertThat(partialFiles()).isEmpty();
        killed.close();
    }

    @Test
    void aRestoredWriterRefusesAPartialFileThatIsGoneOrShorter() throws Exception {
        Path out = dir.resolve("out.jsonl");
        var killed = harness(JsonLinesSink.toFile(out, false));
        write(killed, "{\"A\":1}", "{\"A\":2}");
        OperatorSubtaskState checkpoint = killed.snapshot(1L, 1L);
        killed.close();
        Path partial = partialFiles().get(0);

        Files.writeString(partial, "{\"A\":1}\n");
        assertThatThrownBy(() -> restored(JsonLinesSink.toFile(out, false), checkpoint))
                .hasStackTraceContaining(
                        "cannot resume writing "
                                + partial
                                + ": it holds 8 bytes, fewer than the 16 it held at the"
                                + " checkpoint");

        Files.delete(partial);
        assertThatThrownBy(() -> restored(JsonLinesSink.toFile(out, false), checkpoint))
                .hasStackTraceContaining(
                        "cannot resume writing "
                                + partial
                                + ": the partial file of the interrupted run is gone");
        assertThat(out).doesNotExist();
    }

    @Test
    void aStdoutWriterIsRestoredWithoutState() throws Exception {
        var harness = harness(JsonLinesSink.toStdout());
        OperatorSubtaskState checkpoint = harness.snapshot(1L, 1L);
        harness.close();
        var restored = restored(JsonLinesSink.toStdout(), checkpoint);
        restored.close();
        assertThat(partialFiles()).isEmpty();
    }

    /**
     * Two outputs to stdout (one {@code PrintStream}) written at once: every line comes out whole.
     * A line longer than the buffer was written before its line break, so another writer's bytes
     * could land between them.
     */
    @Test
    void twoStdoutWritersNeverInterleaveInsideALine() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalOut = System.out;
        System.setOut(new java.io.PrintStream(printed, false, StandardCharsets.UTF_8));
        int lines = 20_000;
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            List<Thread> writers = new java.util.ArrayList<>();
            for (String name : List.of("A", "B")) {
                var harness = harness(JsonLinesSink.toStdout());
                Thread writer =
                        new Thread(
                                () -> {
                                    try {
                                        for (int i = 0; i < lines; i++) {
                                            // lines end anywhere in a buffer; some are longer
                                            int length = i % 100 == 0 ? 70_000 : i % 150;
                                            String line =
                                                    "{\""
                                                            + name
                                                            + "\":\""
                                                            + "x".repeat(length)
                                                            + "\"}";
                                            written.add(line);
                                            write(harness, line);
                                        }
                                        harness.close();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
                writers.add(writer);
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
        } finally {
            System.out.flush();
            System.setOut(originalOut);
        }
        List<String> out = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(out).hasSize(2 * lines);
        assertThat(out).containsExactlyInAnyOrderElementsOf(written);
    }
}
