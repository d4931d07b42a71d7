package dev.flinkkda.kda.module;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Use from the SQL client": its table names exactly the module's functions (a KDA
 * name stands for itself and its {@code KDA_} twin, a {@code KDA_} name for itself), and its
 * commands run.
 */
class SqlClientFunctionsReadmeTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = ModuleSessions.miniCluster();

    private static final Path README = Path.of("README.md");
    private static final Pattern SET = Pattern.compile("SET '([^']+)' = '([^']*)'");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    @Test
    void tableNamesTheModulesFunctions() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String row : section().lines().filter(l -> l.startsWith("| ")).toList()) {
            String firstCell = row.split("\\|")[1];
            Matcher names = NAME.matcher(firstCell);
            while (names.find()) {
                String name = names.group(1);
                documented.add(name);
                if (!name.startsWith(KdaModuleFunctions.PREFIX)) {
                    documented.add(KdaModuleFunctions.PREFIX + name);
                }
            }
        }
        documented.remove("KDA_NAME");

        assertThat(documented)
                .isEqualTo(new TreeSet<>(KdaModule.create(new Configuration()).listFunctions()));
    }

    @Test
    void commandsRun() throws Exception {
        TableEnvironment tables = ModuleSessions.withoutKdaModule();
        tables.getConfig().setLocalTimeZone(java.time.ZoneId.of("Asia/Tokyo"));
        tables.createTemporaryView(
                "logs",
                tables.fromValues(
                        DataTypes.ROW(
                                DataTypes.FIELD("ts", DataTypes.TIMESTAMP(3)),
                                DataTypes.FIELD("txt", DataTypes.STRING()),
                                DataTypes.FIELD("line", DataTypes.STRING())),
                        Row.of(
                                LocalDateTime.of(2024, 1, 1, 0, 0, 17, 250_000_000),
                                "2009-09-16 03:15:24",
                                "alpha 12")));
        List<String> statements = statements();
        assertThat(statements).hasSize(5);
        for (String statement : statements.subList(0, statements.size() - 1)) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                // the SQL client's statement; a TableEnvironment sets its configuration
                tables.getConfig().getConfiguration().setString(set.group(1), set.group(2));
            } else {
                tables.executeSql(statement);
            }
        }
        assertThat(tables.listModules()).containsExactly("kda", "core");
        assertThat(tables.getConfig().getLocalTimeZone()).isEqualTo(java.time.ZoneId.of("UTC"));

        assertThat(ModuleSessions.rows(tables, statements.get(statements.size() - 1)))
                .containsExactly(
                        Row.of(
                                LocalDateTime.of(2024, 1, 1, 0, 0, 10),
                                17_250L,
                                1704067217250L,
                                LocalDateTime.of(2009, 9, 16, 3, 15, 24),
                                "alpha"));
    }

    private static String section() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Use from the SQL client\n");
        assertThat(start).as("the README's section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end);
    }

    /** The statements of the section's SQL block, comments dropped. */
    private static List<String> statements() throws IOException {
        String section = section();
        int start = section.indexOf("```sql\n") + "```sql\n".length();
        String block = section.substring(start, section.indexOf("```", start));
        StringBuilder code = new StringBuilder();
        block.lines().forEach(l -> code.append(l.replaceAll("--.*$", "")).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
