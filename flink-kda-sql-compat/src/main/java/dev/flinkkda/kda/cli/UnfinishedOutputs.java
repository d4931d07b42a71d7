package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.json.JsonLinesSink;
import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.RealFile;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaNames;

import org.apache.flink.api.common.JobID;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The file outputs of a job that did not end well: their rows are in partial files ({@link
 * JsonLinesSink#partialFile}), which the user is told of, with how many whole rows each holds.
 */
final class UnfinishedOutputs {

    private UnfinishedOutputs() {}

    /**
     * Prints, for each file output of the job left as a partial file on this machine, where its
     * rows are; prints nothing for outputs written whole (their stream had ended).
     */
    static void report(List<OutputSpec> outputs, JobID job, PrintStream err) {
        for (OutputSpec output : outputs) {
            if (!(output.location() instanceof StreamLocation.File file)) {
                continue;
            }
            try {
                Path partial = JsonLinesSink.partialFile(RealFile.of(file.path()), job);
                if (Files.exists(partial)) {
                    err.println(
                            "flink-kda: "
                                    + KdaNames.toSql(output.streamName())
                                    + ": "
                                    + file.path()
                                    + " is not created or replaced; the "
                                    + wholeLines(partial)
                                    + " rows written before the end are in "
                                    + partial);
                }
            } catch (IOException e) {
                err.println(
                        "flink-kda: "
                                + KdaNames.toSql(output.streamName())
                                + ": "
                                + file.path()
                                + " is not created or replaced; its partial file cannot be read: "
                                + e);
            }
        }
    }

    /** The lines that end with a line break: the rows written whole. */
    static long wholeLines(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }
}
