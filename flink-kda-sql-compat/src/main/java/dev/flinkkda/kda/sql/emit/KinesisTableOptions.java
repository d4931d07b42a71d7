package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.kinesis.KinesisSettings;
import dev.flinkkda.kda.options.StreamLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a {@code 'connector' = 'kinesis'} table (flink-connector-kinesis 4.3.0-1.19) for a
 * {@code kinesis:NAME?…} location, and the notes a script gives with them.
 *
 * <p>No credential is ever written: a {@code profile=NAME} becomes the connector's {@code PROFILE}
 * provider with that name, a provider the location names is kept, and anything else is {@code
 * AUTO}, the AWS default chain (environment, system properties, profile files, a role). An emulator
 * on this machine therefore needs keys in the TaskManagers' environment (any will do), where {@code
 * flink-kda run} gives it dummy ones itself.
 *
 * @param options the table's options, in the order written
 * @param notes what the script should say about them
 */
record KinesisTableOptions(Map<String, String> options, List<String> notes) {

    /** The option that chooses where the connector takes its credentials from. */
    static final String CREDENTIALS_PROVIDER = "aws.credentials.provider";

    /** The sink option Kinesalite and other HTTP/1.1 endpoints need. */
    static final String SINK_PROTOCOL = "sink.http-client.protocol.version";

    /** The options of a Kinesis source ({@code input}) or sink reaching {@code location}. */
    static KinesisTableOptions of(StreamLocation.Kinesis location, boolean input) {
        KinesisSettings settings = location.settings();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        options.put("connector", "kinesis");
        options.put("stream", location.streamName());
        options.put("aws.region", settings.region());
        settings.endpoint().ifPresent(e -> options.put("aws.endpoint", e));
        if (settings.profile().isPresent()) {
            options.put(CREDENTIALS_PROVIDER, "PROFILE");
            options.put("aws.credentials.profile.name", settings.profile().get());
        } else if (!settings.connectorProperties().containsKey(CREDENTIALS_PROVIDER)) {
            options.put(CREDENTIALS_PROVIDER, "AUTO");
        }
        if (input) {
            options.put("scan.stream.initpos", settings.start());
        }
        settings.connectorProperties().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        p -> {
                            if (p.getKey().startsWith("aws.")) {
                                options.put(p.getKey(), p.getValue());
                            } else if (input) {
                                // the SQL connector's name of the consumer's flink.… setting
                                options.put(
                                        "scan." + p.getKey().substring("flink.".length()),
                                        p.getValue());
                            } else {
                                notes.add(
                                        "'"
                                                + p.getKey()
                                                + "' is a setting of flink-kda's Kinesis source"
                                                + " only; the sink has none such");
                            }
                        });
        if (!input) {
            settings.partitionKey()
                    .ifPresentOrElse(
                            k ->
                                    notes.add(
                                            "partition key: the column "
                                                    + k
                                                    + " (PARTITIONED BY), as partitionKey="
                                                    + k),
                            () ->
                                    notes.add(
                                            "partition key: random (the connector's default);"
                                                    + " flink-kda run uses a hash of the row"));
            if (settings.isLocalEndpoint()) {
                options.put(SINK_PROTOCOL, "HTTP1_1");
                notes.add(
                        "an emulator on this machine: HTTP/1.1, and the TaskManagers need"
                                + " -Daws.cborEnabled=false (else the sink writes nothing)");
            } else {
                notes.add(
                        "AWS's endpoint takes the default protocol (HTTP/2); an endpoint that"
                                + " speaks HTTP/1.1 only needs '"
                                + SINK_PROTOCOL
                                + "' = 'HTTP1_1'");
            }
        }
        return new KinesisTableOptions(options, notes);
    }
}
