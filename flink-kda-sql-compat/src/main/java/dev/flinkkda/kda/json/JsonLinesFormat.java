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
 * The lines of a JSON-lines file as {@link RawRecord}s whose origin is {@code file:line}. Lines end
 * at {@code \n} only (a {@code \r} before it is dropped): a stray carriage return inside a record
 * does not split it in two. Blank lines are skipped (their numbers still count); a byte order mark
 * at the start is dropped. Not splittable, so that one reader counts every line of the file; the
 * file is read as a stream, never whole.
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
        private final char[] buffer = new char[8192];
        private final StringBuilder pending = new StringBuilder();
        private int position;
        private int limit;
        private long lineNumber;

        LineReader(String fileName, BufferedReader reader) {
            this.fileName = fileName;
            this.reader = reader;
        }

        /** The next line without its {@code \n} (and a {@code \r} before it); null at the end. */
        private String nextLine() throws IOException {
            pending.setLength(0);
            while (true) {
                if (position == limit) {
                    limit = reader.read(buffer);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        return pending.length() == 0 ? null : withoutReturn(pending);
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                pending.append(buffer, start, position - start);
                if (position < limit) {
                    position++; // the \n
                    return withoutReturn(pending);
                }
            }
        }

        private static String withoutReturn(StringBuilder line) {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
            return line.substring(0, end);
        }

        @Override
        public RawRecord read() throws IOException {
            String line;
            while ((line = nextLine()) != null) {
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
