package dev.flinkkda.kda.io;

import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.testing.FakeFirehose;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FirehoseSinks#tableOptions}: the options of Flink SQL's {@code firehose} connector for a
 * {@code firehose:} location, checked against the real table factory and sink, writing to a
 * Firehose endpoint faked at the protocol level.
 */
class FirehoseTableOptionsTest {

    @Test
    void optionsOfALocalEndpointAndOfAProfile() {
        assertThat(
                        FirehoseSinks.tableOptions(
                                StreamLocation.Firehose.parse(
                                        "firehose:archive?endpoint=http://127.0.0.1:4573&region=eu-west-1")))
                .containsExactly(
                        Map.entry("connector", "firehose"),
                        Map.entry("delivery-stream", "archive"),
                        Map.entry("aws.credentials.provider", "BASIC"),
                        Map.entry("aws.credentials.basic.accesskeyid", "local-emulator"),
                        Map.entry("aws.credentials.basic.secretkey", "local-emulator"),
                        Map.entry("aws.endpoint", "http://127.0.0.1:4573"),
                        Map.entry("aws.region", "eu-west-1"),
                        Map.entry("sink.http-client.protocol.version", "HTTP1_1"),
                        Map.entry("sink.fail-on-error", "false"));
        assertThat(
                        FirehoseSinks.tableOptions(
                                StreamLocation.Firehose.parse(
                                        "firehose:archive?region=eu-west-1&profile=analytics")))
                .containsExactly(
                        Map.entry("connector", "firehose"),
                        Map.entry("delivery-stream", "archive"),
                        Map.entry("aws.credentials.provider", "PROFILE"),
                        Map.entry("aws.credentials.profile.name", "analytics"),
                        Map.entry("aws.region", "eu-west-1"),
                        Map.entry("sink.http-client.protocol.version", "HTTP1_1"),
                        Map.entry("sink.fail-on-error", "false"));
    }

    /**
     * A {@code CREATE TABLE} with these options and {@code 'format' = 'raw'}: each row a record.
     */
    @Test
    void theSqlConnectorWritesWithTheseOptions() throws Exception {
        try (FakeFirehose firehose = FakeFirehose.start("archive")) {
            Map<String, String> options =
                    FirehoseSinks.tableOptions(
                            StreamLocation.Firehose.parse(
                                    "firehose:archive?endpoint=" + firehose.endpoint()));
            String with =
                    options.entrySet().stream()
                            .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                            .collect(Collectors.joining(", "));
            TableEnvironment tableEnv =
                    TableEnvironment.create(EnvironmentSettings.inStreamingMode());
            tableEnv.executeSql(
                    "CREATE TABLE archive (line STRING) WITH (" + with + ", 'format' = 'raw')");
            tableEnv.executeSql("INSERT INTO archive VALUES ('{\"a\":1}'), ('{\"a\":2}')").await();
            assertThat(firehose.records("archive")).containsExactly("{\"a\":1}", "{\"a\":2}");
        }
    }
}
