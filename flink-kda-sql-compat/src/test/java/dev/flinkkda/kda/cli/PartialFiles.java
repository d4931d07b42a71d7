package dev.flinkkda.kda.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The partial file {@code .NAME.JOBID.partial} a run writes a file output {@code NAME} to. */
final class PartialFiles {

    private PartialFiles() {}

    /** The partial file of output {@code name} in {@code dir}, if there is one. */
    static Optional<Path> of(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            f -> {
                                String file = f.getFileName().toString();
                                return file.startsWith("." + name + ".")
                                        && file.endsWith(".partial");
                            })
                    .findFirst();
        }
    }
}
