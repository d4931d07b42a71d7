package dev.flinkkda.kda.module;

import dev.flinkkda.kda.sql.functions.KdaFunction;
import dev.flinkkda.kda.sql.functions.KdaFunctionTable;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.ModuleFactory;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOAD MODULE kda} in a streaming {@code TableEnvironment}: the factory is found by Java's
 * service loader, and the module's names are the function table's.
 */
class LoadModuleTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @Test
    void loadModuleKdaOffersTsdiff() throws Exception {
        TableEnvironment tables = ModuleSessions.withKdaModule();

        assertThat(tables.listModules()).containsExactly("core", "kda");
        // 1.5 s apart, in KDA's milliseconds
        assertThat(
                        ModuleSessions.row(
                                tables,
                                "SELECT TSDIFF(TIMESTAMP '2024-01-01 00:00:01.500',"
                                        + " TIMESTAMP '2024-01-01 00:00:00')"))
                .isEqualTo(Row.of(1500L));
    }

    @Test
    void factoryIsFoundByItsIdentifier() {
        ModuleFactory factory =
                FactoryUtil.discoverFactory(
                        getClass().getClassLoader(), ModuleFactory.class, "kda");
        assertThat(factory).isInstanceOf(KdaModuleFactory.class);
    }

    /** Every KDA name, its KDA_ twin and every name the translator's SQL calls; nothing else. */
    @Test
    void namesComeFromTheFunctionTable() {
        Set<String> expected = new TreeSet<>();
        for (KdaFunction entry : KdaFunctionTable.entries()) {
            entry.sqlClientFunction()
                    .ifPresent(
                            f -> {
                                expected.add(f.flinkName());
                                expected.add("KDA_" + f.flinkName());
                            });
        }
        KdaFunctionTable.implementations().forEach(i -> expected.add(i.flinkName()));

        assertThat(new TreeSet<>(KdaModule.create(new Configuration()).listFunctions()))
                .isEqualTo(expected)
                .contains(
                        "STEP",
                        "KDA_STEP",
                        "TSDIFF",
                        "UNIX_TIMESTAMP",
                        "KDA_UNIX_TIMESTAMP",
                        "TO_TIMESTAMP",
                        "CHAR_TO_TIMESTAMP",
                        "CHAR_TO_DATE",
                        "CHAR_TO_TIME",
                        "TIMESTAMP_TO_CHAR",
                        "TIME_TO_CHAR",
                        "DATE_TO_CHAR",
                        "INITCAP",
                        "KDA_SUBSTRING",
                        "REGEX_LOG_PARSE",
                        "FAST_REGEX_LOG_PARSE",
                        "FAST_REGEX_LOG_PARSER",
                        "VARIABLE_COLUMN_LOG_PARSE",
                        "FIXED_COLUMN_LOG_PARSE",
                        "W3C_LOG_PARSE",
                        "SYS_LOG_PARSE",
                        "REGEX_REPLACE",
                        "KDA_DATETIME_MINUS",
                        "KDA_TRY_CHAR_TO_TIME")
                .doesNotContain("ABS", "LOWER", "COUNT", "KDA_ABS", "RANDOM_CUT_FOREST");
    }

    /** The same class under both names and as the translator registers it. */
    @Test
    void oneImplementationPerFunction() {
        var functions = KdaModuleFunctions.all();
        assertThat(functions.get("UNIX_TIMESTAMP")).isSameAs(functions.get("KDA_UNIX_TIMESTAMP"));
        assertThat(functions.get("FAST_REGEX_LOG_PARSE"))
                .isSameAs(functions.get("FAST_REGEX_LOG_PARSER"));
        for (KdaFunction.Implementation i : KdaFunctionTable.implementations()) {
            assertThat(functions.get(i.flinkName())).as(i.flinkName()).isSameAs(i.function());
        }
    }

    @Test
    void functionNamesAreLookedUpInAnyCase() {
        KdaModule module = KdaModule.create(new Configuration());
        assertThat(module.getFunctionDefinition("tsdiff")).isPresent();
        assertThat(module.getFunctionDefinition("Step")).isPresent();
        assertThat(module.getFunctionDefinition("abs")).isEmpty();
    }
}
