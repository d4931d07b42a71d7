package dev.flinkkda.kda.json;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes lines to one file, or to the standard output of the JVM that runs the task (the command's
 * own output on embedded Flink). Run it with parallelism 1: there is one file. The file is created
 * (or emptied) when the writer starts; lines are flushed every {@value #FLUSH_INTERVAL_MILLIS} ms,
 * at checkpoints and at the end of the input.
 *
 * <p>Not transactional: after a restart the file is written again from the restored position. It is
 * meant for embedded runs and bounded inputs; use a Kinesis output for fault-tolerant runs.
 */
public final class JsonLinesSink implements Sink<String> {

    private static final long serialVersionUID = 1L;

    /** How often written lines are flushed, so that a long run's output shows up as it goes. */
    static final long FLUSH_INTERVAL_MILLIS = 200L;

    /** The file, or null for stdout. */
    private final String file;

    private JsonLinesSink(String file) {
        this.file = file;
    }

    /** Writes to a file. */
    public static JsonLinesSink toFile(Path file) {
        return new JsonLinesSink(file.toAbsolutePath().toString());
    }

    /** Writes to the standard output. */
    public static JsonLinesSink toStdout() {
        return new JsonLinesSink(null);
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
        Writer out;
        if (file == null) {
            // System.out as it is when the task starts, so that a caller's System.setOut counts.
            out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        } else {
            out =
                    Files.newBufferedWriter(
                            Path.of(file),
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
        }
        return new LineWriter(out, file == null, context.getProcessingTimeService());
    }

    // Sink's one abstract method until Flink 2.0 takes the deprecated InitContext; Flink 1.20
    // calls createWriter(WriterInitContext) above.
    @Deprecated
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<String> createWriter(Sink.InitContext context) {
        throw new UnsupportedOperationException("Flink calls createWriter(WriterInitContext)");
    }

    private static final class LineWriter implements SinkWriter<String> {
        private final Writer out;
        private final boolean stdout;
        private final ProcessingTimeService time;
        private boolean unflushed;
        private boolean closed;

        LineWriter(Writer out, boolean stdout, ProcessingTimeService time) {
            this.out = stdout ? new BufferedWriter(out) : out;
            this.stdout = stdout;
            this.time = time;
            scheduleFlush();
        }

        private void scheduleFlush() {
            time.registerTimer(
                    time.getCurrentProcessingTime() + FLUSH_INTERVAL_MILLIS,
                    now -> {
                        if (closed) {
                            return;
                        }
                        if (unflushed) {
                            flush(false);
                        }
                        scheduleFlush();
                    });
        }

        @Override
        public void write(String line, Context context) throws IOException {
            out.write(line);
            out.write('\n');
            unflushed = true;
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
            unflushed = false;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (stdout) {
                out.flush(); // never close the process's stdout
            } else {
                out.close();
            }
        }
    }
}
