package dev.flinkkda.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** UTF-8 text files the tests read: examples, expected rows, outputs, logs. */
public final class TextFiles {

    private TextFiles() {}

    /** The file's text. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file's lines that are not blank: the records of a JSON-lines file. */
    public static List<String> lines(Path file) {
        return read(file).lines().filter(line -> !line.isBlank()).toList();
    }
}
