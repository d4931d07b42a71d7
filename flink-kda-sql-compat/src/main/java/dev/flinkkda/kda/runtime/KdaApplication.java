package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.io.KdaColumn;
import dev.flinkkda.kda.io.KdaNames;
import dev.flinkkda.kda.io.KdaSchema;
import dev.flinkkda.kda.sql.analysis.Analyzer;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.Planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A KDA application read from its file and translated: parse, analyse against the input streams'
 * schemas, plan. The first error of any stage is thrown with its {@code file:line:column}.
 */
public final class KdaApplication {

    private KdaApplication() {}

    /**
     * @param inputs the input streams' schemas by stream name
     * @throws IOException if the file cannot be read
     * @throws dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException for a syntax error
     * @throws dev.flinkkda.kda.sql.analysis.KdaSemanticException for anything else that cannot run
     */
    public static ApplicationPlan translate(Path file, Map<String, KdaSchema> inputs)
            throws IOException {
        String sql = Files.readString(file);
        KdaScript script = KdaSqlParser.parse(sql, file.getFileName().toString());
        List<StreamDefinition> streams = new ArrayList<>();
        inputs.forEach((name, schema) -> streams.add(inputStream(name, schema)));
        return Planner.plan(Analyzer.analyze(script, streams, List.of()));
    }

    /** An input stream as the analyser sees it. */
    public static StreamDefinition inputStream(String name, KdaSchema schema) {
        List<StreamColumn> columns = new ArrayList<>();
        for (KdaColumn column : schema.columns()) {
            // the column's KDA type, read back as the parser reads a CREATE STREAM column
            ColumnDefinition definition =
                    KdaSqlParser.parse(
                                    "CREATE STREAM s ("
                                            + KdaNames.toSql(column.name())
                                            + " "
                                            + column.kdaType()
                                            + ");",
                                    "schema of " + name)
                            .streams()
                            .get(0)
                            .columns()
                            .get(0);
            columns.add(new StreamColumn(column.name(), definition.type()));
        }
        return StreamDefinition.input(name, columns);
    }
}
