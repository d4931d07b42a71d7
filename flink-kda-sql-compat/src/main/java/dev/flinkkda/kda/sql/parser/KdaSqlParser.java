package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.DataType;
import dev.flinkkda.kda.sql.ast.Expression;
import dev.flinkkda.kda.sql.ast.KdaScript;
import dev.flinkkda.kda.sql.ast.Query;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;

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

    /**
     * How deep expressions and queries may nest (see {@link NestingLimit} for what counts): deeper
     * code is a syntax error at the bracket or operator that goes too deep.
     *
     * <p>Why 100: on a thread with 512 KB of stack (the smallest JVM default), in a fresh JVM, the
     * first stage to overflow is Flink's planner on the generated SQL (Calcite's
     * SqlToRelConverter): at 180 levels of {@code ||} or of nested function calls, 190 of {@code
     * NOT}, unary minus or {@code AND}; flink-kda's own stages (ANTLR's parser first, on nested
     * calls) at 200. 100 leaves room for the callers' frames; with the usual 1 MB, Flink first
     * fails at about 400.
     */
    public static final int MAX_NESTING_DEPTH = 100;

    /**
     * How long a name may be, in characters: KDA's own limit (its {@code error_stream} holds a
     * pump's name in a {@code VARCHAR(128)}), and half of Flink's (256), which leaves room for the
     * names of the views the planner derives from a pump's.
     */
    public static final int MAX_NAME_LENGTH = 128;

    private KdaSqlParser() {}

    /** Parses application code: statements separated by {@code ;}. */
    public static KdaScript parse(String sql) {
        return parse(sql, DEFAULT_SOURCE_NAME);
    }

    /**
     * Parses application code: statements separated by {@code ;}.
     *
     * @param sourceName what error messages call the source, e.g. {@code app.sql}
     * @throws KdaSqlSyntaxException at the first syntax error, or where the code nests deeper than
     *     {@link #MAX_NESTING_DEPTH}
     */
    public static KdaScript parse(String sql, String sourceName) {
        KdaSql parser = parserFor(sql, sourceName);
        return new KdaSqlAstBuilder(sourceName).script(checked(parser.script(), sourceName));
    }

    /** Parses one query, e.g. {@code SELECT STREAM * FROM s}, without a trailing {@code ;}. */
    public static Query parseQuery(String sql) {
        KdaSql parser = parserFor(sql, DEFAULT_SOURCE_NAME);
        return new KdaSqlAstBuilder(DEFAULT_SOURCE_NAME)
                .query(checked(parser.standaloneQuery(), DEFAULT_SOURCE_NAME).query());
    }

    /** Parses one expression, e.g. {@code STEP(ROWTIME BY INTERVAL '1' MINUTE)}. */
    public static Expression parseExpression(String sql) {
        KdaSql parser = parserFor(sql, DEFAULT_SOURCE_NAME);
        return new KdaSqlAstBuilder(DEFAULT_SOURCE_NAME)
                .expression(
                        checked(parser.standaloneExpression(), DEFAULT_SOURCE_NAME).expression());
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
                .dataType(checked(parser.standaloneDataType(), DEFAULT_SOURCE_NAME).dataType());
    }

    private static KdaSql parserFor(String sql, String sourceName) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sourceName, "sourceName");
        ExpectedTokensStrategy strategy = new ExpectedTokensStrategy();
        SyntaxErrorListener errors = new SyntaxErrorListener(sourceName, strategy);
        KdaSqlLexer lexer = new KdaSqlLexer(CharStreams.fromString(sql, sourceName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        NestingLimit.checkTokens(tokens.getTokens(), sourceName, MAX_NESTING_DEPTH);
        KdaSql parser = new KdaSql(tokens);
        parser.setErrorHandler(strategy);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        return parser;
    }

    /** The parse tree, once it is known not to nest too deep for the stages after the parser. */
    private static <T extends ParserRuleContext> T checked(T tree, String sourceName) {
        NestingLimit.check(tree, sourceName, MAX_NESTING_DEPTH);
        return tree;
    }
}
