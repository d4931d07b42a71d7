package dev.flinkkda.kda.sql.emit;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a script's statements as the SQL client would, in a local environment of parallelism 1
 * ({@code ADD JAR} skipped: the jar's classes are the test class path), and waits for its statement
 * set's job to end: for scripts over bounded file inputs.
 */
final class LocalScriptRun {

    private static final Pattern SET = Pattern.compile("SET '([^']+)' = '([^']*)'");

    private LocalScriptRun() {}

    static void run(String script) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        for (String statement : ScriptStatements.of(script)) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                tables.getConfig().getConfiguration().setString(set.group(1), set.group(2));
            } else if (statement.startsWith("ADD JAR ")) {
                continue;
            } else if (statement.startsWith("EXECUTE STATEMENT SET")) {
                StatementSet inserts = tables.createStatementSet();
                ScriptStatements.inserts(statement).forEach(inserts::addInsertSql);
                inserts.execute().await();
            } else {
                tables.executeSql(statement);
            }
        }
    }

    /** The lines of the committed part files a filesystem sink wrote under {@code directory}. */
    static List<String> partFileLines(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .flatMap(LocalScriptRun::lines)
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
