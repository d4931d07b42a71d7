package dev.flinkkda.kda.options;

import dev.flinkkda.kda.kinesis.CommandLineCredentials;
import dev.flinkkda.kda.kinesis.KinesisSettings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an application's input comes from or its output goes: a JSON-lines file, stdout (outputs
 * only) or a Kinesis stream.
 */
public sealed interface StreamLocation {

    /**
     * Parses {@code FILE}, {@code -} (stdout) or {@code kinesis:NAME[?key=value&...]} ({@link
     * KinesisSettings#parse}).
     *
     * @throws IllegalArgumentException if a Kinesis location is malformed
     */
    static StreamLocation parse(String text) {
        if (text.equals("-")) {
            return new Stdout();
        }
        if (text.startsWith(Kinesis.PREFIX)) {
            String rest = text.substring(Kinesis.PREFIX.length());
            int query = rest.indexOf('?');
            String name = query < 0 ? rest : rest.substring(0, query);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "'"
                                + CommandLineCredentials.redact(text)
                                + "': kinesis: needs a stream name, e.g. kinesis:ticker-trades");
            }
            return new Kinesis(
                    name, KinesisSettings.parse(query < 0 ? "" : rest.substring(query + 1)));
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty file name");
        }
        return new File(Path.of(text));
    }

    /**
     * A short name of this location for names Flink shows (accumulators, operators): the file,
     * {@code -}, or {@code kinesis:NAME} without the settings.
     */
    String label();

    /** A JSON-lines file: one JSON object per line. */
    record File(Path path) implements StreamLocation {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String label() {
            return path.toString();
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** The standard output, one JSON object per line. */
    record Stdout() implements StreamLocation {
        @Override
        public String label() {
            return "-";
        }

        @Override
        public String toString() {
            return "-";
        }
    }

    /** A Kinesis data stream, one JSON object per record. */
    record Kinesis(String streamName, KinesisSettings settings) implements StreamLocation {

        /** The prefix of a Kinesis location. */
        public static final String PREFIX = "kinesis:";

        public Kinesis {
            Objects.requireNonNull(streamName, "streamName");
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public String label() {
            return PREFIX + streamName;
        }

        @Override
        public String toString() {
            return PREFIX + streamName + settings.toQueryString();
        }
    }
}
