package dev.flinkkda.e2e.harness;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The paths and flags the Maven build hands to the end-to-end tests as system properties (see the
 * failsafe configuration in the module's pom).
 */
public final class E2eSettings {

    private E2eSettings() {}

    /** The module directory: {@code package.json}, {@code node_modules}, {@code src/test/node}. */
    public static Path moduleDir() {
        return Path.of(required("e2e.module.dir"));
    }

    /** The jars of the Flink cluster's class path ({@code target/flink-lib}). */
    public static Path flinkLib() {
        return Path.of(required("e2e.flink.lib"));
    }

    /** The shaded job jar of this module ({@code target/flink-e2e-tests-*-job.jar}). */
    public static Path jobJar() {
        return Path.of(required("e2e.job.jar"));
    }

    /**
     * The flink-kda jar for a Flink cluster, {@code flink-kda-sql-compat}'s shaded jar ({@code
     * target/flink-kda/flink-kda-<version>.jar}).
     */
    public static Path flinkKdaJar() {
        return Path.of(required("e2e.flink-kda.jar"));
    }

    /**
     * The jars Flink's SQL client needs besides the cluster's class path ({@code
     * target/sql-client-lib}: flink-sql-client, flink-sql-gateway(-api), flink-python).
     */
    public static Path sqlClientLib() {
        return Path.of(required("e2e.sql-client.lib"));
    }

    /** The repository's {@code examples} directory: KDA applications with their inputs. */
    public static Path examplesDir() {
        return Path.of(required("e2e.examples.dir"));
    }

    /** Where the tests put configuration, logs and temporary files ({@code target/e2e}). */
    public static Path workDir() {
        return Path.of(required("e2e.work.dir"));
    }

    /** Flink's {@code --add-opens}/{@code --add-exports} flags for Java 17. */
    public static List<String> java17Opens() {
        return Arrays.asList(required("e2e.java17.opens").trim().split("\\s+"));
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "System property "
                            + key
                            + " is not set: run the end-to-end tests through Maven (mvn verify -pl"
                            + " flink-e2e-tests -am), which sets it");
        }
        return value;
    }
}
