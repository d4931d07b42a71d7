package dev.flinkkda.kda.schema;

import dev.flinkkda.kda.sql.ast.ColumnDefinition;
import dev.flinkkda.kda.sql.ast.CreateStream;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.SourcePosition;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;
import dev.flinkkda.kda.sql.parser.KdaSqlSyntaxException;
import dev.flinkkda.kda.sql.parser.Utf8Text;
import dev.flinkkda.kda.sql.types.KdaTypes;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns of an input stream, in order, without the implicit {@code ROWTIME}.
 *
 * <p>Written as the column list of {@code CREATE STREAM}: {@code TICKER_SYMBOL VARCHAR(4),
 * EVENT_TIME TIMESTAMP, PRICE DOUBLE}, with KDA's identifier rules (unquoted names fold to upper
 * case, {@code "quoted"} ones keep their case), types ({@link KdaTypes}), {@code NOT NULL} and, in
 * a file, {@code --} and block comments. The text is parsed by the KDA SQL parser.
 */
public final class KdaSchema implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The name of every stream's implicit time column. */
    public static final String ROWTIME = "ROWTIME";

    // The schema text goes on lines of its own, so that the parser's line numbers, less one, are
    // the text's and its columns are unchanged.
    private static final String PREFIX = "CREATE STREAM \"schema\" (\n";
    private static final String SUFFIX = "\n)";

    private final List<KdaColumn> columns;

    private KdaSchema(List<KdaColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * A schema of the given columns.
     *
     * @throws KdaSchemaException if it has no columns, a name twice or a column named {@code
     *     ROWTIME}
     */
    public static KdaSchema of(List<KdaColumn> columns) {
        Map<String, KdaColumn> seen = new HashMap<>();
        for (KdaColumn column : columns) {
            checkName(column.name(), seen.put(column.name(), column) != null, "");
        }
        if (columns.isEmpty()) {
            throw new KdaSchemaException("a schema needs at least one column");
        }
        return new KdaSchema(columns);
    }

    /**
     * Parses a {@code --schema} text, e.g. {@code TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE}.
     *
     * @throws KdaSchemaException naming the position in {@code text}: {@code column 37: ...} for a
     *     text of one line, {@code line 2, column 5: ...} otherwise
     */
    public static KdaSchema parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses a schema file: the same text as {@link #parse(String)}, on as many lines as wanted,
     * with comments.
     *
     * @throws KdaSchemaException naming {@code file:line:column}
     * @throws dev.flinkkda.kda.sql.parser.NotUtf8Exception if the file is not UTF-8
     * @throws IOException if the file cannot be read
     */
    public static KdaSchema fromFile(Path file) throws IOException {
        return parse(Utf8Text.decode(Files.readAllBytes(file), file.toString()), file.toString());
    }

    /**
     * The schema of {@code CREATE STREAM}'s columns, e.g. of an in-application stream.
     *
     * @throws KdaSchemaException naming the line and column of the application code
     */
    public static KdaSchema fromColumnDefinitions(List<ColumnDefinition> definitions) {
        return fromDefinitions(definitions, position -> position.toString() + ": ");
    }

    /**
     * Parses a schema text.
     *
     * @param sourceName the name of the text in messages (a file name), or null for a {@code
     *     --schema} argument
     */
    public static KdaSchema parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        boolean oneLine = text.lines().count() <= 1;
        Where where =
                position -> {
                    if (sourceName != null) {
                        return sourceName + ":" + position + ": ";
                    }
                    return oneLine
                            ? "column " + position.column() + ": "
                            : "line " + position.line() + ", column " + position.column() + ": ";
                };
        if (text.isBlank()) {
            throw new KdaSchemaException(
                    (sourceName != null ? sourceName + ": " : "")
                            + "the schema is empty: expected columns like"
                            + " TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE");
        }
        KdaScript script;
        try {
            script = KdaSqlParser.parse(PREFIX + text + SUFFIX, "schema");
        } catch (KdaSqlSyntaxException e) {
            throw syntaxError(e, text, where);
        }
        if (script.statements().size() != 1 || script.streams().size() != 1) {
            throw new KdaSchemaException(
                    (sourceName != null ? sourceName + ": " : "")
                            + "unbalanced parentheses: expected only columns like"
                            + " TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE");
        }
        CreateStream stream = script.streams().get(0);
        return fromDefinitions(
                stream.columns(), position -> where.describe(inSchemaText(position)));
    }

    private static KdaSchemaException syntaxError(
            KdaSqlSyntaxException e, String text, Where where) {
        SourcePosition end = endOf(text);
        int line = e.line() - 1;
        boolean inText =
                line >= 1
                        && (line < end.line() || (line == end.line() && e.column() < end.column()));
        if (!inText) {
            // The parser stopped at the parenthesis added after the text: the text ended early.
            String expected =
                    e.expected().isEmpty() ? "" : ": expected " + String.join(", ", e.expected());
            return new KdaSchemaException(
                    where.describe(end) + "the schema ends too early" + expected, e);
        }
        return new KdaSchemaException(
                where.describe(new SourcePosition(line, e.column())) + e.detail(), e);
    }

    private static int lastLength(String text) {
        int lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
        return text.length() - lastBreak - 1;
    }

    private static SourcePosition endOf(String text) {
        int lines = (int) Math.max(1, text.lines().count());
        return new SourcePosition(lines, lastLength(text) + 1);
    }

    private static SourcePosition inSchemaText(SourcePosition inScript) {
        return new SourcePosition(Math.max(1, inScript.line() - 1), inScript.column());
    }

    private static KdaSchema fromDefinitions(List<ColumnDefinition> definitions, Where where) {
        if (definitions.isEmpty()) {
            throw new KdaSchemaException("a schema needs at least one column");
        }
        List<KdaColumn> columns = new ArrayList<>();
        Map<String, ColumnDefinition> seen = new HashMap<>();
        for (ColumnDefinition definition : definitions) {
            String name = definition.name().name();
            String prefix = where.describe(definition.position());
            ColumnDefinition previous = seen.put(name, definition);
            checkName(name, previous != null, prefix);
            DataType type;
            try {
                type = KdaTypes.toFlink(definition.type());
            } catch (IllegalArgumentException e) {
                throw new KdaSchemaException(prefix + "column " + name + ": " + e.getMessage(), e);
            }
            columns.add(
                    new KdaColumn(
                            name,
                            KdaTypes.toText(definition.type()),
                            definition.notNull() ? type.notNull() : type));
        }
        return new KdaSchema(columns);
    }

    private static void checkName(String name, boolean duplicate, String prefix) {
        if (name.equals(ROWTIME)) {
            throw new KdaSchemaException(
                    prefix
                            + "ROWTIME is the implicit time column of every stream and cannot be"
                            + " declared; to take it from the records' ROWTIME field, use"
                            + " --rowtime field:ROWTIME");
        }
        if (duplicate) {
            throw new KdaSchemaException(prefix + "column " + name + " is declared twice");
        }
    }

    /** The columns, in order. */
    public List<KdaColumn> columns() {
        return columns;
    }

    /** The number of columns. */
    public int size() {
        return columns.size();
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(KdaColumn::name).toList();
    }

    /** The column with this exact name, if any. */
    public Optional<KdaColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The Flink row type of the columns (without {@code ROWTIME}). */
    public DataType rowDataType() {
        return DataTypes.ROW(
                columns.stream()
                        .map(c -> DataTypes.FIELD(c.name(), c.dataType()))
                        .toArray(DataTypes.Field[]::new));
    }

    /** The schema text, which parses back to an equal schema. */
    @Override
    public String toString() {
        return columns.stream().map(KdaColumn::toString).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KdaSchema other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    /** The prefix of a message about a position. */
    private interface Where {
        String describe(SourcePosition position);
    }
}
