package dev.flinkkda.kda.json;

import dev.flinkkda.kda.options.RealFile;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

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
 * <p>With checkpoints, a file output is part of them ({@link PartialFileState}): a checkpoint syncs
 * the partial file and keeps its path and length; a writer restored from it cuts the file back to
 * that length and appends from there, so the rows replayed after the checkpoint are written once.
 * Stdout and devices keep no state: after a restore they get the replayed rows again.
 */
public final class JsonLinesSink
        implements Sink<String>, SupportsWriterState<String, PartialFileState> {

    private static final long serialVersionUID = 1L;

    /** How often written lines are flushed, so that a long run's output shows up as it goes. */
    static final long FLUSH_INTERVAL_MILLIS = 200L;

    /** How many bytes of lines are gathered before they are written. */
    private static final int BUFFER_BYTES = 1 << 16;

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
    public StatefulSinkWriter<String, PartialFileState> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    /**
     * A writer that goes on with the partial file of {@code states} (one: the sink runs with
     * parallelism 1), cut back to its length at the checkpoint; a new partial file if there is
     * none.
     */
    @Override
    public StatefulSinkWriter<String, PartialFileState> restoreWriter(
            WriterInitContext context, Collection<PartialFileState> states) throws IOException {
        ProcessingTimeService time = context.getProcessingTimeService();
        if (file == null) {
            // System.out as it is when the task starts, so that a caller's System.setOut counts.
            return new LineWriter(System.out, time, false, null, 0L);
        }
        RealFile target = RealFile.of(Path.of(file));
        if (target.isSpecial()) {
            return new LineWriter(
                    new FileOutputStream(target.path().toFile()), time, true, null, 0L);
        }
        if (states.size() > 1) {
            throw new IOException(
                    "restoring " + states.size() + " writers of " + file + "; it has one");
        }
        if (states.isEmpty()) {
            Path partial = partialFile(target, context.getJobInfo().getJobId());
            // FileOutputStream, not a file channel: a channel is closed by the interrupt with
            // which Flink cancels a task, and the lines still buffered would be lost.
            FileOutputStream stream = new FileOutputStream(partial.toFile());
            return new LineWriter(
                    stream, time, true, new Commit(stream, partial, target.path(), overwrite), 0L);
        }
        PartialFileState state = states.iterator().next();
        Path partial = Path.of(state.partialFile());
        cutBack(partial, state.length());
        FileOutputStream stream = new FileOutputStream(partial.toFile(), true);
        return new LineWriter(
                stream,
                time,
                true,
                new Commit(stream, partial, target.path(), overwrite),
                state.length());
    }

    /**
     * Cuts a partial file back to its length at a checkpoint: the lines after it are those of rows
     * the restored job writes again.
     */
    static void cutBack(Path partial, long length) throws IOException {
        if (!Files.isRegularFile(partial)) {
            throw new IOException(
                    "cannot resume writing "
                            + partial
                            + ": the partial file of the interrupted run is gone");
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < length) {
                throw new IOException(
                        "cannot resume writing "
                                + partial
                                + ": it holds "
                                + size
                                + " bytes, fewer than the "
                                + length
                                + " it held at the checkpoint");
            }
            channel.truncate(length);
            channel.force(true);
        }
    }

    @Override
    public SimpleVersionedSerializer<PartialFileState> getWriterStateSerializer() {
        return PartialFileState.SERIALIZER;
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

    private static final class LineWriter implements StatefulSinkWriter<String, PartialFileState> {
        private final OutputStream out;
        private final ProcessingTimeService time;

        /**
         * Lines not yet written, passed on whole in one write: two outputs to stdout (one {@code
         * PrintStream}, whose writes are atomic) then never interleave inside a line, as a buffer
         * flushed when full would.
         */
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(BUFFER_BYTES);

        /** Whether closing closes the stream: not the process's stdout. */
        private final boolean ownsStream;

        /** How the file becomes its output when the input ends; null for stdout and devices. */
        private final Commit commit;

        /** The bytes in the file, written or buffered: its length once flushed. */
        private long length;

        private boolean unflushed;
        private boolean closed;

        LineWriter(
                OutputStream out,
                ProcessingTimeService time,
                boolean ownsStream,
                Commit commit,
                long length) {
            this.out = out;
            this.time = time;
            this.ownsStream = ownsStream;
            this.commit = commit;
            this.length = length;
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
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            pending.write(bytes);
            pending.write('\n');
            length += bytes.length + 1;
            unflushed = true;
            if (pending.size() >= BUFFER_BYTES) {
                writePending();
            }
        }

        private void writePending() throws IOException {
            if (pending.size() > 0) {
                pending.writeTo(out);
                pending.reset();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            writePending();
            out.flush();
            unflushed = false;
            if (endOfInput && commit != null && !closed) {
                closed = true;
                commit.run();
            }
        }

        /**
         * The partial file's path and length, synced to disk: what a restored writer goes on from.
         * Nothing for stdout and devices, and once the file is committed (the input ended; a job
         * checkpoints no more once its source has finished).
         */
        @Override
        public List<PartialFileState> snapshotState(long checkpointId) throws IOException {
            if (commit == null || closed) {
                return List.of();
            }
            writePending();
            out.flush();
            commit.stream().getFD().sync();
            return List.of(new PartialFileState(commit.partial().toString(), length));
        }

        /**
         * Flushes the lines written, also when the job is cancelled or fails: a partial file then
         * holds every whole line written.
         */
        @Override
        public void close() throws IOException {
            closed = true;
            writePending(); // after a commit: nothing pending
            if (ownsStream) {
                out.close(); // after a commit: already closed
            } else {
                out.flush();
            }
        }
    }
}
