package dev.flinkkda.kda.json;

import dev.flinkkda.kda.options.RealFile;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes lines to one file, or to the standard output of the JVM that runs the task (the command's
 * own output on embedded Flink). Run it with parallelism 1: there is one file. Lines are flushed
 * every {@value #FLUSH_INTERVAL_MILLIS} ms, at checkpoints and at the end of the input.
 *
 * <p>A file is written as its {@linkplain #partialFile partial file} next to it, and renamed to the
 * file (an atomic move, after the data is synced to disk) when the input ends: a file that exists
 * under the output's name is complete. A job that fails or is cancelled leaves the partial file,
 * holding the whole lines written so far. The output's symbolic links are followed ({@link
 * RealFile}): the file a link points to is replaced, not the link. Without {@code overwrite}, a
 * file that appeared under the name while the job ran is not replaced (the job fails). A device or
 * named pipe (e.g. {@code /dev/null}) is written in place.
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

    private final boolean overwrite;

    private JsonLinesSink(String file, boolean overwrite) {
        this.file = file;
        this.overwrite = overwrite;
    }

    /**
     * Writes to a file.
     *
     * @param overwrite whether the file may replace one that exists when the input ends
     */
    public static JsonLinesSink toFile(Path file, boolean overwrite) {
        return new JsonLinesSink(file.toAbsolutePath().toString(), overwrite);
    }

    /** Writes to the standard output. */
    public static JsonLinesSink toStdout() {
        return new JsonLinesSink(null, false);
    }

    /**
     * Where a job writes an output file until its input ends: {@code .NAME.JOBID.partial} in the
     * file's directory (hidden, and not matched by {@code *.jsonl}).
     *
     * @param target the output's {@link RealFile}
     */
    public static Path partialFile(RealFile target, JobID job) {
        return target.path()
                .resolveSibling("." + target.path().getFileName() + "." + job + ".partial");
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
        ProcessingTimeService time = context.getProcessingTimeService();
        if (file == null) {
            // System.out as it is when the task starts, so that a caller's System.setOut counts.
            return new LineWriter(
                    new OutputStreamWriter(System.out, StandardCharsets.UTF_8), time, false, null);
        }
        RealFile target = RealFile.of(Path.of(file));
        if (target.isSpecial()) {
            return new LineWriter(
                    writer(new FileOutputStream(target.path().toFile())), time, true, null);
        }
        Path partial = partialFile(target, context.getJobInfo().getJobId());
        // FileOutputStream, not a file channel: a channel is closed by the interrupt with which
        // Flink cancels a task, and the lines still buffered would be lost.
        FileOutputStream stream = new FileOutputStream(partial.toFile());
        return new LineWriter(
                writer(stream), time, true, new Commit(stream, partial, target.path(), overwrite));
    }

    private static Writer writer(FileOutputStream stream) {
        return new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    }

    // Sink's one abstract method until Flink 2.0 takes the deprecated InitContext; Flink 1.20
    // calls createWriter(WriterInitContext) above.
    @Deprecated
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<String> createWriter(Sink.InitContext context) {
        throw new UnsupportedOperationException("Flink calls createWriter(WriterInitContext)");
    }

    /** Renames a partial file to its target once the input has ended. */
    private record Commit(FileOutputStream stream, Path partial, Path target, boolean overwrite) {

        /** Syncs the partial file and moves it to the target; the caller has flushed it. */
        void run() throws IOException {
            stream.getFD().sync();
            stream.close();
            if (overwrite) {
                // rename(2): replaces the target in one step
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            try {
                // A hard link fails if the target exists, in one step: never replaces a file
                // created while the job ran.
                Files.createLink(target, partial);
            } catch (FileAlreadyExistsException e) {
                throw appeared(e);
            } catch (UnsupportedOperationException | FileSystemException e) {
                // a file system without hard links
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw appeared(e);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            Files.delete(partial);
        }

        private IOException appeared(Exception cause) {
            return new IOException(
                    target
                            + " appeared while the job ran and is not replaced without"
                            + " --overwrite; the rows are in "
                            + partial,
                    cause);
        }
    }

    private static final class LineWriter implements SinkWriter<String> {
        private final Writer out;
        private final ProcessingTimeService time;

        /** Whether closing closes the stream: not the process's stdout. */
        private final boolean ownsStream;

        /** How the file becomes its output when the input ends; null for stdout and devices. */
        private final Commit commit;

        private boolean unflushed;
        private boolean closed;

        LineWriter(Writer out, ProcessingTimeService time, boolean ownsStream, Commit commit) {
            this.out = new BufferedWriter(out);
            this.time = time;
            this.ownsStream = ownsStream;
            this.commit = commit;
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
            if (endOfInput && commit != null && !closed) {
                closed = true;
                commit.run();
            }
        }

        /**
         * Flushes the lines written, also when the job is cancelled or fails: a partial file then
         * holds every whole line written.
         */
        @Override
        public void close() throws IOException {
            closed = true;
            if (ownsStream) {
                out.close(); // after a commit: already closed, nothing left to write
            } else {
                out.flush();
            }
        }
    }
}
