package dev.flinkkda.kda.sql.emit;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement of each golden script, as the SQL client would run it, through Flink's own parser
 * and planner in a {@link StreamTableEnvironment} (the connectors and formats on the test class
 * path, so {@code ADD JAR} is skipped): the tables and views are created and the statement set is
 * planned down to Flink's execution plan, without running. A script that does not parse or validate
 * fails here.
 */
class SqlClientScriptPlanTest {

    private static final Pattern SET = Pattern.compile("SET '([^']+)' = '([^']*)'");

    static List<String> cases() {
        return ScriptCases.NAMES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyStatementPlans(String name) throws IOException {
        String script = ScriptCases.script(name);
        StreamTableEnvironment tables =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        List<String> created = new ArrayList<>();
        String plan = null;
        for (String statement : ScriptStatements.of(script)) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                tables.getConfig().getConfiguration().setString(set.group(1), set.group(2));
            } else if (statement.startsWith("ADD JAR ")) {
                continue;
            } else if (statement.startsWith("EXECUTE STATEMENT SET")) {
                StatementSet inserts = tables.createStatementSet();
                ScriptStatements.inserts(statement).forEach(inserts::addInsertSql);
                plan = inserts.explain();
            } else {
                tables.executeSql(statement);
                created.add(
                        statement.substring(
                                0,
                                statement.indexOf('\n') < 0
                                        ? statement.length()
                                        : statement.indexOf('\n')));
            }
        }
        assertThat(created).isNotEmpty();
        if (!name.equals("script-stagger")) {
            assertThat(plan).as("the statement set's plan").isNotNull();
        } else {
            assertThat(plan).as("no pump of the stagger application is in the script").isNull();
        }
        if (name.equals("script-step")) {
            // the STEP window is Flink's window aggregate on the input's ROWTIME, an event time
            assertThat(plan).contains("WindowAggregate").contains("TUMBLE");
        }
    }
}
