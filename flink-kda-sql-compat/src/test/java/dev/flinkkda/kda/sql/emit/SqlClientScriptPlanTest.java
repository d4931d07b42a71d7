package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.options.OutputSpec;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.sql.analysis.StreamKind;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        String plan = planEveryStatement(ScriptCases.script(name));
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

    static List<String> plannerGoldens() {
        return List.of(
                "projection",
                "step",
                "floor-having",
                "stagger",
                "over",
                "union-chain",
                "join",
                "interval-window",
                // not "interval-values": Flink's planner rejects its MAX of an INTERVAL in a window
                // aggregate, in flink-kda validate (PlanCheck) as in a script
                "nested-log-parse",
                "order-by",
                "distinct",
                "union-all",
                "rcf",
                "row-errors");
    }

    /**
     * Every application of the planner's golden tests, from a Kinesis input to stdout (each of its
     * in-application streams): whatever the script holds plans, and what it leaves out is named in
     * its header.
     */
    @ParameterizedTest
    @MethodSource("plannerGoldens")
    void everyGoldenApplicationsScriptPlans(String name) throws IOException {
        ScriptSettings defaults = ScriptCases.settings("script-stagger");
        ScriptSettings probe =
                new ScriptSettings(defaults.inputs(), List.of(), List.of(), Optional.empty());
        List<OutputSpec> outputs = new ArrayList<>();
        ScriptCases.plan(name, probe, "golden/" + name + ".sql")
                .application()
                .streams()
                .values()
                .forEach(
                        s -> {
                            if (s.kind() == StreamKind.IN_APPLICATION) {
                                outputs.add(new OutputSpec(s.name(), new StreamLocation.Stdout()));
                            }
                        });
        ScriptSettings settings =
                new ScriptSettings(defaults.inputs(), outputs, List.of(), Optional.empty());
        String script =
                SqlClientScript.render(
                        ScriptCases.plan(name, settings, "golden/" + name + ".sql"), settings);
        if (Boolean.getBoolean("golden.update")) {
            Path out = Path.of("target", "golden", name + ".probe.script.sql");
            Files.createDirectories(out.getParent());
            Files.writeString(out, script);
        }
        planEveryStatement(script);
        for (OutputSpec output : outputs) {
            String insert = "INSERT INTO `" + output.streamName() + "__OUTPUT`";
            String omitted = "output " + output.label() + ": its stream is not in this script";
            assertThat(script.contains(insert) || script.contains(omitted))
                    .as("%s is written or named as left out:\n%s", output.streamName(), script)
                    .isTrue();
        }
    }

    /**
     * Runs a script's statements through the planner; the statement set's plan, or null if the
     * script has none.
     */
    private static String planEveryStatement(String script) {
        StreamTableEnvironment tables =
                StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        String plan = null;
        int created = 0;
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
                created++;
            }
        }
        assertThat(created).as("statements that create tables, views and functions").isPositive();
        return plan;
    }
}
