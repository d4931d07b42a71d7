package dev.flinkkda.kda.module;

import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Streaming table environments for the module's tests, and their queries' rows. */
final class ModuleSessions {

    private ModuleSessions() {}

    /**
     * A streaming environment in UTC (as the translator's scripts set it), parallelism 1, with
     * {@code LOAD MODULE kda} run, and {@code USE MODULES order} if an order is given.
     */
    static TableEnvironment withKdaModule(String... useModules) {
        TableEnvironment tables = withoutKdaModule();
        tables.executeSql("LOAD MODULE kda");
        if (useModules.length > 0) {
            tables.executeSql("USE MODULES " + String.join(", ", useModules));
        }
        return tables;
    }

    /** A streaming environment in UTC, parallelism 1, with Flink's core module only. */
    static TableEnvironment withoutKdaModule() {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        tables.getConfig().set(CoreOptions.DEFAULT_PARALLELISM, 1);
        return tables;
    }

    /** The rows of a bounded query. */
    static List<Row> rows(TableEnvironment tables, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tables.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** The single row of a query of constants. */
    static Row row(TableEnvironment tables, String query) throws Exception {
        List<Row> rows = rows(tables, query);
        if (rows.size() != 1) {
            throw new AssertionError("one row expected from " + query + ", got " + rows);
        }
        return rows.get(0);
    }

    /** The innermost cause: the message the SQL client shows after "Reason:". */
    static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
