package dev.flinkkda.kda.sql.emit;

import java.util.ArrayList;
import java.util.List;

/**
 * A script's statements as the SQL client reads them: comment lines dropped, each statement up to
 * the {@code ;} that ends a line, an {@code EXECUTE STATEMENT SET BEGIN … END;} block as one.
 */
final class ScriptStatements {

    private ScriptStatements() {}

    static List<String> of(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inSet = false;
        for (String line : script.split("\n")) {
            if (line.startsWith("--") || (line.isBlank() && current.isEmpty())) {
                continue;
            }
            current.append(line).append('\n');
            if (line.equals("EXECUTE STATEMENT SET")) {
                inSet = true;
            }
            boolean ends = inSet ? line.equals("END;") : line.endsWith(";");
            if (ends) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
                inSet = false;
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("a statement without ';': " + current);
        }
        return statements;
    }

    /** The {@code INSERT}s of an {@code EXECUTE STATEMENT SET BEGIN … END} block. */
    static List<String> inserts(String statementSet) {
        List<String> inserts = new ArrayList<>();
        String body =
                statementSet.substring(
                        statementSet.indexOf("BEGIN") + "BEGIN".length(),
                        statementSet.lastIndexOf("END"));
        for (String insert : body.split(";\n")) {
            if (!insert.isBlank()) {
                inserts.add(insert.trim());
            }
        }
        return inserts;
    }
}
