package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.Query;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

import java.util.Objects;

/**
 * Parses Kinesis Data Analytics (KDA) for SQL application code into its syntax tree.
 *
 * <pre>{@code
 * KdaScript app = KdaSqlParser.parse(Files.readString(path), path.getFileName().toString());
 * for (CreatePump pump : app.pumps()) { ... pump.targetStream() ... pump.query() ... }
 * }</pre>
 *
 * <p>The first syntax error ends parsing with a {@link KdaSqlSyntaxException}; nothing is printed.
 * Instances are not needed: the methods are static and thread-safe.
 */
public final class KdaSqlParser {

    /** The source name used when none is given. */
    public static final String DEFAULT_SOURCE_NAME = "<input>";

    private KdaSqlParser() {}

    /** Parses application code: statements separated by {@code ;}. */
    public static KdaScript parse(String sql) {
        return parse(sql, DEFAULT_SOURCE_NAME);
    }

    /**
     * Parses application code: statements separated by {@code ;}.
     *
     * @param sourceName what error messages call the source, e.g. {@code app.sql}
     * @throws KdaSqlSyntaxException at the first syntax error
     */
    public static KdaScript parse(String sql, String sourceName) {
        KdaSql parser = parserFor(sql, sourceName);
        return new KdaSqlAstBuilder(sourceName).script(parser.script());
    }

    /** Parses one query, e.g. {@code SELECT STREAM * FROM s}, without a trailing {@code ;}. */
    public static Query parseQuery(String sql) {
        KdaSql parser = parserFor(sql, DEFAULT_SOURCE_NAME);
        return new KdaSqlAstBuilder(DEFAULT_SOURCE_NAME).query(parser.standaloneQuery().query());
    }

    /** Parses one expression, e.g. {@code STEP(ROWTIME BY INTERVAL '1' MINUTE)}. */
    public static Expression parseExpression(String sql) {
        KdaSql parser = parserFor(sql, DEFAULT_SOURCE_NAME);
        return new KdaSqlAstBuilder(DEFAULT_SOURCE_NAME)
                .expression(parser.standaloneExpression().expression());
    }

    /**
     * Parses one SQL type, e.g. {@code VARCHAR(16)}, {@code DECIMAL(10, 2)}, {@code TIMESTAMP}, as
     * a column definition writes it.
     *
     * @throws KdaSqlSyntaxException if {@code sql} is not one type
     */
    public static DataType parseDataType(String sql) {
        KdaSql parser = parserFor(sql, DEFAULT_SOURCE_NAME);
        return new KdaSqlAstBuilder(DEFAULT_SOURCE_NAME)
                .dataType(parser.standaloneDataType().dataType());
    }

    private static KdaSql parserFor(String sql, String sourceName) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sourceName, "sourceName");
        ExpectedTokensStrategy strategy = new ExpectedTokensStrategy();
        SyntaxErrorListener errors = new SyntaxErrorListener(sourceName, strategy);
        KdaSqlLexer lexer = new KdaSqlLexer(CharStreams.fromString(sql, sourceName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        KdaSql parser = new KdaSql(new CommonTokenStream(lexer));
        parser.setErrorHandler(strategy);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return parser;
    }
}
