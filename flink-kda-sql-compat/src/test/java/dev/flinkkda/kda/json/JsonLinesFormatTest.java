package dev.flinkkda.kda.json;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesFormatTest {

    private static List<RawRecord> read(Path dir, String content) throws Exception {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<RawRecord> records = new ArrayList<>();
        try (StreamFormat.Reader<RawRecord> reader =
                new JsonLinesFormat("in.jsonl")
                        .createReader(
                                new Configuration(), new LocalDataInputStream(file.toFile()))) {
            RawRecord record;
            while ((record = reader.read()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void linesEndAtNewlinesOnlyAndLoseTheReturnOfCrLf(@TempDir Path dir) throws Exception {
        assertThat(read(dir, "\uFEFF{\"a\":1}\r\n\n{\"b\":\"x\ry\"}\n   \n{\"c\":3}"))
                .containsExactly(
                        RawRecord.of("{\"a\":1}", "in.jsonl:1"),
                        RawRecord.of("{\"b\":\"x\ry\"}", "in.jsonl:3"),
                        RawRecord.of("{\"c\":3}", "in.jsonl:5"));
    }

    @Test
    void aLineLongerThanTheBufferIsOneRecord(@TempDir Path dir) throws Exception {
        String value = "v".repeat(20_000);
        assertThat(read(dir, "{\"a\":\"" + value + "\"}\r\n"))
                .containsExactly(RawRecord.of("{\"a\":\"" + value + "\"}", "in.jsonl:1"));
    }
}
