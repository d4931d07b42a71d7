package dev.flinkkda.kda.json;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a JSON-lines file as {@link RawRecord}s whose origin is {@code file:line}. Blank
 * lines are skipped (their numbers still count); a byte order mark at the start is dropped. Not
 * splittable, so that one reader counts every line of the file; the file is read as a stream, never
 * whole.
 *
 * <p>On recovery the file source re-reads the records before the checkpointed count through this
 * reader, so line numbers stay right.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final String fileName;

    /**
     * @param fileName the file as messages name it, e.g. as the user wrote it
     */
    public JsonLinesFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public StreamFormat.Reader<RawRecord> createReader(
            Configuration config, FSDataInputStream stream) {
        return new LineReader(
                fileName,
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private static final class LineReader implements StreamFormat.Reader<RawRecord> {
        private final String fileName;
        private final BufferedReader reader;
        private long lineNumber;

        LineReader(String fileName, BufferedReader reader) {
            this.fileName = fileName;
            this.reader = reader;
        }

        @Override
        public RawRecord read() throws IOException {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return RawRecord.of(line, fileName + ":" + lineNumber);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
