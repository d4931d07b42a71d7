package dev.flinkkda.kda.options;

import dev.flinkkda.kda.aws.AwsSettings;
import dev.flinkkda.kda.kinesis.CommandLineCredentials;
import dev.flinkkda.kda.kinesis.KinesisSettings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Where an application's input comes from or its output goes: a JSON-lines file, stdout (outputs
 * only), a Kinesis stream, or a Firehose delivery stream (outputs only).
 */
public sealed interface StreamLocation {

    /**
     * Parses {@code FILE}, {@code -} (stdout), {@code kinesis:NAME[?key=value&...]} ({@link
     * KinesisSettings#parse}) or {@code firehose:NAME[?key=value&...]} ({@link Firehose#parse}).
     *
     * @throws IllegalArgumentException if a Kinesis or Firehose location is malformed
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
        if (text.startsWith(Firehose.PREFIX)) {
            return Firehose.parse(text);
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

    /**
     * A Firehose delivery stream (outputs only), one JSON object per record, as KDA's {@code
     * KinesisFirehoseOutput} writes: {@code firehose:NAME[?endpoint=…&region=…&profile=…&aws.…]}
     * ({@link AwsSettings}; keys and secrets refused).
     *
     * @param deliveryStreamName the delivery stream's name
     */
    record Firehose(String deliveryStreamName, AwsSettings settings) implements StreamLocation {

        /** The prefix of a Firehose location. */
        public static final String PREFIX = "firehose:";

        public Firehose {
            Objects.requireNonNull(deliveryStreamName, "deliveryStreamName");
            Objects.requireNonNull(settings, "settings");
            if (deliveryStreamName.isEmpty()) {
                throw new IllegalArgumentException(
                        "firehose: needs a delivery stream name, e.g. firehose:ticker-archive");
            }
        }

        /**
         * Parses {@code firehose:NAME[?key=value&...]}.
         *
         * @throws IllegalArgumentException for no name, an unknown or refused setting; the message
         *     quotes the location with credential values masked
         */
        public static Firehose parse(String text) {
            String rest = text.substring(PREFIX.length());
            int query = rest.indexOf('?');
            String name = query < 0 ? rest : rest.substring(0, query);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "'"
                                + CommandLineCredentials.redact(text)
                                + "': firehose: needs a delivery stream name, e.g."
                                + " firehose:ticker-archive");
            }
            String settings = query < 0 ? "" : rest.substring(query + 1);
            return new Firehose(
                    name, AwsSettings.of(AwsSettings.queryPairs(settings), true, Set.of()));
        }

        @Override
        public String label() {
            return PREFIX + deliveryStreamName;
        }

        @Override
        public String toString() {
            return PREFIX + deliveryStreamName + settings.toQueryString();
        }
    }
}
