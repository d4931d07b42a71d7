package dev.flinkkda.kda.json;

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
}
