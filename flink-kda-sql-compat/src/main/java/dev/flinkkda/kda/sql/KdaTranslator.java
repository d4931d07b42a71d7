package dev.flinkkda.kda.sql;

import dev.flinkkda.kda.schema.KdaColumn;
import dev.flinkkda.kda.schema.KdaNames;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.analysis.Analyzer;
import dev.flinkkda.kda.sql.analysis.KdaSemanticException;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.CreatePump;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.ast.Statement;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;
import dev.flinkkda.kda.sql.parser.Utf8Text;
import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.Planner;
import dev.flinkkda.kda.sql.plan.StatementReport;
import dev.flinkkda.kda.sql.plan.Translation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A KDA application read from its file and translated: parse, analyse against the input streams'
 * schemas, plan. The first error of any stage is thrown with its {@code file:line:column}.
 */
public final class KdaTranslator {

    private KdaTranslator() {}

    /**
     * @param inputs the input streams' schemas by stream name
     * @throws IOException if the file cannot be read
     * @throws dev.flinkkda.kda.sql.parser.NotUtf8Exception if it is not UTF-8
     * @throws dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException for a syntax error
     * @throws dev.flinkkda.kda.sql.analysis.KdaSemanticException for anything else that cannot run
     */
    public static ApplicationPlan translate(Path file, Map<String, KdaSchema> inputs)
            throws IOException {
        return translate(file, inputs, Map.of());
    }

    /**
     * As {@link #translate(Path, Map)}, with reference tables.
     *
     * @param referenceTables the reference tables' schemas by table name
     */
    public static ApplicationPlan translate(
            Path file, Map<String, KdaSchema> inputs, Map<String, KdaSchema> referenceTables)
            throws IOException {
        return translate(
                Utf8Text.read(file), file.getFileName().toString(), inputs, referenceTables);
    }

    /**
     * As {@link #translate(Path, Map, Map)}, for an application's text.
     *
     * @param sourceName the name errors give the application, e.g. its file's
     */
    public static ApplicationPlan translate(
            String sql,
            String sourceName,
            Map<String, KdaSchema> inputs,
            Map<String, KdaSchema> referenceTables) {
        KdaScript script = KdaSqlParser.parse(sql, sourceName);
        return Planner.plan(
                Analyzer.analyze(script, inputStreams(inputs), tables(referenceTables)));
    }

    private static List<StreamDefinition> inputStreams(Map<String, KdaSchema> inputs) {
        List<StreamDefinition> streams = new ArrayList<>();
        inputs.forEach((name, schema) -> streams.add(inputStream(name, schema)));
        return streams;
    }

    private static List<StreamDefinition> tables(Map<String, KdaSchema> referenceTables) {
        List<StreamDefinition> tables = new ArrayList<>();
        referenceTables.forEach(
                (name, schema) ->
                        tables.add(
                                StreamDefinition.referenceTable(
                                        name, inputStream(name, schema).columns())));
        return tables;
    }

    /**
     * A translation that goes on past pumps it cannot translate, for {@code translate} and {@code
     * validate}: each such pump is reported as {@link Translation#UNSUPPORTED} (with its error) and
     * left out, and the rest is translated. Errors outside pumps (syntax, stream definitions) are
     * still thrown.
     *
     * @param plan the plan of the pumps that translate, empty if none does
     * @param problems one report per pump left out, in source order
     */
    public record Lenient(Optional<ApplicationPlan> plan, List<StatementReport> problems) {}

    /** As {@link #translate}, reporting every pump that cannot be translated. */
    public static Lenient translateReportingAll(
            Path file, Map<String, KdaSchema> inputs, Map<String, KdaSchema> referenceTables)
            throws IOException {
        return translateReportingAll(
                Utf8Text.read(file), file.getFileName().toString(), inputs, referenceTables);
    }

    /**
     * As {@link #translateReportingAll(Path, Map, Map)}, for an application's text.
     *
     * @param sourceName the name errors give the application, e.g. its file's
     */
    public static Lenient translateReportingAll(
            String sql,
            String sourceName,
            Map<String, KdaSchema> inputs,
            Map<String, KdaSchema> referenceTables) {
        KdaScript script = KdaSqlParser.parse(sql, sourceName);
        List<StreamDefinition> streams = inputStreams(inputs);
        List<StreamDefinition> tables = tables(referenceTables);
        List<StatementReport> problems = new ArrayList<>();
        while (true) {
            if (script.pumps().isEmpty()) {
                Analyzer.analyze(script, streams, tables); // stream definitions still checked
                return new Lenient(Optional.empty(), problems);
            }
            try {
                return new Lenient(
                        Optional.of(Planner.plan(Analyzer.analyze(script, streams, tables))),
                        problems);
            } catch (KdaSemanticException e) {
                CreatePump culprit = pumpAt(script, e.position()).orElseThrow(() -> e);
                problems.add(
                        new StatementReport(
                                culprit.position(),
                                "CREATE PUMP \"" + culprit.name().name() + "\"",
                                Translation.UNSUPPORTED,
                                e.getMessage()));
                List<Statement> rest = new ArrayList<>(script.statements());
                rest.remove(culprit);
                script = new KdaScript(script.sourceName(), rest);
            }
        }
    }

    /** The pump whose text contains {@code position}: the last one that starts before it. */
    private static Optional<CreatePump> pumpAt(KdaScript script, SourcePosition position) {
        Statement containing = null;
        for (Statement statement : script.statements()) {
            SourcePosition start = statement.position();
            boolean startsBefore =
                    start.line() < position.line()
                            || (start.line() == position.line()
                                    && start.column() <= position.column());
            if (startsBefore) {
                containing = statement;
            }
        }
        return containing instanceof CreatePump pump ? Optional.of(pump) : Optional.empty();
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
