package dev.flinkkda.e2e;

import dev.flinkkda.e2e.harness.E2eEnvironment;
import dev.flinkkda.e2e.harness.E2eSettings;
import dev.flinkkda.e2e.harness.StandaloneFlinkCluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The flink-kda jar in Flink's {@code lib/}: on the class path of the JobManager, the TaskManager
 * and the SQL client (as {@code sql-client.sh} puts {@code lib/*} on its own), with neither {@code
 * -j} nor {@code ADD JAR}. {@code LOAD MODULE kda} finds the module through the application class
 * loader, and the functions run on the TaskManager from {@code lib/} ({@link KdaModuleScript}).
 *
 * <p>Logs: {@code target/e2e/SqlClientLibITCase/}.
 */
class SqlClientLibITCase {

    private static E2eEnvironment env;

    @BeforeAll
    static void startKinesaliteAndFlinkWithTheJarInLib() {
        env =
                E2eEnvironment.start(
                        SqlClientLibITCase.class,
                        1,
                        StandaloneFlinkCluster.DEFAULT_SLOTS,
                        SqlClientScriptITCase.EMULATOR_KEYS,
                        List.of(E2eSettings.flinkKdaJar()));
    }

    @AfterAll
    static void stopKinesaliteAndFlink() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void kdaFunctionsByTheirKdaNamesWithTheJarInLib() throws Exception {
        KdaModuleScript.run(env, List.of(), "kda-module-lib");
    }

    /**
     * The jar in {@code lib/} and added to the session as well ({@code -j}, as a translated
     * script's {@code ADD JAR} does): two copies of the module's factory on the class path make
     * neither {@code LOAD MODULE kda} ambiguous nor the functions' classes clash.
     */
    @Test
    void theJarInLibAndAddedToTheSessionToo() throws Exception {
        KdaModuleScript.run(
                env, List.of("-j", E2eSettings.flinkKdaJar().toString()), "kda-module-lib-and-j");
    }
}
