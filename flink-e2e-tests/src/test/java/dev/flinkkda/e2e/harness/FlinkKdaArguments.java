package dev.flinkkda.e2e.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Arguments of the {@code flink-kda} command for the applications the tests run. */
public final class FlinkKdaArguments {

    /** The region of the Kinesalite streams (Kinesalite takes any). */
    public static final String REGION = "us-east-1";

    private FlinkKdaArguments() {}

    /**
     * {@code run APP --input kinesis:INPUT?…&start=TRIM_HORIZON --schema @SCHEMA more… --output
     * kinesis:OUTPUT?…}: an application reading one Kinesalite stream from its start and writing
     * its {@code DESTINATION_SQL_STREAM} to another.
     */
    public static List<String> runOnKinesalite(
            KinesaliteServer kinesalite,
            Path app,
            Path schema,
            String inputStream,
            String outputStream,
            String... more) {
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "run",
                                app.toString(),
                                "--input",
                                kinesisLocation(kinesalite, inputStream) + "&start=TRIM_HORIZON",
                                "--schema",
                                "@" + schema));
        arguments.addAll(List.of(more));
        arguments.addAll(List.of("--output", kinesisLocation(kinesalite, outputStream)));
        return arguments;
    }

    /**
     * {@code kinesis:STREAM?endpoint=…&region=…}: a Kinesalite stream as an {@code --input} or
     * {@code --output} location.
     */
    public static String kinesisLocation(KinesaliteServer kinesalite, String stream) {
        return "kinesis:" + stream + "?endpoint=" + kinesalite.endpoint() + "&region=" + REGION;
    }
}
