package dev.flinkkda.kda.module;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code LOAD MODULE kda} in a streaming {@link TableEnvironment}, found by its factory. */
class LoadModuleTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    /** A streaming TableEnvironment in UTC, as the translator's scripts set it. */
    static TableEnvironment streaming() {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        return tables;
    }

    static List<Row> rows(TableEnvironment tables, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tables.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void loadModuleKdaOffersTsdiff() throws Exception {
        TableEnvironment tables = streaming();
        tables.executeSql("LOAD MODULE kda");

        assertThat(tables.listModules()).containsExactly("core", "kda");
        // 1.5 s apart, in KDA's milliseconds
        assertThat(
                        rows(
                                tables,
                                "SELECT TSDIFF(TIMESTAMP '2024-01-01 00:00:01.500',"
                                        + " TIMESTAMP '2024-01-01 00:00:00')"))
                .containsExactly(Row.of(1500L));
    }
}
