package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eSettings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flink-kda jar as a Flink SQL user adds it ({@code sql-client.sh -j}, {@code ADD JAR}, or a
 * cluster's {@code lib/}): the one jar for all three, checked against the cluster's class path
 * ({@code target/flink-lib}, a distribution's {@code lib/}) and the SQL client's jars.
 *
 * <p>Shading merges the service files: {@code LOAD MODULE kda} finds the module's factory next to
 * the connectors'. The jar brings none of Flink itself — of {@code org.apache.flink} only the
 * Kinesis and Firehose connectors, which no Flink {@code lib/} has — and every class it shares with
 * Flink's jars is byte for byte the same (commons-io and commons-lang3, the versions Flink 1.20.3
 * ships), so whichever class loader finds a class first gets the same one.
 */
class FlinkKdaJarITCase {

    private static final String FACTORIES =
            "META-INF/services/org.apache.flink.table.factories.Factory";

    /** The packages of {@code org.apache.flink} the jar may carry: connectors Flink lacks. */
    private static final List<String> FLINK_PACKAGES_ALLOWED =
            List.of(
                    "org/apache/flink/connector/kinesis/",
                    "org/apache/flink/connector/firehose/",
                    "org/apache/flink/connector/aws/",
                    "org/apache/flink/streaming/connectors/kinesis/",
                    "org/apache/flink/kinesis/shaded/");

    @Test
    void theModulesFactorySurvivesShading() throws IOException {
        try (ZipFile jar = new ZipFile(E2eSettings.flinkKdaJar().toFile())) {
            ZipEntry services = jar.getEntry(FACTORIES);
            assertThat(services).as(FACTORIES).isNotNull();
            List<String> factories =
                    new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .map(String::trim)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .toList();
            assertThat(factories)
                    .contains(
                            "dev.flinkkda.kda.module.KdaModuleFactory",
                            "dev.flinkkda.kda.reference.ReferenceFileTableFactory",
                            "org.apache.flink.streaming.connectors.kinesis.table"
                                    + ".KinesisDynamicTableFactory",
                            "org.apache.flink.connector.firehose.table"
                                    + ".KinesisFirehoseDynamicTableFactory");
            for (String factory : factories) {
                assertThat(jar.getEntry(factory.replace('.', '/') + ".class"))
                        .as("the class of the listed factory %s", factory)
                        .isNotNull();
            }
        }
    }

    @Test
    void noFlinkClassesAndOnlyIdenticalCopiesOfFlinksLibraries() throws IOException {
        Map<String, Path> shared = new TreeMap<>();
        List<String> differing = new ArrayList<>();
        try (ZipFile jar = new ZipFile(E2eSettings.flinkKdaJar().toFile())) {
            List<String> flinkClasses =
                    jar.stream()
                            .map(ZipEntry::getName)
                            .filter(n -> n.startsWith("org/apache/flink/"))
                            .filter(n -> n.endsWith(".class"))
                            .filter(n -> FLINK_PACKAGES_ALLOWED.stream().noneMatch(n::startsWith))
                            .toList();
            assertThat(flinkClasses).as("Flink's own classes in the flink-kda jar").isEmpty();

            for (Path lib : jarsOf(E2eSettings.flinkLib(), E2eSettings.sqlClientLib())) {
                try (ZipFile other = new ZipFile(lib.toFile())) {
                    for (ZipEntry entry : other.stream().toList()) {
                        String name = entry.getName();
                        // META-INF/versions/… counts only in Multi-Release jars; compared: classes
                        if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                            continue;
                        }
                        ZipEntry ours = jar.getEntry(name);
                        if (ours != null) {
                            shared.putIfAbsent(lib.getFileName().toString(), lib);
                            if (!Arrays.equals(
                                    jar.getInputStream(ours).readAllBytes(),
                                    other.getInputStream(entry).readAllBytes())) {
                                differing.add(name + " (" + lib.getFileName() + ")");
                            }
                        }
                    }
                }
            }
        }
        assertThat(differing).as("classes the jar shares with Flink's, but not the same").isEmpty();
        // the two libraries the Kinesis connector and Flink both depend on, at Flink's versions
        assertThat(shared.keySet())
                .containsExactlyInAnyOrder("commons-io-2.15.1.jar", "commons-lang3-3.12.0.jar");
    }

    private static List<Path> jarsOf(Path... dirs) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return jars;
    }
}
