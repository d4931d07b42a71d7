package dev.flinkkda.kda.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A completed checkpoint of a job: Flink's {@code chk-N} directory holding {@code _metadata}. Flink
 * writes {@code _metadata} under a temporary name and renames it when the checkpoint completes, so
 * a {@code chk-N} without it (the job was killed while checkpointing) is not one.
 *
 * @param id the checkpoint's id, N
 * @param directory its {@code chk-N} directory, the path to restore from
 */
public record LatestCheckpoint(long id, Path directory) {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-([0-9]+)");

    /** The completed checkpoint with the greatest id in {@code jobDirectory}, if any. */
    public static Optional<LatestCheckpoint> in(Path jobDirectory) throws IOException {
        if (!Files.isDirectory(jobDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(jobDirectory)) {
            return entries.flatMap(
                            entry -> {
                                Matcher name = CHECKPOINT.matcher(entry.getFileName().toString());
                                return name.matches()
                                                && Files.isRegularFile(entry.resolve("_metadata"))
                                        ? Stream.of(
                                                new LatestCheckpoint(
                                                        Long.parseLong(name.group(1)), entry))
                                        : Stream.empty();
                            })
                    .max(Comparator.comparingLong(LatestCheckpoint::id));
        }
    }
}
