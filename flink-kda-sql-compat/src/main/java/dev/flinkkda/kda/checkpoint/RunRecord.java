package dev.flinkkda.kda.checkpoint;

import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.RunOptions;
import dev.flinkkda.kda.options.StreamLocation;

import org.apache.flink.api.common.JobID;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What a checkpointed run leaves next to its checkpoints for {@code --resume}: the job's id (the
 * resumed job keeps it, and with it its partial files' names and checkpoint directory), the working
 * directory and arguments of {@code run}, and what its files were (the application's SHA-256, the
 * inputs' sizes): a checkpoint restored into another application or over other input would give
 * wrong rows, not an error.
 *
 * @param jobId the job's id
 * @param workingDirectory the directory the run's relative paths are relative to
 * @param arguments the arguments of {@code run} without the checkpoint options
 * @param files what the files read were, by what they are ({@code application /abs/app.sql})
 * @param finished whether the run ended well: its outputs are complete, nothing to resume
 */
public record RunRecord(
        JobID jobId,
        Path workingDirectory,
        List<String> arguments,
        Map<String, String> files,
        boolean finished) {

    /** The record's file in a checkpoint directory. */
    static final String FILE_NAME = "flink-kda-run.properties";

    public RunRecord {
        Objects.requireNonNull(jobId, "jobId");
        arguments = List.copyOf(arguments);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The record of a new run, under a new job id. */
    static RunRecord of(RunOptions options, List<String> arguments) throws IOException {
        return new RunRecord(
                new JobID(), currentWorkingDirectory(), arguments, filesOf(options), false);
    }

    /** The directory this JVM resolves relative paths against. */
    static Path currentWorkingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /** The application's SHA-256 and the size of each input file. */
    static Map<String, String> filesOf(RunOptions options) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "application " + options.application().toAbsolutePath(),
                "SHA-256 " + sha256(options.application()));
        for (InputSpec input : options.inputs()) {
            if (input.location() instanceof StreamLocation.File file) {
                files.put(
                        "input " + file.path().toAbsolutePath(),
                        Files.size(file.path()) + " bytes");
            }
        }
        return files;
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** This record with {@code finished} set. */
    RunRecord asFinished() {
        return new RunRecord(jobId, workingDirectory, arguments, files, true);
    }

    /**
     * How a run with {@code other}'s working directory, arguments and files differs from this one:
     * one sentence per difference, none when it may resume this one.
     */
    List<String> differencesFrom(RunRecord other) {
        List<String> differences = new ArrayList<>();
        if (!workingDirectory.equals(other.workingDirectory)) {
            differences.add(
                    "it ran in "
                            + workingDirectory
                            + ", this one in "
                            + other.workingDirectory
                            + " (its relative paths are relative to "
                            + workingDirectory
                            + ")");
        }
        if (!arguments.equals(other.arguments)) {
            differences.add("its arguments were " + arguments + ", these are " + other.arguments);
        }
        files.forEach(
                (file, was) -> {
                    String now = other.files.get(file);
                    if (now != null && !now.equals(was)) {
                        differences.add(file + " changed: " + was + " then, " + now + " now");
                    }
                });
        return differences;
    }

    /** Reads the record of {@code directory}. */
    static RunRecord read(Path directory) throws IOException {
        Properties properties = new Properties();
        try (Reader in =
                Files.newBufferedReader(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        List<String> arguments = new ArrayList<>();
        int count = Integer.parseInt(required(properties, "arguments"));
        for (int i = 0; i < count; i++) {
            arguments.add(required(properties, "argument." + i));
        }
        Map<String, String> files = new LinkedHashMap<>();
        int fileCount = Integer.parseInt(required(properties, "files"));
        for (int i = 0; i < fileCount; i++) {
            files.put(
                    required(properties, "file." + i + ".name"),
                    required(properties, "file." + i + ".was"));
        }
        return new RunRecord(
                JobID.fromHexString(required(properties, "job-id")),
                Path.of(required(properties, "working-directory")),
                arguments,
                files,
                Boolean.parseBoolean(properties.getProperty("finished", "false")));
    }

    private static String required(Properties properties, String key) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException(FILE_NAME + " has no " + key);
        }
        return value;
    }

    /** Writes the record into {@code directory}, replacing the one there in one step. */
    void write(Path directory) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("job-id", jobId.toHexString());
        properties.setProperty("working-directory", workingDirectory.toString());
        properties.setProperty("arguments", Integer.toString(arguments.size()));
        for (int i = 0; i < arguments.size(); i++) {
            properties.setProperty("argument." + i, arguments.get(i));
        }
        properties.setProperty("files", Integer.toString(files.size()));
        int i = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            properties.setProperty("file." + i + ".name", file.getKey());
            properties.setProperty("file." + i + ".was", file.getValue());
            i++;
        }
        properties.setProperty("finished", Boolean.toString(finished));
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            properties.store(out, "flink-kda run: what --resume needs");
        }
        Files.move(
                temporary,
                directory.resolve(FILE_NAME),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
